import Yams

/// The three kinds of file the toolkit reads, told apart by their `schema` key.
public enum FileKind: String, CaseIterable, Hashable, Sendable, Codable {
  case questionnaire
  case answers
  case evaluator
  case moduleTest = "module-test"

  public var schema: String {
    switch self {
    case .questionnaire: return Questionnaire.schema
    case .answers: return AnswerSet.schema
    case .evaluator: return EvaluatorManifest.schema
    case .moduleTest: return ModuleTest.schema
    }
  }
}

/// A decoded file: its model, and every person-readable text in it (for translation checks).
public struct Document<Model: Sendable>: Sendable {
  public var path: String
  public var model: Model
  public var texts: [LocalizedText]
}

/// Any of the three kinds of file, decoded.
public enum LoadedDocument: Sendable {
  case questionnaire(Document<Questionnaire>)
  case answers(Document<AnswerSet>)
  case evaluator(Document<EvaluatorManifest>)
  case moduleTest(Document<ModuleTest>)

  public var kind: FileKind {
    switch self {
    case .questionnaire: return .questionnaire
    case .answers: return .answers
    case .evaluator: return .evaluator
    case .moduleTest: return .moduleTest
    }
  }

  public var path: String {
    switch self {
    case .questionnaire(let document): return document.path
    case .answers(let document): return document.path
    case .evaluator(let document): return document.path
    case .moduleTest(let document): return document.path
    }
  }
}

/// The outcome of loading one file: the document when it could be decoded, and every
/// problem found on the way. A document can come back with errors (an unknown key, say) when
/// the rest of the file could still be read.
public struct LoadOutcome: Sendable {
  public var document: LoadedDocument?
  public var diagnostics: [Diagnostic]
}

/// Reads a file of any kind: checks the bytes, composes the YAML, tells the kind from
/// `schema`, and decodes it with every problem located.
public enum DocumentLoader {
  public static func load(path: String, options: LoadOptions = .default) -> LoadOutcome {
    do {
      return load(try SourceText.read(path: path, options: options), options: options)
    } catch {
      return LoadOutcome(document: nil, diagnostics: [error])
    }
  }

  public static func load(_ source: SourceText, options: LoadOptions = .default) -> LoadOutcome {
    let root: Node
    let kind: FileKind
    do {
      root = try YAMLComposer.compose(source, options: options)
      kind = try detectKind(root, path: source.path)
    } catch {
      return LoadOutcome(document: nil, diagnostics: [error])
    }
    switch kind {
    case .questionnaire:
      let (document, diagnostics) = decode(Questionnaire.self, root: root, source: source)
      return LoadOutcome(document: document.map(LoadedDocument.questionnaire), diagnostics: diagnostics)
    case .answers:
      let (document, diagnostics) = decode(AnswerSet.self, root: root, source: source)
      return LoadOutcome(document: document.map(LoadedDocument.answers), diagnostics: diagnostics)
    case .evaluator:
      let (document, diagnostics) = decode(EvaluatorManifest.self, root: root, source: source)
      return LoadOutcome(document: document.map(LoadedDocument.evaluator), diagnostics: diagnostics)
    case .moduleTest:
      let (document, diagnostics) = decode(ModuleTest.self, root: root, source: source)
      return LoadOutcome(document: document.map(LoadedDocument.moduleTest), diagnostics: diagnostics)
    }
  }

  /// Decodes a model from a composed tree, turning every failure into located diagnostics.
  static func decode<Model: Decodable & Sendable>(
    _ type: Model.Type, root: Node, source: SourceText
  ) -> (Document<Model>?, [Diagnostic]) {
    let path = source.path
    let context = DecodingContext(source: source, root: root)
    do {
      let model = try YAMLDecoder().decode(Model.self, from: root, userInfo: [DecodingContext.userInfoKey: context])
      return (Document(path: path, model: model, texts: context.texts), context.diagnostics)
    } catch let diagnostic as Diagnostic {
      return (nil, context.diagnostics + [diagnostic])
    } catch let error as DecodingError {
      return (nil, context.diagnostics + [diagnostic(for: error, context: context)])
    } catch {
      return (nil, context.diagnostics + [.error(.schemaTypeMismatch, "\(error)", at: .start(of: path))])
    }
  }

