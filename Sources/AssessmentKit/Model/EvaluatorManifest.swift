import EvaluatorProtocol
import Yams

/// The manifest of an evaluator module (`Plugins/<id>/evaluator.yaml`): what it is, which
/// questionnaires it applies to, and either its rules or the program to run.
public struct EvaluatorManifest: Hashable, Sendable, Decodable {
  public static let schema = "assess/evaluator@1"

  public enum Kind: String, CaseIterable, Hashable, Sendable {
    /// Rules written in YAML, run inside the toolkit.
    case rules
    /// A separate program in any language, speaking the evaluator protocol over stdin/stdout.
    case executable
  }

  public var id: Located<String>
  public var version: Located<String>
  public var title: LocalizedText
  public var description: LocalizedText?
  public var provider: String?
  public var defaultLanguage: Located<String>
  public var languages: [Located<String>]
  public var kind: Kind
  public var appliesTo: [Applicability]
  public var references: [Reference]
  public var actors: [ActorDefinition]
  public var rules: [Rule]
  public var program: [Located<String>]
  public var protocolVersions: [Located<Int>]
  public var limits: Limits
  public var location: SourceLocation
  /// Where keys of the other kind were written, so a mix-up can be pointed at.
  var rulesKeyLocation: SourceLocation?
  var programKeyLocation: SourceLocation?
  var protocolKeyLocation: SourceLocation?
  var kindLocation: SourceLocation
  /// False when `kind` names no kind (already reported): checks that depend on it are skipped.
  var hasKnownKind: Bool

  enum CodingKeys: String, CodingKey, CaseIterable {
    case schema, id, version, title, description, provider
    case defaultLanguage = "default_language"
    case languages, kind
    case appliesTo = "applies_to"
    case references, actors, rules, program
    case protocolVersions = "protocol"
    case limits
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "evaluator module")
    location = fields.location
    id = try fields.requiredString(.id)
    version = try fields.requiredString(.version)
    title = try fields.requiredText(.title)
    description = try fields.text(.description)
    provider = try fields.string(.provider)?.value
    defaultLanguage = try fields.string(.defaultLanguage) ?? Located("en", at: fields.location)
    let languages = try fields.strings(.languages)
    self.languages = languages.isEmpty ? [defaultLanguage] : languages
    _ = try fields.requiredString(.kind)
    let known = try fields.knownChoice(.kind, Kind.self)
    kind = known ?? .rules
    hasKnownKind = known != nil
    kindLocation = fields.locationOf(.kind)
    appliesTo = try fields.list(Applicability.self, .appliesTo, required: true)
    references = try fields.list(Reference.self, .references)
    actors = try fields.list(ActorDefinition.self, .actors)
    rules = try fields.list(Rule.self, .rules)
    program = try fields.strings(.program)
    protocolVersions = []
    if let node = fields.node(.protocolVersions) {
      guard case .sequence(let sequence) = node else {
        throw Diagnostic.error(
          .schemaTypeMismatch, "`protocol` should be a list of protocol versions, found \(NodeDescription.of(node))",
          hint: "write `protocol: [1]`", at: fields.locationOf(.protocolVersions))
      }
      for element in sequence {
        let location = YAMLComposer.location(element.mark, fields.context.file)
        guard case .scalar(let scalar) = element, scalar.style == .plain, let version = Int(scalar.string) else {
          throw Diagnostic.error(
            .schemaTypeMismatch, "protocol versions are whole numbers, found \(NodeDescription.of(element))",
            hint: "write `protocol: [1]`", at: location)
        }
        protocolVersions.append(Located(version, at: location))
      }
    }
    limits = try fields.decode(Limits.self, .limits) ?? Limits()
    rulesKeyLocation = fields.has(.rules) ? fields.keyLocationOf(.rules) : nil
    programKeyLocation = fields.has(.program) ? fields.keyLocationOf(.program) : nil
    protocolKeyLocation = fields.has(.protocolVersions) ? fields.keyLocationOf(.protocolVersions) : nil
  }

  public var parsedVersion: SemanticVersion? { SemanticVersion(version.value) }

  public var knownActorIDs: Set<String> { BuiltInActors.ids.union(actors.map(\.id.value)) }

  /// Whether this module applies to a questionnaire id and version.
  public func applies(to questionnaireID: String, version: SemanticVersion?) -> Bool {
    appliesTo.contains { entry in
      guard entry.questionnaire.value == questionnaireID else { return false }
      guard let version, let range = entry.range else { return entry.versions == nil }
      return range.contains(version)
    }
  }

  public struct Limits: Hashable, Sendable, Decodable {
    public var startTimeoutSeconds: Located<Double>?
    public var requestTimeoutSeconds: Located<Double>?
    public var maximumMessageBytes: Located<Int>?

    enum CodingKeys: String, CodingKey, CaseIterable {
      case startTimeoutSeconds = "start_timeout_seconds"
      case requestTimeoutSeconds = "request_timeout_seconds"
      case maximumMessageBytes = "max_message_bytes"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
      let fields = try FieldReader(decoder, CodingKeys.self, noun: "limits")
      startTimeoutSeconds = try fields.number(.startTimeoutSeconds)
      requestTimeoutSeconds = try fields.number(.requestTimeoutSeconds)
      maximumMessageBytes = try fields.integer(.maximumMessageBytes)
    }
  }
}

