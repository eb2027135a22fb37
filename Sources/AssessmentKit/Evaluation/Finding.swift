import EvaluatorProtocol

/// Something an evaluator module found wrong in one area, what it recommends, and the answers
/// that made it fire.
public struct Finding: Hashable, Sendable, Codable {
  /// `<module>/<rule>`: unique in a result.
  public var id: String
  public var module: String
  public var rule: String
  public var questionnaire: String
  public var severity: Rule.Severity
  public var title: String
  public var summary: String
  public var why: String
  /// The items the finding rests on.
  public var items: [String]
  /// The answers read when the rule fired, item by item.
  public var triggers: [Trigger]
  public var recommendation: RecommendationContent

  public struct Trigger: Hashable, Sendable, Codable {
    public var item: String
    public var status: ItemResult.Status
    public var answer: [String]?
  }
}

/// What to do, who does it, by when, under which strategy component, with which tool.
public struct RecommendationContent: Hashable, Sendable, Codable {
  public var title: String
  public var actions: [String]
  public var actors: [String]
  public var horizon: Rule.Recommendation.Horizon
  public var component: Rule.Recommendation.Component
  public var references: [CitedReference]
}

/// An instrument as a report prints it: the title and the place in it.
public struct CitedReference: Hashable, Sendable, Codable {
  public var title: String
  public var pinpoint: String?
}

extension Rule.Recommendation.Horizon {
  /// short: within a year; medium: one to three years; long: beyond three years.
  public var label: String {
    switch self {
    case .short: return "short term (within a year)"
    case .medium: return "medium term (1–3 years)"
    case .long: return "long term (over 3 years)"
    }
  }
}

extension Rule.Recommendation.Component {
  public var label: String {
    switch self {
    case .dataResearch: return "Data and research"
    case .prevention: return "Prevention"
    case .legislationOperations: return "Legislation and operations"
    case .assistanceProtection: return "Assistance and protection"
    case .accountability: return "Accountability"
    case .internationalCooperation: return "International cooperation"
    }
  }
}
