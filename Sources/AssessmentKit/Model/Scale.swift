/// A reusable set of answer options, such as the 0–4 maturity levels or yes / partial / no.
public struct Scale: Hashable, Sendable, Decodable {
  public var id: Located<String>
  public var title: LocalizedText?
  public var options: [ScaleOption]
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, title, options
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "scale")
    location = fields.location
    id = try fields.requiredString(.id)
    title = try fields.text(.title)
    options = try fields.list(ScaleOption.self, .options, required: true)
  }

  public func option(_ value: String) -> ScaleOption? {
    options.first { $0.value.value == value }
  }

  /// Options that carry a score: everything except "not applicable" and "don't know".
  public var scoredOptions: [ScaleOption] { options.filter(\.isScored) }
}

/// One answer a person can pick.
public struct ScaleOption: Hashable, Sendable, Decodable {
  /// What the answers file holds; always text ("2", "yes", "no").
  public var value: Located<String>
  public var label: LocalizedText
  public var description: LocalizedText?
  /// 0…1; absent for "not applicable" and "don't know".
  public var score: Located<Double>?
  /// The maturity level (0–4) this option stands for, when the scale is a maturity scale.
  public var level: Located<Int>?
  /// Answering this on a critical item raises a critical finding.
  public var deficient: Bool
  /// "Not applicable": the item leaves the denominator.
  public var notApplicable: Bool
  /// "Don't know": counted as unanswered and reported.
  public var unknown: Bool
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case value, label, description, score, level, deficient, na, unknown
  }

  public var isScored: Bool { !notApplicable && !unknown }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "option")
    location = fields.location
    value = try fields.requiredString(.value)
    label = try fields.requiredText(.label)
    description = try fields.text(.description)
    score = try fields.number(.score)
    level = try fields.integer(.level)
    deficient = try fields.bool(.deficient) ?? false
    notApplicable = try fields.bool(.na) ?? false
    unknown = try fields.bool(.unknown) ?? false
  }
}