/// A questionnaire, and the versions of it, that a module evaluates.
public struct Applicability: Hashable, Sendable, Decodable {
  public var questionnaire: Located<String>
  public var versions: Located<String>?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case questionnaire, versions
  }

  public var range: VersionRange? { versions.map { VersionRange($0.value) } ?? .any }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "applies_to entry")
    questionnaire = try fields.requiredString(.questionnaire)
    versions = try fields.string(.versions)
  }
}

/// A rule of a rules module: when its condition holds, it raises a finding and recommends action.
public struct Rule: Hashable, Sendable, Decodable {
  public typealias Severity = FindingSeverity

  public var id: Located<String>
  public var title: LocalizedText
  public var when: ExpressionSource
  /// The area the rule belongs to, in a module applying to several questionnaires: it runs
  /// only there, and its `when` reads the others as `${questionnaire:item}`. Nil: every area.
  public var questionnaire: Located<String>?
  public var severity: Severity
  public var items: [Located<String>]
  public var finding: Finding
  public var recommendation: Recommendation
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, title, when, questionnaire, severity, items, finding, recommendation
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "rule")
    location = fields.location
    id = try fields.requiredString(.id)
    title = try fields.requiredText(.title)
    when = try fields.requiredExpression(.when)
    questionnaire = try fields.string(.questionnaire)
    _ = try fields.requiredString(.severity)
    severity = try fields.choice(.severity, Severity.self, default: .medium)
    items = try fields.strings(.items)
    finding = try fields.required(Finding.self, .finding)
    recommendation = try fields.required(Recommendation.self, .recommendation)
  }

  /// Whether the rule runs in the area of this questionnaire.
  public func runs(in questionnaireID: String) -> Bool {
    questionnaire.map { $0.value == questionnaireID } ?? true
  }

  /// What is wrong, and why it matters.
  public struct Finding: Hashable, Sendable, Decodable {
    public var summary: LocalizedText
    public var why: LocalizedText

    enum CodingKeys: String, CodingKey, CaseIterable {
      case summary, why
    }

    public init(from decoder: any Decoder) throws {
      let fields = try FieldReader(decoder, CodingKeys.self, noun: "finding")
      summary = try fields.requiredText(.summary)
      why = try fields.requiredText(.why)
    }
  }

  /// What to do, who does it, by when, under which strategy component, with which tool.
  public struct Recommendation: Hashable, Sendable, Decodable {
    public typealias Horizon = RecommendationHorizon

    public typealias Component = StrategyComponent

    public var title: LocalizedText
    public var actions: [LocalizedText]
    public var actors: [Located<String>]
    public var horizon: Horizon
    public var component: Component
    public var references: [Citation]
    public var location: SourceLocation

    enum CodingKeys: String, CodingKey, CaseIterable {
      case title, actions, actors, horizon, component, references
    }

    public init(from decoder: any Decoder) throws {
      let fields = try FieldReader(decoder, CodingKeys.self, noun: "recommendation")
      location = fields.location
      title = try fields.requiredText(.title)
      actions = try fields.list(LocalizedText.self, .actions, required: true)
      actors = try fields.strings(.actors, required: true)
      _ = try fields.requiredString(.horizon)
      horizon = try fields.choice(.horizon, Horizon.self, default: .medium)
      _ = try fields.requiredString(.component)
      component = try fields.choice(.component, Component.self, default: .prevention)
      references = try fields.list(Citation.self, .references)
    }
  }
}
