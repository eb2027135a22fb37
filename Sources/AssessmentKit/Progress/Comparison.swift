/// What changed between a baseline assessment and a follow-up: per area, section and item the
/// change in level, SAMM's progress to date and percent to target, the items that improved,
/// regressed or became critical, and which recommendations are done or still open. Reports
/// render it (a chart from ``AreaComparison/sections``); `assess compare --format json` prints it.
public struct Comparison: Hashable, Sendable, Codable {
  public var format = "assess/comparison@1"
  public var baseline: ComparedRound
  public var followUp: ComparedRound
  public var areas: [AreaComparison]
  public var recommendations: RecommendationProgress
}

/// One of the two assessments compared.
public struct ComparedRound: Hashable, Sendable, Codable {
  public var source: String
  public var country: String
  public var agency: String?
  public var round: String?
  public var date: String?
}

/// An area's score, level and percent to target in one round.
public struct RoundStanding: Hashable, Sendable, Codable {
  public var version: String
  public var score: Double?
  public var level: Int?
  public var percentToTarget: Double?
}

public struct AreaComparison: Hashable, Sendable, Codable {
  public var questionnaire: String
  public var title: String
  /// nil when the baseline did not assess this area.
  public var baseline: RoundStanding?
  /// nil when the follow-up did not assess this area.
  public var followUp: RoundStanding?
  public var scoreChange: Double?
  public var levelChange: Int?
  /// SAMM's progress to date over the sections with a target above their baseline level:
  /// Σ(level now − level then) / Σ(target − level then). 1 when every gap is closed; below 0
  /// when the area slid back. nil when no section had a gap.
  public var progressToDate: Double?
  public var sections: [SectionComparison]
  public var items: [ItemComparison]
  public var improved: [String]
  public var regressed: [String]
  /// Critical safeguards answered deficient in the follow-up but not in the baseline.
  public var newlyCritical: [String]
  /// Critical safeguards answered deficient in the baseline and no longer in the follow-up.
  public var resolvedCritical: [String]
}

public struct SectionComparison: Hashable, Sendable, Codable {
  public var id: String
  public var title: String
  public var baselineScore: Double?
  public var followUpScore: Double?
  public var baselineLevel: Int?
  public var followUpLevel: Int?
  public var target: Int?
  public var levelChange: Int?
  /// (level now − level then) / (target − level then), when the baseline was below target.
  public var progressToDate: Double?
  /// The follow-up's gap to target, never below zero.
  public var gap: Int?
}

public struct ItemComparison: Hashable, Sendable, Codable {
  public enum Change: String, Hashable, Sendable, Codable {
    case improved, regressed, unchanged
    /// Answered in the follow-up only.
    case newlyAnswered = "newly-answered"
    /// Answered in the baseline only.
    case noLongerAnswered = "no-longer-answered"
    /// Neither answer has a place on the level scale (free text, unscored numbers, not applicable).
    case notScored = "not-scored"
  }

  public var id: String
  public var section: String
  public var critical: Bool
  public var baselineAnswer: [String]?
  public var followUpAnswer: [String]?
  /// On the level scale (0–4): the option's level, else 4 × score.
  public var baselineLevel: Double?
  public var followUpLevel: Double?
  public var levelChange: Double?
  public var change: Change
}

public struct RecommendationProgress: Hashable, Sendable, Codable {
  /// Made for the baseline and no longer needed in the follow-up.
  public var done: [RecommendationStatus]
  /// Made for both rounds.
  public var open: [RecommendationStatus]
  /// Made for the follow-up only.
  public var new: [RecommendationStatus]
}

public struct RecommendationStatus: Hashable, Sendable, Codable {
  public var questionnaire: String
  public var title: String
  /// The findings behind it (module/rule), which identify it across rounds.
  public var sources: [String]
  public var baselinePriority: Int?
  public var followUpPriority: Int?
}
