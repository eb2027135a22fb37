/// Who acts on a recommendation, or who would know the answer to an item.
public struct ActorDefinition: Hashable, Sendable, Decodable {
  public var id: Located<String>
  public var title: LocalizedText?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, title
  }

  public init(id: String, title: LocalizedText?, at location: SourceLocation) {
    self.id = Located(id, at: location)
    self.title = title
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "actor")
    id = try fields.requiredString(.id)
    title = try fields.requiredText(.title)
  }
}

/// The actors every file may name without declaring them.
public enum BuiltInActors {
  /// Id and English name, in the order reports list them.
  public static let all: [(id: String, name: String)] = [
    ("police", "Police"),
    ("border-guards", "Border guards"),
    ("coastguard", "Coastguard"),
    ("immigration", "Immigration authorities"),
    ("customs", "Customs"),
    ("child-protection", "Child protection services"),
    ("prosecutors", "Prosecutors"),
    ("judiciary", "Judiciary"),
    ("prisons", "Prison administration"),
    ("consulates", "Consular authorities"),
    ("ngos", "NGOs and civil society"),
    ("labour-inspection", "Labour inspection"),
    ("ministries", "Ministries and the coordinating body"),
    ("legislature", "Legislature"),
    ("health", "Health services"),
    ("nhri", "National human rights institution or preventive mechanism"),
  ]

  public static let ids: Set<String> = Set(all.map(\.id))
}