  private static func detectKind(_ root: Node, path: String) throws(Diagnostic) -> FileKind {
    let start = YAMLComposer.location(root.mark, path)
    guard case .mapping(let mapping) = root else {
      throw .error(
        .schemaTypeMismatch, "expected a mapping (`key: value` lines) at the top of the file, found \(NodeDescription.of(root))",
        hint: "start the file with `schema: assess/questionnaire@1`, `assess/answers@1`, `assess/evaluator@1` or `assess/module-test@1`",
        at: start)
    }
    guard let schemaNode = mapping["schema"] else {
      let keys = Set(mapping.keys.compactMap(\.string))
      let guess: FileKind? =
        keys.contains("sections") ? .questionnaire
        : keys.contains("respondent") || keys.contains("questionnaires") ? .answers
        : keys.contains("kind") || keys.contains("rules") || keys.contains("applies_to") ? .evaluator
        : keys.contains("expect_findings") ? .moduleTest : nil
      throw .error(
        .fileUnknownKind, "file has no `schema` key, so its kind is unknown",
        hint: guess.map { "this looks like a \($0.rawValue) file: add `schema: \($0.schema)` as the first line" }
          ?? "add `schema: assess/questionnaire@1`, `assess/answers@1` or `assess/evaluator@1`",
        at: start)
    }
    let location = YAMLComposer.location(schemaNode.mark, path)
    guard case .scalar(let scalar) = schemaNode else {
      throw .error(
        .fileUnknownKind, "`schema` should be text, found \(NodeDescription.of(schemaNode))",
        hint: "write `schema: assess/questionnaire@1`, `assess/answers@1` or `assess/evaluator@1`", at: location)
    }
    let written = scalar.string
    if let kind = FileKind.allCases.first(where: { $0.schema == written }) { return kind }
    let known = FileKind.allCases.map(\.schema)
    if let kind = FileKind.allCases.first(where: { written.hasPrefix($0.schema.dropLast(2) + "@") }) {
      throw .error(
        .fileUnknownKind, "`\(written)` is a format version this toolkit does not read",
        hint: "this toolkit reads `\(kind.schema)`", at: location)
    }
    throw .error(
      .fileUnknownKind, "unknown schema `\(written)`",
      hint: Suggestion.hint(for: written, among: known) ?? "write one of: \(known.joined(separator: ", "))",
      at: location)
  }

  /// Yams's own decoding errors carry a coding path and no position; the path leads back to
  /// the node, and the node has the mark.
  private static func diagnostic(for error: DecodingError, context: DecodingContext) -> Diagnostic {
    switch error {
    case .typeMismatch(let type, let info):
      let found = context.node(at: info.codingPath).map(NodeDescription.of) ?? "nothing"
      return .error(
        .schemaTypeMismatch, "expected \(describe(type)), found \(found)",
        at: context.location(at: info.codingPath))
    case .keyNotFound(let key, let info):
      return .error(
        .schemaMissingKey, "missing `\(key.stringValue)`", hint: "add `\(key.stringValue): …`",
        at: context.location(at: info.codingPath))
    case .valueNotFound(let type, let info):
      return .error(
        .schemaMissingKey, "expected \(describe(type)), found no value", at: context.location(at: info.codingPath))
    case .dataCorrupted(let info):
      return .error(.schemaInvalidValue, info.debugDescription, at: context.location(at: info.codingPath))
    @unknown default:
      return .error(.schemaTypeMismatch, "\(error)", at: .start(of: context.file))
    }
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: return "text"
    case is Double.Type, is Float.Type: return "a number"
    case is Int.Type: return "a whole number"
    case is Bool.Type: return "`true` or `false`"
    default:
      let name = String(describing: type)
      return name.hasPrefix("Array") ? "a list" : "a mapping (`key: value` lines)"
    }
  }
}
