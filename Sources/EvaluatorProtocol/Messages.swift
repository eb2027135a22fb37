// The messages of the evaluator protocol, version 1. Host and module (through EvaluatorKit)
// compile this one file, so the two sides cannot drift apart. `Docs/evaluator-protocol.md`
// describes them for modules written in other languages; `Schemas/evaluator-protocol.schema.json`
// is their JSON Schema.
//
// Every message is a JSON object with exactly one key naming the message: `{"hello": {...}}`.

/// What the host sends to a module.
public enum HostMessage: Hashable, Sendable {
  /// First message: the protocol versions the host speaks, newest last.
  case hello(Hello)
  /// Evaluate one respondent's answers to one questionnaire.
  case evaluate(EvaluateRequest)
  /// No more requests: the module exits with status 0.
  case shutdown
}

/// What a module sends to the host.
public enum ModuleMessage: Hashable, Sendable {
  /// The protocol version the module chose among those the host offered.
  case helloResult(HelloResult)
  /// The module speaks none of the versions the host offered.
  case helloError(HelloError)
  /// The findings for one request.
  case evaluateResult(EvaluateResult)
  /// The module could not evaluate this request (its own content problem); the batch goes on.
  case evaluateError(EvaluateError)
}

public struct Hello: Codable, Hashable, Sendable {
  public var protocolVersions: [Int]
  public var toolkitVersion: String

  public init(protocolVersions: [Int], toolkitVersion: String) {
    self.protocolVersions = protocolVersions
    self.toolkitVersion = toolkitVersion
  }
}

public struct HelloResult: Codable, Hashable, Sendable {
  public var protocolVersion: Int
  /// The module's id and version, as its manifest states them.
  public var module: ModuleIdentity

  public init(protocolVersion: Int, module: ModuleIdentity) {
    self.protocolVersion = protocolVersion
    self.module = module
  }
}

public struct ModuleIdentity: Codable, Hashable, Sendable {
  public var id: String
  public var version: String

  public init(id: String, version: String) {
    self.id = id
    self.version = version
  }
}

public struct HelloError: Codable, Hashable, Sendable {
  public var message: String
  /// The versions the module does speak, so the host can say what to upgrade.
  public var supportedVersions: [Int]

  public init(message: String, supportedVersions: [Int]) {
    self.message = message
    self.supportedVersions = supportedVersions
  }
}

/// One respondent's answers to one questionnaire, with their scores, as the host computed them.
public struct EvaluateRequest: Codable, Hashable, Sendable {
  public var requestId: String
  public var questionnaire: QuestionnaireIdentity
  /// The language texts in the result should be written in (a BCP-47 code such as `en`).
  public var language: String
  public var respondent: RespondentSummary
  /// The profile the answers were given under, if any.
  public var profile: String?
  public var items: [ItemState]
  public var sections: [SectionState]

  public init(
    requestId: String, questionnaire: QuestionnaireIdentity, language: String, respondent: RespondentSummary,
    profile: String?, items: [ItemState], sections: [SectionState]
  ) {
    self.requestId = requestId
    self.questionnaire = questionnaire
    self.language = language
    self.respondent = respondent
    self.profile = profile
    self.items = items
    self.sections = sections
  }
}

public struct QuestionnaireIdentity: Codable, Hashable, Sendable {
  public var id: String
  public var version: String

  public init(id: String, version: String) {
    self.id = id
    self.version = version
  }
}

public struct RespondentSummary: Codable, Hashable, Sendable {
  public var country: String
  public var agency: String?
  public var round: String?

  public init(country: String, agency: String?, round: String?) {
    self.country = country
    self.agency = agency
    self.round = round
  }
}

/// Where an item stands: its answer, whether it was asked, its score.
public struct ItemState: Codable, Hashable, Sendable {
  public enum Status: String, Codable, Hashable, Sendable, CaseIterable {
    case answered
    case unanswered
    case notApplicable = "not-applicable"
    case unknown = "dont-know"
    /// Not asked: its `relevant` condition is false given the other answers.
    case notAsked = "not-asked"
  }

  public var id: String
  public var section: String
  /// choice, multi, number, percent, text or date.
  public var type: String
  public var critical: Bool
  public var weight: Double
  public var status: Status
  /// The answer: the option value(s) chosen, the number, or the text; absent unless answered.
  public var value: AnswerJSON?
  /// 0…1, when the answer is scored.
  public var score: Double?
  /// 0…4, when the answer maps to a maturity level.
  public var level: Int?
  /// The chosen option is marked deficient (on a critical item this is a critical flag).
  public var deficient: Bool

  public init(
    id: String, section: String, type: String, critical: Bool, weight: Double, status: Status, value: AnswerJSON?,
    score: Double?, level: Int?, deficient: Bool
  ) {
    self.id = id
    self.section = section
    self.type = type
    self.critical = critical
    self.weight = weight
    self.status = status
    self.value = value
    self.score = score
    self.level = level
    self.deficient = deficient
  }
}

