import AssessmentKit
import AssessmentReports
import ArgumentParser
import Foundation

struct PluginCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plugin",
    abstract: "Create and test evaluator modules.",
    discussion: """
      A module is a folder holding evaluator.yaml: a rules module (YAML rules) or an executable \
      module (a program in any language speaking the evaluator protocol, Docs/evaluator-protocol.md). \
      Content tests in its tests/ folder say which findings it must raise on which answers.

      Examples:
        assess plugin new org.partner.child-rules --kind rules
        assess plugin test org.partner.child-rules
        assess plugin test Plugins/*
      """,
    subcommands: [PluginNewCommand.self, PluginTestCommand.self])
}

struct PluginNewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new",
    abstract: "Create a working module with an example rule (or program) and a content test.",
    discussion: """
      Writes the folder ID (or --output) with evaluator.yaml, for an executable module \
      bin/evaluate.py (Python 3, standard library only), and tests/ with an answers file and \
      the finding it must raise. The module passes `assess plugin test` as created; edit it \
      from there.

      Examples:
        assess plugin new org.partner.child-rules --kind rules
        assess plugin new org.partner.gap-model --kind executable --questionnaire border-management
      """)

  @Argument(help: ArgumentHelp("The module id, lowercase, reverse-DNS style (org.partner.my-rules).", valueName: "id"))
  var id: String

  @Option(help: "rules: YAML rules run inside the toolkit; executable: a program in any language.")
  var kind: EvaluatorManifest.Kind = .rules

  @Option(help: "The questionnaire the module applies to (default: the first one found).")
  var questionnaire: String?

  @Option(name: .shortAndLong, help: ArgumentHelp("Where to create the module (default: a folder named after the id).", valueName: "dir"))
  var output: String?

  func validate() throws {
    guard id.wholeMatch(of: /[a-z0-9][a-z0-9.-]*/) != nil, id.count <= 64 else {
      throw ValidationError("`\(id)` is not a module id: use lowercase letters, digits, `.` and `-`, such as org.partner.child-rules")
    }
  }

  func run() throws {
    let catalog = Catalog.load(Terminal.searchPaths())
    let known = catalog.questionnaires.map(\.document.model)
    guard let target = questionnaire.map({ wanted in known.first { $0.id.value == wanted } }) ?? known.first else {
      let names = known.map(\.id.value).joined(separator: ", ")
      throw ValidationError(
        questionnaire.map { "no questionnaire `\($0)` was found" + (names.isEmpty ? "" : "; known: \(names)") }
          ?? "no questionnaire was found; set ASSESS_HOME to the toolkit folder")
    }
    let folder = output ?? id
    if FileManager.default.fileExists(atPath: folder) {
      throw ValidationError("\(folder) already exists; choose another id or --output")
    }
    for file in ModuleScaffold.files(id: id, kind: kind, questionnaire: target) {
      let path = FileDiscovery.join(folder, file.path)
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      if file.executable {
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
      }
    }
    Terminal.writeOut(
      """
      created \(folder)/ (\(kind.rawValue) module for \(target.id.value) \(target.version.value))
      next: edit \(folder)/evaluator.yaml\(kind == .executable ? " and \(folder)/bin/evaluate.py" : ""), then run
        assess plugin test \(folder)

      """)
  }
}

extension EvaluatorManifest.Kind: ExpressibleByArgument {}

struct PluginTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Check modules: manifest, rules or protocol conformance, and content tests.",
    discussion: """
      For every module folder: the manifest validates; a rules module's conditions check against \
      the questionnaires it applies to; an executable module passes the conformance kit \
      (handshake, refusal of an unknown protocol version, a request answered with valid output \
      within its time limit, a malformed request survived, exit on shutdown); and each \
      tests/*.yaml raises exactly the findings it expects.

      Examples:
        assess plugin test Plugins/org.unodc.border-management
        assess plugin test Plugins/*
        assess plugin test --format json my-module

      The last line reads `N passed, N failed`. Exit codes: 0 all passed; 1 a check failed; 64 wrong usage.
      """)

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: ArgumentHelp("Module folders (each holding evaluator.yaml).", valueName: "dir"))
  var folders: [String]

  @Option(help: "text: a checklist for people; json: the same for scripts.")
  var format: OutputFormat = .text

  func validate() throws {
    for folder in folders where !FileManager.default.fileExists(atPath: FileDiscovery.join(folder, "evaluator.yaml")) {
      throw ValidationError("\(folder) holds no evaluator.yaml")
    }
  }

  func run() throws {
    let catalog = Catalog.load(Terminal.searchPaths())
    let questionnaires = catalog.questionnaires.map { CompiledQuestionnaire($0.document.model) }
    let reports = folders.map { ModuleCheck.run(folder: $0, questionnaires: questionnaires, toolkitVersion: Assess.configuration.version) }
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      Terminal.writeOut(String(decoding: try encoder.encode(reports), as: UTF8.self) + "\n")
    case .text:
      Terminal.writeOut(ModuleCheckText(colour: Terminal.useColourOnStandardOutput).text(for: reports))
    }
    if reports.contains(where: { $0.failed > 0 }) { throw ExitCode(1) }
  }
}
