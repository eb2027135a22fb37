/// The workshop part of a report, built from a consensus answers file (see
/// ``ReportBuilder/workshopSection(_:)``): per area, a divergence heatmap of items ×
/// respondents, the discussion list, and who dissented from what the room agreed.
public struct WorkshopSection: Sendable {
  /// "Workshop: where the respondents diverged".
  public var title: String
  /// "3 respondents: Police; NGO; Child protection. Consensus reached in up to 2 rounds."
  public var summary: String
  public var respondentCount: Int
  public var areas: [WorkshopAreaView]
}

public struct WorkshopAreaView: Sendable {
  public var anchor: String
  public var questionnaire: String
  public var title: String
  /// The heatmap's respondent columns, in the order the workshop named them.
  public var columns: [String]
  public var rows: [HeatmapRow]
  public var hasRows: Bool
  /// Which items the heatmap shows and which it leaves out, in words.
  public var heatmapNote: String
  /// The Delphi rule that put items on the discussion list, in words.
  public var ruleText: String
  public var discussion: [DiscussionView]
  public var hasDiscussion: Bool
  public var dissent: [DissentView]
  public var hasDissent: Bool
}

/// One item of the heatmap: the agreed answer, then each respondent's original answer.
public struct HeatmapRow: Sendable {
  public var item: String
  public var itemText: String
  /// The agreed answer, or "median: …" when the room left the item unanswered.
  public var agreed: String
  /// On the discussion list.
  public var discussed: Bool
  public var cells: [HeatmapCell]
}

/// One respondent's answer: its text is always shown, with its distance in levels written
/// out, so the shade never carries meaning alone.
public struct HeatmapCell: Sendable {
  /// "Partly (−2)"; "–" when not answered.
  public var text: String
  /// `0`…`4`: levels away from the agreed answer (4 or more is 4); `none` when the answer has
  /// no place on the level scale.
  public var shade: String
  /// The same in words, for a tooltip and screen readers: "2 levels below the agreed answer".
  public var detail: String
}

/// An item the questionnaire's Delphi rule put up for discussion, most divergent first.
public struct DiscussionView: Sendable {
  public var rank: Int
  public var item: String
  public var itemText: String
  public var critical: Bool
  /// The median on the level scale, with the option nearest to it: "2 (Partly)".
  public var median: String
  public var iqr: String
  /// "0–4".
  public var range: String
  public var agreement: String
  public var reasons: String
  public var agreedAnswer: String
}

/// An item where some respondents stand more than a level from the agreed answer, or where the
/// facilitator recorded dissent.
public struct DissentView: Sendable {
  public var item: String
  public var itemText: String
  public var agreedAnswer: String
  /// "Police: No (−4 levels); NGO: Yes (+2 levels)"; nil when only a note was recorded.
  public var dissenters: String?
  /// The facilitator's `dissent:` note.
  public var note: String?
  public var rounds: Int
}
