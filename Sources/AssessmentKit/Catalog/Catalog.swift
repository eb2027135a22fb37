import Foundation

/// Everything found on the search paths: questionnaires and evaluator modules, with where
/// each came from, and the problems met while loading them.
public struct Catalog: Sendable {
  public struct Entry<Model: Sendable>: Sendable {
    public var document: Document<Model>
    public var origin: Origin
  }

  public var questionnaires: [Entry<Questionnaire>]
  public var modules: [Entry<EvaluatorManifest>]
  public var diagnostics: [Diagnostic]

  public init(questionnaires: [Entry<Questionnaire>] = [], modules: [Entry<EvaluatorManifest>] = [], diagnostics: [Diagnostic] = []) {
    self.questionnaires = questionnaires
    self.modules = modules
    self.diagnostics = diagnostics
  }

  /// Loads every questionnaire in the toolkit's `Questionnaires/` and every module
  /// (`*/evaluator.yaml`) in each plugin folder, in search order.
  public static func load(_ paths: SearchPaths, options: LoadOptions = .default) -> Catalog {
    var files: [(path: String, origin: Origin)] = []
    if let home = paths.toolkitHome {
      files += FileDiscovery.yamlFiles(in: home + "/Questionnaires").map { ($0, Origin.toolkit) }
    }
    let pluginFolders: [(String, Origin)] =
      (paths.toolkitHome.map { [($0 + "/Plugins", Origin.toolkit)] } ?? [])
      + paths.pluginDirectories.map { ($0, .option) } + paths.environmentPluginDirectories.map { ($0, .environment) }
    // A folder named twice (say `--plugins Plugins` from the toolkit folder) is searched once.
    var searched = Set<String>()
    for (folder, origin) in pluginFolders where searched.insert(FileDiscovery.canonical(folder)).inserted {
      files += FileDiscovery.moduleManifests(in: folder).map { ($0, origin) }
    }
    // Every command starts here: the files load on every core, and are added in search order.
    let outcomes = files.map(\.path).concurrentMap { DocumentLoader.load(path: $0, options: options) }
    var catalog = Catalog()
    for (outcome, file) in zip(outcomes, files) {
      catalog.add(outcome, origin: file.origin)
    }
    return catalog
  }

  mutating func add(_ outcome: LoadOutcome, origin: Origin) {
    diagnostics += outcome.diagnostics
    switch outcome.document {
    case .questionnaire(let document)?:
      questionnaires.append(Entry(document: document, origin: origin))
    case .evaluator(let document)?:
      modules.append(Entry(document: document, origin: origin))
    case .answers?, .moduleTest?, nil:
      break
    }
  }
}

/// Finds the YAML files a folder holds, in a stable order.
public enum FileDiscovery {
  /// Every `.yaml` and `.yml` file under `folder`, sorted by path; hidden folders and build
  /// folders are skipped.
  public static func yamlFiles(in folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let name = (relative as NSString).lastPathComponent
      if name.hasPrefix(".") {
        if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { enumerator.skipDescendants() }
        continue
      }
      guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
      if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { continue }
      files.append(join(folder, relative))
    }
    return files.sorted()
  }

  /// `folder/evaluator.yaml` when the folder is itself a module, else `folder/*/evaluator.yaml`.
  public static func moduleManifests(in folder: String) -> [String] {
    let manager = FileManager.default
    let own = join(folder, "evaluator.yaml")
    if manager.fileExists(atPath: own) { return [own] }
    guard let children = try? manager.contentsOfDirectory(atPath: folder) else { return [] }
    return children.sorted().filter { !$0.hasPrefix(".") }.map { join(join(folder, $0), "evaluator.yaml") }
      .filter { manager.fileExists(atPath: $0) }
  }

  /// The absolute path with symlinks resolved, to tell whether two paths name one file.
  public static func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }

  public static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}
