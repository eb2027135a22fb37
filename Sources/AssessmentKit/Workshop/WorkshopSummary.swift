/// What `assess workshop` concludes from many respondents' answers: per questionnaire and
/// item, how the answers are spread, how far the respondents agree, and which items the room
/// should discuss first. Reports render it (a divergence heatmap from ``WorkshopItem/answers``,
/// the discussion list from ``WorkshopArea/discussion``); `--format json` prints it.
public struct WorkshopSummary: Hashable, Sendable, Codable {
  public var format = "assess/workshop@1"
  public var country: String
  /// The respondents in the order their files were named; labels only when anonymous.
  public var respondents: [WorkshopRespondent]
  public var anonymous: Bool
  /// Whether each respondent's own answers are kept (``WorkshopItem/answers``); they are
  /// dropped above ``WorkshopAggregator/detailLimit`` respondents so memory stays flat.
  public var perRespondentDetail: Bool
  public var areas: [WorkshopArea]
}

public struct WorkshopRespondent: Hashable, Sendable, Codable {
  /// The agency (else the role, the name or the file name), or `Respondent N` when anonymous.
  public var label: String
  public var agency: String?
  public var role: String?
  public var round: String?
  /// The answers file; nil when anonymous, since file names often name the agency.
  public var source: String?
}

/// The Delphi rule applied, with the questionnaire's values or the defaults.
public struct AppliedWorkshopRule: Hashable, Sendable, Codable {
  public var discussWhenIQRAbove: Double
  public var discussWhenAgreementBelow: Double?
  public var criticalFactor: Double
}

public struct WorkshopArea: Hashable, Sendable, Codable {
  public var questionnaire: String
  public var version: String
  public var title: String
  /// The profile every respondent answered under, when they all used the same one.
  public var profile: String?
  public var rule: AppliedWorkshopRule
  public var respondents: Int
  public var items: [WorkshopItem]
  /// The items to discuss, most divergent first (divergence × weight × critical factor).
  public var discussion: [DiscussionEntry]
}

/// How many respondents gave one answer.
public struct AnswerCount: Hashable, Sendable, Codable {
  /// The option value, the number, or the options of a multiple choice joined by `, `.
  public var value: String
  public var label: String?
  /// Its place on the level scale, when it has one.
  public var level: Double?
  public var count: Int
}

/// Median, quartiles and extremes of a set of values.
public struct Spread: Hashable, Sendable, Codable {
  public var median: Double
  public var lowerQuartile: Double
  public var upperQuartile: Double
  /// upper − lower quartile.
  public var iqr: Double
  public var minimum: Double
  public var maximum: Double
  /// maximum − minimum.
  public var range: Double

  public init?(_ histogram: Histogram) {
    guard let median = histogram.median, let lower = histogram.quantile(0.25), let upper = histogram.quantile(0.75),
      let minimum = histogram.minimum, let maximum = histogram.maximum
    else { return nil }
    self.median = median
    lowerQuartile = lower
    upperQuartile = upper
    iqr = upper - lower
    self.minimum = minimum
    self.maximum = maximum
    range = maximum - minimum
  }
}

/// One respondent's answer to one item: a cell of the divergence heatmap.
public struct RespondentAnswer: Hashable, Sendable, Codable {
  public var respondent: String
  public var answer: [String]?
  public var status: ItemResult.Status
  /// On the level scale (0–4); nil when not scored.
  public var level: Double?
  public var notes: String?
}

public struct WorkshopItem: Hashable, Sendable, Codable {
  public var id: String
  public var section: String
  public var text: String
  public var kind: String
  public var weight: Double
  public var critical: Bool
  /// Respondents whose answer has a place on the level scale.
  public var scored: Int
  public var notApplicable: Int
  public var dontKnow: Int
  /// Not answered, not asked or outside the respondent's profile.
  public var unanswered: Int
  public var distribution: [AnswerCount]
  /// On the level scale (0–4): levels for maturity options, 4 × score for other options and
  /// for scored numbers.
  public var levels: Spread?
  /// For number and percent items, in the item's own unit.
  public var numbers: Spread?
  /// Tastle–Wierman consensus on the level scale, 0…1.
  public var agreement: Double?
  /// The answer a consensus file is pre-filled with.
  public var proposed: [String]?
  public var discuss: Bool
  /// Why it is on the discussion list, in words.
  public var reasons: [String]
  public var answers: [RespondentAnswer]?
}

public struct DiscussionEntry: Hashable, Sendable, Codable {
  public var rank: Int
  public var item: String
  /// IQR (levels) × weight × critical factor: the order of the list.
  public var priority: Double
  public var iqr: Double
  public var range: Double
  public var agreement: Double?
  public var critical: Bool
  /// Respondents whose answer is not the proposed one, when per-respondent detail is kept.
  public var dissenters: [String]?
}
