/// One question of a questionnaire.
public struct Item: Hashable, Sendable, Decodable {
  public enum Kind: String, CaseIterable, Hashable, Sendable {
    case choice, multi, number, percent, text, date

    /// Kinds whose answer must be one of the scale's options.
    public var needsScale: Bool { self == .choice || self == .multi }
    public var isNumeric: Bool { self == .number || self == .percent }
  }

  public var id: Located<String>
  public var ref: String?
  public var text: LocalizedText
  public var kind: Kind
  /// For choice and multi: the options. For the other kinds: the special answers allowed
  /// besides a number, text or date (such as "not applicable" and "don't know").
  public var scale: Located<String>?
  public var weight: Located<Double>?
  public var critical: Bool
  public var level: Located<Int>?
  public var minimum: Located<Double>?
  public var maximum: Located<Double>?
  public var integer: Bool?
  public var unit: LocalizedText?
  public var bands: [ScoreBand]
  public var actors: [Located<String>]
  public var references: [Citation]
  public var guidance: LocalizedText?
  public var evidence: [LocalizedText]
  public var criteria: [Located<String>]
  /// When the item is asked; a hidden item is neither asked, scored nor expected.
  public var relevant: ExpressionSource?
  /// What a valid answer satisfies, `.` standing for the answer.
  public var constraint: ExpressionSource?
  public var constraintMessage: LocalizedText?
  /// A derived value: the item is computed from other answers, not asked.
  public var calculate: ExpressionSource?
  public var location: SourceLocation
  /// Where keys that only some kinds accept were written, for the checks that compare them.
  var numericKeysLocation: SourceLocation?
  /// False when `type` names no kind (already reported): checks that depend on it are skipped.
  var hasKnownKind = true

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, ref, text, type, scale, weight, critical, level, min, max, integer, unit, bands, actors, references
    case guidance, evidence, criteria, relevant, constraint
    case constraintMessage = "constraint_message"
    case calculate
  }

  public var effectiveWeight: Double { weight?.value ?? 1 }

  /// The lowest and highest answers allowed; a percent is always within 0…100.
  public var bounds: (minimum: Double?, maximum: Double?) {
    switch kind {
    case .percent: return (minimum?.value ?? 0, maximum?.value ?? 100)
    default: return (minimum?.value, maximum?.value)
    }
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "item")
    location = fields.location
    id = try fields.requiredString(.id)
    ref = try fields.string(.ref)?.value
    text = try fields.requiredText(.text)
    if fields.has(.type), let written = try fields.knownChoice(.type, Kind.self) {
      kind = written
    } else {
      kind = .choice
      hasKnownKind = !fields.has(.type)
    }
    scale = try fields.string(.scale)
    weight = try fields.number(.weight)
    critical = try fields.bool(.critical) ?? false
    level = try fields.integer(.level)
    minimum = try fields.number(.min)
    maximum = try fields.number(.max)
    integer = try fields.bool(.integer)
    unit = try fields.text(.unit)
    bands = try fields.list(ScoreBand.self, .bands)
    actors = try fields.strings(.actors)
    references = try fields.list(Citation.self, .references)
    guidance = try fields.text(.guidance)
    evidence = try fields.list(LocalizedText.self, .evidence)
    criteria = try fields.strings(.criteria)
    relevant = try fields.expression(.relevant)
    constraint = try fields.expression(.constraint)
    constraintMessage = try fields.text(.constraintMessage)
    calculate = try fields.expression(.calculate)
    let numericKeys: [CodingKeys] = [.min, .max, .integer, .unit, .bands]
    numericKeysLocation = numericKeys.first(where: fields.has).map(fields.keyLocationOf)
  }
}

/// A range of numbers and the score an answer in it earns: `{min: 3, max: 14, score: 0.5}`.
public struct ScoreBand: Hashable, Sendable, Decodable {
  public var minimum: Located<Double>?
  public var maximum: Located<Double>?
  public var score: Located<Double>
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case min, max, score
  }

  public func contains(_ value: Double) -> Bool {
    (minimum.map { value >= $0.value } ?? true) && (maximum.map { value <= $0.value } ?? true)
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "band")
    location = fields.location
    minimum = try fields.number(.min)
    maximum = try fields.number(.max)
    score = try fields.requiredNumber(.score)
  }
}
