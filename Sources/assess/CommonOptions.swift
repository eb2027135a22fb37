import AssessmentKit
import ArgumentParser
import Foundation

/// Options every command that reads files shares.
struct CommonOptions: ParsableArguments {
  @Option(
    name: .customLong("max-file-size"),
    help: ArgumentHelp("Refuse files larger than this, e.g. 10MB, 512KB or a number of bytes.", valueName: "size"))
  var maximumFileSize: ByteSize = ByteSize(bytes: LoadOptions.defaultMaximumFileSize)

  var loadOptions: LoadOptions { LoadOptions(maximumFileSize: maximumFileSize.bytes) }
}

/// Where to look for evaluator modules besides the toolkit's own.
struct PluginOptions: ParsableArguments {
  @Option(
    name: .customLong("plugins"),
    help: ArgumentHelp(
      "A folder of evaluator modules to use besides the toolkit's own (repeatable). ASSESS_PLUGIN_PATH adds more, separated by ':'.",
      valueName: "dir"))
  var pluginDirectories: [String] = []

  var searchPaths: SearchPaths { Terminal.searchPaths(pluginDirectories: pluginDirectories) }

  func validate() throws {
    for directory in pluginDirectories {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ValidationError("--plugins \(directory): no such folder")
      }
    }
  }
}

/// A size written as people write it: `10MB`, `512KB`, `2048`.
struct ByteSize: ExpressibleByArgument {
  var bytes: Int

  init(bytes: Int) {
    self.bytes = bytes
  }

  init?(argument: String) {
    let text = argument.uppercased().replacingOccurrences(of: " ", with: "")
    let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
    let (digits, multiplier) = units.first { text.hasSuffix($0.0) }.map { (String(text.dropLast($0.0.count)), $0.1) } ?? (text, 1)
    guard let value = Double(digits), value > 0 else { return nil }
    bytes = Int(value * Double(multiplier))
  }

  var defaultValueDescription: String { "\(bytes / (1 << 20))MB" }
}

/// Questionnaire files to use besides the toolkit's own, for commands whose arguments are answers files.
struct QuestionnaireOptions: ParsableArguments {
  @Option(
    name: .customLong("questionnaires"),
    help: ArgumentHelp("A questionnaire file, or a folder of them, to use besides the toolkit's own (repeatable).", valueName: "path"))
  var paths: [String] = []

  func validate() throws {
    for path in paths where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("--questionnaires \(path): no such file or folder")
    }
  }

  /// The named questionnaires first, so they win over the catalogue's copy of the same version.
  func questionnaires(with catalog: Catalog, options: LoadOptions) -> (compiled: [CompiledQuestionnaire], problems: [Diagnostic]) {
    var documents: [Questionnaire] = []
    var problems: [Diagnostic] = []
    for file in ValidationRun.expand(paths) {
      let outcome = DocumentLoader.load(path: file, options: options)
      problems += outcome.diagnostics
      if case .questionnaire(let document)? = outcome.document { documents.append(document.model) }
    }
    return ((documents + catalog.questionnaires.map(\.document.model)).map(CompiledQuestionnaire.init), problems)
  }
}
