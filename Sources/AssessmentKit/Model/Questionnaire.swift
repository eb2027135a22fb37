/// An assessment instrument: sections of items, the scales they are answered on, the
/// instruments they cite, and how they are scored.
public struct Questionnaire: Hashable, Sendable, Decodable {
  public static let schema = "assess/questionnaire@1"

  public var id: Located<String>
  public var version: Located<String>
  public var title: LocalizedText
  public var description: LocalizedText?
  public var defaultLanguage: Located<String>
  public var languages: [Located<String>]
  public var actors: [ActorDefinition]
  public var references: [Reference]
  public var scales: [Scale]
  public var scoring: Scoring
  public var sections: [Section]
  public var profiles: [Profile]
  /// The Delphi rule for workshops; the defaults when absent.
  public var workshop: WorkshopRules
  /// How answers to earlier versions carry over to this one.
  public var migrations: [Migration]
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case schema, id, version, title, description
    case defaultLanguage = "default_language"
    case languages, actors, references, scales, scoring, sections, profiles, workshop, migrations
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "questionnaire")
    location = fields.location
    id = try fields.requiredString(.id)
    version = try fields.requiredString(.version)
    title = try fields.requiredText(.title)
    description = try fields.text(.description)
    defaultLanguage = try fields.string(.defaultLanguage) ?? Located("en", at: fields.location)
    let languages = try fields.strings(.languages)
    self.languages = languages.isEmpty ? [defaultLanguage] : languages
    actors = try fields.list(ActorDefinition.self, .actors)
    references = try fields.list(Reference.self, .references)
    scales = try fields.list(Scale.self, .scales, required: true)
    scoring = try fields.decode(Scoring.self, .scoring) ?? .standard(at: fields.location)
    sections = try fields.list(Section.self, .sections, required: true)
    profiles = try fields.list(Profile.self, .profiles)
    workshop = try fields.decode(WorkshopRules.self, .workshop) ?? WorkshopRules(location: fields.location)
    migrations = try fields.list(Migration.self, .migrations)
  }

  public var parsedVersion: SemanticVersion? { SemanticVersion(version.value) }

  public var items: [Item] { sections.flatMap(\.items) }

  /// The first item with this id; ids are unique once the questionnaire validates.
  public func item(_ id: String) -> Item? {
    for section in sections {
      if let item = section.items.first(where: { $0.id.value == id }) { return item }
    }
    return nil
  }

  public func section(_ id: String) -> Section? { sections.first { $0.id.value == id } }
  public func scale(_ id: String) -> Scale? { scales.first { $0.id.value == id } }
  public func profile(_ id: String) -> Profile? { profiles.first { $0.id.value == id } }
  public func reference(_ id: String) -> Reference? { references.first { $0.id.value == id } }

  /// The ids of the items a profile keeps: those its `include` names (all when it names none),
  /// less those its `exclude` names; naming a section names all its items.
  public func itemIDs(in profile: Profile?) -> Set<String> {
    func expand(_ ids: [Located<String>]) -> Set<String> {
      var result = Set<String>()
      for id in ids {
        if let section = section(id.value) {
          result.formUnion(section.items.map(\.id.value))
        } else {
          result.insert(id.value)
        }
      }
      return result
    }
    let all = Set(items.map(\.id.value))
    guard let profile else { return all }
    let included = profile.include.isEmpty ? all : expand(profile.include).intersection(all)
    return included.subtracting(expand(profile.exclude))
  }

  /// Actor ids an item may name: the built-in ones and those this questionnaire declares.
  public var knownActorIDs: Set<String> { BuiltInActors.ids.union(actors.map(\.id.value)) }
}
