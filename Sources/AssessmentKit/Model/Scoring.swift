/// How a questionnaire turns answers into scores and maturity levels. Declared in the content,
/// never in code, so each instrument can choose its own model.
public struct Scoring: Hashable, Sendable, Decodable {
  public enum Model: String, CaseIterable, Hashable, Sendable {
    /// The weighted mean of item scores.
    case weightedMean = "weighted-mean"
    /// A level counts only when every item of the levels below it is met.
    case levelGated = "level-gated"
  }

  public var model: Model
  /// The highest level an area may reach while a critical item is answered deficient.
  public var criticalCap: Located<Int>?
  /// In the level-gated model, the least item score that counts as "met" (default 0.5).
  public var metScore: Located<Double>?
  public var levels: [MaturityLevel]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case model
    case criticalCap = "critical_cap"
    case metScore = "met_score"
    case levels
  }

  public static let defaultMetScore = 0.5

  public init(model: Model, criticalCap: Located<Int>?, metScore: Located<Double>? = nil, levels: [MaturityLevel]) {
    self.model = model
    self.criticalCap = criticalCap
    self.metScore = metScore
    self.levels = levels
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "scoring")
    model = try fields.choice(.model, Model.self, default: .weightedMean)
    criticalCap = try fields.integer(.criticalCap)
    metScore = try fields.number(.metScore)
    let written = try fields.list(MaturityLevel.self, .levels)
    levels = written.isEmpty ? MaturityLevel.standard(at: fields.location) : written
  }

  public static func standard(at location: SourceLocation) -> Scoring {
    Scoring(model: .weightedMean, criticalCap: nil, levels: MaturityLevel.standard(at: location))
  }
}

/// A named maturity level and the least score that reaches it.
public struct MaturityLevel: Hashable, Sendable, Decodable {
  public var level: Located<Int>
  public var name: LocalizedText
  public var minimumScore: Located<Double>

  enum CodingKeys: String, CodingKey, CaseIterable {
    case level, name
    case minimumScore = "min_score"
  }

  init(level: Int, name: String, minimumScore: Double, at location: SourceLocation) {
    self.level = Located(level, at: location)
    self.name = LocalizedText(name, at: location)
    self.minimumScore = Located(minimumScore, at: location)
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "level")
    level = try fields.requiredInteger(.level)
    name = try fields.requiredText(.name)
    minimumScore = try fields.requiredNumber(.minimumScore)
  }

  /// The five anchors used unless a questionnaire names its own.
  static func standard(at location: SourceLocation) -> [MaturityLevel] {
    [
      MaturityLevel(level: 0, name: "Absent", minimumScore: 0, at: location),
      MaturityLevel(level: 1, name: "Initial", minimumScore: 0.2, at: location),
      MaturityLevel(level: 2, name: "Formalised", minimumScore: 0.4, at: location),
      MaturityLevel(level: 3, name: "Implemented", minimumScore: 0.6, at: location),
      MaturityLevel(level: 4, name: "Monitored and improving", minimumScore: 0.8, at: location),
    ]
  }
}