/// An answer value as JSON carries it: text, a number, or a list of texts.
public enum AnswerJSON: Hashable, Sendable, Codable {
  case text(String)
  case number(Double)
  case list([String])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    // Text first: most answers are option values, and a failed attempt costs a thrown error.
    if let text = try? container.decode(String.self) {
      self = .text(text)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else {
      self = .list(try container.decode([String].self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .text(let text): try container.encode(text)
    case .number(let number): try container.encode(number)
    case .list(let list): try container.encode(list)
    }
  }
}

public struct SectionState: Codable, Hashable, Sendable {
  public var id: String
  public var score: Double?
  public var level: Int?
  /// The level the profile aims for, if it sets one.
  public var target: Int?
  /// Items with a real answer, and items that apply (asked and not "not applicable").
  public var answered: Int
  public var applicable: Int

  public init(id: String, score: Double?, level: Int?, target: Int?, answered: Int, applicable: Int) {
    self.id = id
    self.score = score
    self.level = level
    self.target = target
    self.answered = answered
    self.applicable = applicable
  }
}

public struct EvaluateResult: Codable, Hashable, Sendable {
  public var requestId: String
  public var findings: [FindingMessage]

  public init(requestId: String, findings: [FindingMessage]) {
    self.requestId = requestId
    self.findings = findings
  }
}

public struct EvaluateError: Codable, Hashable, Sendable {
  public var requestId: String
  public var message: String

  public init(requestId: String, message: String) {
    self.requestId = requestId
    self.message = message
  }
}

/// Something a module found wrong, and what it recommends.
public struct FindingMessage: Codable, Hashable, Sendable {
  /// Stable within the module, like a rule id.
  public var id: String
  public var title: String
  /// critical, high, medium, low or info.
  public var severity: String
  /// The items the finding rests on; each must exist in the questionnaire.
  public var items: [String]
  public var summary: String
  public var why: String
  public var recommendation: RecommendationMessage

  public init(
    id: String, title: String, severity: String, items: [String], summary: String, why: String,
    recommendation: RecommendationMessage
  ) {
    self.id = id
    self.title = title
    self.severity = severity
    self.items = items
    self.summary = summary
    self.why = why
    self.recommendation = recommendation
  }
}

public struct RecommendationMessage: Codable, Hashable, Sendable {
  public var title: String
  public var actions: [String]
  /// Actor ids: police, border-guards, child-protection, prosecutors … (Docs/evaluator-protocol.md lists them).
  public var actors: [String]
  /// short, medium or long.
  public var horizon: String
  /// data-research, prevention, legislation-operations, assistance-protection, accountability or
  /// international-cooperation.
  public var component: String
  public var references: [ReferenceMessage]

  public init(title: String, actions: [String], actors: [String], horizon: String, component: String, references: [ReferenceMessage]) {
    self.title = title
    self.actions = actions
    self.actors = actors
    self.horizon = horizon
    self.component = component
    self.references = references
  }
}

public struct ReferenceMessage: Codable, Hashable, Sendable {
  public var title: String
  public var pinpoint: String?

  public init(title: String, pinpoint: String?) {
    self.title = title
    self.pinpoint = pinpoint
  }
}

// MARK: - One key per message

private struct MessageKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

private struct Empty: Codable, Hashable, Sendable {}

public enum MessageDecodingError: Error, Hashable, Sendable {
  /// The object does not have exactly one key, or the key names no message.
  case unknownMessage(keys: [String])
}

extension HostMessage: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: MessageKey.self)
    let keys = container.allKeys.map(\.stringValue)
    guard keys.count == 1, let key = container.allKeys.first else { throw MessageDecodingError.unknownMessage(keys: keys) }
    switch key.stringValue {
    case "hello": self = .hello(try container.decode(Hello.self, forKey: key))
    case "evaluate": self = .evaluate(try container.decode(EvaluateRequest.self, forKey: key))
    case "shutdown": self = .shutdown
    default: throw MessageDecodingError.unknownMessage(keys: keys)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: MessageKey.self)
    switch self {
    case .hello(let body): try container.encode(body, forKey: MessageKey("hello"))
    case .evaluate(let body): try container.encode(body, forKey: MessageKey("evaluate"))
    case .shutdown: try container.encode(Empty(), forKey: MessageKey("shutdown"))
    }
  }
}

extension ModuleMessage: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: MessageKey.self)
    let keys = container.allKeys.map(\.stringValue)
    guard keys.count == 1, let key = container.allKeys.first else { throw MessageDecodingError.unknownMessage(keys: keys) }
    switch key.stringValue {
    case "helloResult": self = .helloResult(try container.decode(HelloResult.self, forKey: key))
    case "helloError": self = .helloError(try container.decode(HelloError.self, forKey: key))
    case "evaluateResult": self = .evaluateResult(try container.decode(EvaluateResult.self, forKey: key))
    case "evaluateError": self = .evaluateError(try container.decode(EvaluateError.self, forKey: key))
    default: throw MessageDecodingError.unknownMessage(keys: keys)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: MessageKey.self)
    switch self {
    case .helloResult(let body): try container.encode(body, forKey: MessageKey("helloResult"))
    case .helloError(let body): try container.encode(body, forKey: MessageKey("helloError"))
    case .evaluateResult(let body): try container.encode(body, forKey: MessageKey("evaluateResult"))
    case .evaluateError(let body): try container.encode(body, forKey: MessageKey("evaluateError"))
    }
  }
}
