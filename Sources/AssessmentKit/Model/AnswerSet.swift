import Yams

/// One respondent's answers, to one or more questionnaires.
public struct AnswerSet: Hashable, Sendable, Decodable {
  public static let schema = "assess/answers@1"

  public var respondent: Respondent
  public var questionnaires: [QuestionnaireAnswers]
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case schema, respondent, questionnaires
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "answers file")
    location = fields.location
    respondent = try fields.required(Respondent.self, .respondent)
    questionnaires = try fields.list(QuestionnaireAnswers.self, .questionnaires, required: true)
  }
}

/// Who answered, for which country, in which round.
public struct Respondent: Hashable, Sendable, Decodable {
  public var country: String
  public var agency: String?
  public var role: String?
  public var name: String?
  public var date: Located<String>?
  public var round: String?
  public var language: Located<String>?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case country, agency, role, name, date, round, language
  }

  public init(country: String, agency: String? = nil, role: String? = nil, round: String? = nil) {
    self.country = country
    self.agency = agency
    self.role = role
    self.round = round
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "respondent")
    country = try fields.requiredString(.country).value
    agency = try fields.string(.agency)?.value
    role = try fields.string(.role)?.value
    name = try fields.string(.name)?.value
    date = try fields.string(.date)
    round = try fields.string(.round)?.value
    language = try fields.string(.language)
  }
}

/// The answers to one questionnaire, in the order they were written.
public struct QuestionnaireAnswers: Hashable, Sendable, Decodable {
  public var questionnaireID: Located<String>
  public var version: Located<String>
  public var profile: Located<String>?
  public var answers: [Answer]
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, version, profile, answers
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "questionnaire entry")
    location = fields.location
    questionnaireID = try fields.requiredString(.id)
    version = try fields.requiredString(.version)
    profile = try fields.string(.profile)
    answers = []
    guard let node = fields.node(.answers) else {
      if fields.context.node(at: fields.path + [CodingKeys.answers]) == nil {
        throw Diagnostic.error(
          .schemaMissingKey, "this questionnaire entry has no `answers`",
          hint: "add `answers:` with one `ITEM-ID: value` line per item", at: fields.location)
      }
      return
    }
    guard case .mapping = node else {
      throw Diagnostic.error(
        .schemaTypeMismatch, "`answers` should be a mapping of item ids to answers, found \(NodeDescription.of(node))",
        hint: node.sequence != nil ? "write `BM-A.1: yes`, without a leading `- `" : nil,
        at: fields.locationOf(.answers))
    }
    let nested = try fields.container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .answers)
    for key in nested.allKeys {
      answers.append(try nested.decode(Answer.self, forKey: key))
    }
  }

  public func answer(_ itemID: String) -> Answer? { answers.first { $0.itemID.value == itemID } }
}

/// What the person wrote for one item, read as text: `no` is the answer "no", `2` is "2".
public enum AnswerValue: Hashable, Sendable {
  case single(Located<String>)
  case list([Located<String>])

  /// Where the value is written; for a list, its first entry.
  public var location: SourceLocation? {
    switch self {
    case .single(let value): return value.location
    case .list(let values): return values.first?.location
    }
  }
}

/// One answer: a value (absent while only a note is written), notes, evidence and confidence.
public struct Answer: Hashable, Sendable, Decodable {
  public enum Confidence: String, CaseIterable, Hashable, Sendable {
    case low, medium, high
  }

  public var itemID: Located<String>
  public var value: AnswerValue?
  public var notes: String?
  public var evidence: [String]
  public var confidence: Confidence?
  /// How a workshop reached this answer, in a consensus file.
  public var consensus: Consensus?
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case value, notes, evidence, confidence, consensus
  }

  public init(from decoder: any Decoder) throws {
    let context = DecodingContext.of(decoder)
    let path = decoder.codingPath
    itemID = Located(path.last?.stringValue ?? "", at: context.keyLocation(at: path))
    location = context.location(at: path)
    notes = nil
    evidence = []
    confidence = nil
    consensus = nil
    switch context.node(at: path) {
    case .mapping?:
      let fields = try FieldReader(decoder, CodingKeys.self, noun: "answer")
      if let node = fields.node(.value) {
        value = try Self.value(of: node, file: context.file)
      }
      notes = try fields.string(.notes)?.value
      evidence = try fields.strings(.evidence).map(\.value)
      confidence = fields.has(.confidence) ? try fields.choice(.confidence, Confidence.self, default: .medium) : nil
      consensus = try fields.decode(Consensus.self, .consensus)
    case let node?:
      value = try Self.value(of: node, file: context.file)
    case nil:
      value = nil
    }
  }

  static func value(of node: Node, file: String) throws -> AnswerValue? {
    let location = YAMLComposer.location(node.mark, file)
    switch node {
    case .scalar(let scalar):
      if scalar.style == .plain && (scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null") {
        return nil
      }
      return .single(Located(scalar.string, at: location))
    case .sequence(let sequence):
      return .list(
        try sequence.map { element in
          guard case .scalar(let scalar) = element else {
            throw Diagnostic.error(
              .answerWrongType, "each selected option should be a single value, found \(NodeDescription.of(element))",
              at: YAMLComposer.location(element.mark, file))
          }
          return Located(scalar.string, at: YAMLComposer.location(element.mark, file))
        })
    case .mapping, .alias:
      throw Diagnostic.error(
        .answerWrongType, "an answer value should be a single value or a list, found \(NodeDescription.of(node))",
        at: location)
    }
  }
}

/// A coding key for mappings whose keys are data, such as item ids in `answers`.
struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?

  init(stringValue: String) {
    self.stringValue = stringValue
  }

  init?(intValue: Int) {
    stringValue = String(intValue)
    self.intValue = intValue
  }
}
