import Yams

/// A group of items scored together, such as "Detention and alternatives".
public struct Section: Hashable, Sendable, Decodable {
  public var id: Located<String>
  public var ref: String?
  public var title: LocalizedText
  public var description: LocalizedText?
  public var weight: Located<Double>?
  public var items: [Item]
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, ref, title, description, weight, items
  }

  public var effectiveWeight: Double { weight?.value ?? 1 }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "section")
    location = fields.location
    id = try fields.requiredString(.id)
    ref = try fields.string(.ref)?.value
    title = try fields.requiredText(.title)
    description = try fields.text(.description)
    weight = try fields.number(.weight)
    items = try fields.list(Item.self, .items, required: true)
  }
}

/// A tailored view of a questionnaire, such as "national" or "pilot border post": which items
/// count, and the maturity level each section aims for.
public struct Profile: Hashable, Sendable, Decodable {
  public var id: Located<String>
  public var title: LocalizedText
  public var description: LocalizedText?
  public var include: [Located<String>]
  public var exclude: [Located<String>]
  /// The level (0–4) each named section aims for, in file order.
  public var targets: [Target]
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, title, description, include, exclude, targets
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "profile")
    location = fields.location
    id = try fields.requiredString(.id)
    title = try fields.requiredText(.title)
    description = try fields.text(.description)
    include = try fields.strings(.include)
    exclude = try fields.strings(.exclude)
    targets = []
    if let node = fields.node(.targets) {
      guard case .mapping(let mapping) = node else {
        throw Diagnostic.error(
          .schemaTypeMismatch, "`targets` should be a mapping of section ids to levels, found \(NodeDescription.of(node))",
          hint: "write `targets: {BM-A: 3, BM-B: 2}`", at: fields.locationOf(.targets))
      }
      let file = fields.context.file
      for (key, value) in mapping {
        let section = Located(key.string ?? "", at: YAMLComposer.location(key.mark, file))
        guard case .scalar(let scalar) = value, scalar.style == .plain, let level = Int(scalar.string) else {
          throw Diagnostic.error(
            .schemaTypeMismatch, "the target of `\(section.value)` should be a level from 0 to 4, found \(NodeDescription.of(value))",
            at: YAMLComposer.location(value.mark, file))
        }
        targets.append(Target(section: section, level: Located(level, at: YAMLComposer.location(value.mark, file))))
      }
    }
  }

  public struct Target: Hashable, Sendable {
    public var section: Located<String>
    public var level: Located<Int>
  }
}
