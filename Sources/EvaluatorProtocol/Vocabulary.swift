/// The closed sets of words findings and recommendations use, defined once for the toolkit, its
/// rules modules and executable modules alike. The host checks every module result against them
/// (`Docs/evaluator-protocol.md`, "Output validation"); anything else makes the whole result an
/// evaluator error.

/// How serious a finding is, most serious first.
public enum FindingSeverity: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
  case critical, high, medium, low, info

  /// critical 1, high 0.75, medium 0.5, low 0.25, info 0: the S of the priority formula.
  public var weight: Double {
    switch self {
    case .critical: return 1
    case .high: return 0.75
    case .medium: return 0.5
    case .low: return 0.25
    case .info: return 0
    }
  }

  public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.weight < rhs.weight }
}

/// When a recommendation should be done.
public enum RecommendationHorizon: String, CaseIterable, Hashable, Sendable, Codable {
  case short, medium, long
}

/// Where a recommendation sits in a national strategy: its six components.
public enum StrategyComponent: String, CaseIterable, Hashable, Sendable, Codable {
  case dataResearch = "data-research"
  case prevention
  case legislationOperations = "legislation-operations"
  case assistanceProtection = "assistance-protection"
  case accountability
  case internationalCooperation = "international-cooperation"
}

/// The words of each set, as JSON carries them.
public enum ProtocolVocabulary {
  /// `FindingMessage.severity`, most serious first.
  public static let severities = FindingSeverity.allCases.map(\.rawValue)

  /// `RecommendationMessage.horizon`.
  public static let horizons = RecommendationHorizon.allCases.map(\.rawValue)

  /// `RecommendationMessage.component`.
  public static let components = StrategyComponent.allCases.map(\.rawValue)

  /// `RecommendationMessage.actors`: the built-in actor ids, in the order reports list them.
  public static let actors = [
    "police", "border-guards", "coastguard", "immigration", "customs", "child-protection", "prosecutors", "judiciary",
    "prisons", "consulates", "ngos", "labour-inspection", "ministries", "legislature", "health", "nhri",
  ]
}
