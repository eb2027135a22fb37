/// Where one item stands after scoring.
public struct ItemResult: Hashable, Sendable, Codable {
  public enum Status: String, Hashable, Sendable, Codable {
    case answered
    case unanswered
    case notApplicable = "not-applicable"
    case unknown = "dont-know"
    /// Its `relevant` condition is false given the other answers.
    case notAsked = "not-asked"
    /// The profile leaves it out.
    case outOfProfile = "out-of-profile"
    /// Computed from other answers.
    case calculated
  }

  public var id: String
  public var section: String
  public var status: Status
  /// The option value(s), number or text written.
  public var answer: [String]?
  public var score: Double?
  public var level: Int?
  public var weight: Double
  public var critical: Bool
  /// The chosen option is marked deficient on its scale.
  public var deficient: Bool
  /// Counts in the section's score and coverage.
  public var scored: Bool
  public var notes: String?
  public var evidence: [String]
}

/// A critical safeguard answered as deficient: flagged whatever the averages say.
public struct CriticalFlag: Hashable, Sendable, Codable {
  public var item: String
  public var section: String
  public var answer: [String]
  /// The question, in the report's language.
  public var text: String
}

/// A maturity level with its name.
public struct LevelResult: Hashable, Sendable, Codable {
  public var level: Int
  public var name: String
  /// The level the scores alone reach, when a critical safeguard capped it lower.
  public var uncapped: Int?
  /// Why the level is what it is, in words.
  public var basis: String
}

/// How far a level is from the target a profile sets.
public struct TargetResult: Hashable, Sendable, Codable {
  public var target: Int
  /// target − level, never below zero.
  public var gap: Int
}

public struct SectionResult: Hashable, Sendable, Codable {
  public var id: String
  public var ref: String?
  public var title: String
  public var weight: Double
  /// 0…1; nil when nothing in it is answered.
  public var score: Double?
  public var formula: Formula?
  public var level: LevelResult?
  public var target: TargetResult?
  public var coverage: Coverage
  public var criticalFlags: [CriticalFlag]
}

/// The scores of one questionnaire (one area) for one respondent.
public struct AreaResult: Hashable, Sendable, Codable {
  public var questionnaire: String
  public var version: String
  public var title: String
  public var profile: String?
  public var model: String
  public var score: Double?
  public var formula: Formula?
  public var level: LevelResult?
  public var coverage: Coverage
  /// SAMM's percent to target: 1 − Σgap / Σtarget over the sections with a target.
  public var percentToTarget: Double?
  public var criticalFlags: [CriticalFlag]
  public var sections: [SectionResult]
  public var items: [ItemResult]
}
