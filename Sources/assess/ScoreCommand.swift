import ArgumentParser
import AssessmentKit
import AssessmentReports
import EvaluatorProtocol
import Foundation

struct ScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Score answers files, run the evaluator modules, and list prioritised recommendations.",
    discussion: """
      Each answers file is checked first (as `assess validate` would); a file with errors is \
      not scored. Then every area is scored by the model its questionnaire declares, every \
      evaluator module that applies is run, and the recommendations are merged, given a \
      priority from 0 to 100 and grouped into an action plan. Every score and priority comes \
      with its formula and inputs.

      Questionnaires come from the toolkit's Questionnaires folder and from any questionnaire \
      file named among the paths; modules from Plugins, --plugins and ASSESS_PLUGIN_PATH.

      A folder of thousands of files is read and checked on every core, with memory that does \
      not grow with the number of files; the output is the same as scoring them one at a time, \
      in the order named, and nothing is printed on stdout when any file has errors.

      Examples:
        assess score Examples/examplia/border-police.answers.yaml
        assess score --top 20 Examples/examplia
        assess score --format json Examples/examplia > results.json
        assess score --fail-on critical Examples/examplia
        assess score --format json regional-review > results.json

      Exit codes: 0 scored; 1 an answers file has errors, a module failed, or --fail-on matched;
      64 wrong usage.
      """)

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  enum Threshold: String, ExpressibleByArgument, CaseIterable {
    case critical, high, medium, low
  }

  @Argument(help: ArgumentHelp("Answers files, or folders of them (questionnaire files named here are used too).", valueName: "path"))
  var paths: [String]

  @Option(help: "text: a summary for people; json: the full results, the same bytes for the same inputs.")
  var format: OutputFormat = .text

  @Option(help: "How many recommendations to show per answers file in text output (0 for all).")
  var top = 10

  @Option(
    name: .customLong("fail-on"),
    help: "Exit 1 when a critical flag or a finding at this severity or above is found (for CI).")
  var failOn: Threshold?

  @OptionGroup var plugins: PluginOptions
  @OptionGroup var common: CommonOptions

  func validate() throws {
    for path in paths where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("no such file or folder: \(path)")
    }
  }

  func run() throws {
    let catalog = Catalog.load(plugins.searchPaths)
    let printer = DiagnosticPrinter(colour: Terminal.useColour)
    let named = NamedQuestionnaires(separating: ValidationRun.expand(paths), options: common.loadOptions)
    var questionnaires = catalog.questionnaires.map(\.document)
    for document in named.documents { questionnaires.insert(document, at: 0) }
    var problems = named.diagnostics
    let batch = AssessmentBatch(
      questionnaires: questionnaires.map { CompiledQuestionnaire($0.model) }, modules: catalog.modules,
      toolkitVersion: Assess.configuration.version, options: common.loadOptions)
    // Results stream into the spool as they are scored (rendered on the worker threads); the
    // spool reaches stdout only if no file had errors.
    let spool = OutputSpool()
    let json = format == .json ? ResultJSONWriter(sink: spool.write) : nil
    let summary = ScoreSummary(colour: Terminal.useColourOnStandardOutput, top: top)
    let format = format
    var progress = ProgressLine(total: named.remaining.count, noun: "files")
    var handled = 0
    var answersFiles = 0
    var scored = 0
    var failedModules = Set<String>()
    var thresholdMatched = false
    try batch.run(
      named.remaining, policy: .stopScoringAtFirstError,
      render: { result in
        format == .json ? try ResultJSONWriter.element(for: result) : Array(summary.text(for: result).utf8)
      }
    ) { entry, rendered in
      handled += 1
      progress.update(handled)
      problems += entry.diagnostics
      if entry.kind == .answers { answersFiles += 1 }
      guard let result = entry.result, let rendered else { return }
      if let json {
        try json.write(element: rendered)
      } else {
        if scored > 0 { try spool.write("\n") }
        try spool.write(rendered)
      }
      scored += 1
      failedModules.formUnion(result.modules.filter { $0.status == .failed }.map(\.id))
      if let failOn, matches(result, failOn) { thresholdMatched = true }
    }
    progress.finish()
    Terminal.writeError(printer.text(for: problems.sorted()))
    guard !problems.hasErrors else {
      Terminal.writeError("nothing was scored: fix the errors above, then run again\n")
      throw ExitCode(1)
    }
    guard answersFiles > 0 else {
      Terminal.writeError("no answers files among the paths; name *.answers.yaml files or their folders\n")
      throw ExitCode(64)
    }
    try json?.finish()
    try spool.copy(to: FileHandle.standardOutput)
    if !failedModules.isEmpty {
      Terminal.writeError("\(failedModules.count) evaluator module(s) failed; their findings are missing from the results\n")
      throw ExitCode(1)
    }
    if thresholdMatched {
      throw ExitCode(1)
    }
  }

  private func matches(_ result: AssessmentResult, _ threshold: Threshold) -> Bool {
    let least: Rule.Severity
    switch threshold {
    case .critical: least = .critical
    case .high: least = .high
    case .medium: least = .medium
    case .low: least = .low
    }
    return result.areas.contains { !$0.criticalFlags.isEmpty } || result.findings.contains { $0.severity >= least }
  }
}
