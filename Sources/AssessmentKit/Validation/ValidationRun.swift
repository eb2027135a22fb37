import Foundation

/// What `assess validate` found: the files it read, of which kind, and every problem.
public struct ValidationReport: Sendable {
  public struct File: Hashable, Sendable, Codable {
    public var path: String
    /// nil when the file could not be read far enough to tell.
    public var kind: FileKind?
  }

  public var files: [File]
  /// Sorted by file (in the order files were named), then by line and column.
  public var diagnostics: [Diagnostic]

  /// Whether the run fails: any error, or with `strict` any warning too.
  public func failed(strict: Bool) -> Bool {
    diagnostics.hasErrors || (strict && diagnostics.warningCount > 0)
  }
}

/// Validates files and folders: each file alone, then answers and modules against the
/// questionnaires named alongside them and those on the search paths.
public enum ValidationRun {
  public static func validate(paths: [String], catalog: Catalog = Catalog(), options: LoadOptions = .default) -> ValidationReport {
    let (files, emptyFolderPaths) = expandReportingEmptyFolders(paths)
    let outcomes = files.map { DocumentLoader.load(path: $0, options: options) }
    var diagnosticsByFile: [String: [Diagnostic]] = [:]
    // A folder that holds nothing to check is most likely a mistyped path.
    let emptyFolders = emptyFolderPaths.map { path in
      Diagnostic.error(.fileUnreadable, "folder holds no .yaml or .yml files", hint: "check the path", at: .start(of: path))
    }
    for (file, outcome) in zip(files, outcomes) {
      diagnosticsByFile[file, default: []] += outcome.diagnostics
    }
    let named = outcomes.compactMap { outcome -> Document<Questionnaire>? in
      if case .questionnaire(let document)? = outcome.document { return document }
      return nil
    }
    let namedPaths = Set(named.map { FileDiscovery.canonical($0.path) })
    // Questionnaires named on the command line win over the catalogue's copy of the same file.
    let fromCatalog = catalog.questionnaires.map(\.document).filter { !namedPaths.contains(FileDiscovery.canonical($0.path)) }
    let compiled = (named + fromCatalog).map { CompiledQuestionnaire($0.model) }
    for (index, document) in named.enumerated() {
      diagnosticsByFile[document.path, default: []] += QuestionnaireValidator.validate(document, compiled: compiled[index])
      if let earlier = named[..<index].first(where: { $0.model.id.value == document.model.id.value && $0.model.version.value == document.model.version.value }) {
        diagnosticsByFile[document.path, default: []].append(
          .warning(
            .catalogDuplicate,
            "questionnaire `\(document.model.id.value)` \(document.model.version.value) is also defined in \(earlier.path)",
            hint: "keep one copy, or raise the version of the changed one", at: document.model.id.location))
      }
    }
    for outcome in outcomes {
      switch outcome.document {
      case .answers(let document)?:
        diagnosticsByFile[document.path, default: []] += AnswersValidator.validate(document, against: compiled)
      case .evaluator(let document)?:
        diagnosticsByFile[document.path, default: []] += EvaluatorValidator.validate(document, against: compiled)
      case .moduleTest(let document)?:
        diagnosticsByFile[document.path, default: []] += ModuleTestValidator.validate(document)
      case .questionnaire?, nil:
        break
      }
    }
    let diagnostics = emptyFolders + files.flatMap { file in
      Array(Set(diagnosticsByFile[file] ?? [])).sorted()
    }
    let reported = zip(files, outcomes).map { ValidationReport.File(path: $0, kind: $1.document?.kind) }
    return ValidationReport(files: reported, diagnostics: diagnostics)
  }

  private static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  /// Files as named, and the YAML files inside named folders, each once, in order.
  public static func expand(_ paths: [String]) -> [String] {
    expandReportingEmptyFolders(paths).files
  }

  /// The files, and the named folders that hold no YAML file.
  private static func expandReportingEmptyFolders(_ paths: [String]) -> (files: [String], emptyFolders: [String]) {
    var seen = Set<String>()
    var files: [String] = []
    var emptyFolders: [String] = []
    for path in paths {
      let folder = isFolder(path)
      let found = folder ? FileDiscovery.yamlFiles(in: path) : [path]
      if folder && found.isEmpty { emptyFolders.append(path) }
      for file in found where seen.insert(FileDiscovery.canonical(file)).inserted {
        files.append(file)
      }
    }
    return (files, emptyFolders)
  }

}
