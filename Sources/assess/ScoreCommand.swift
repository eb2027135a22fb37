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

      Examples:
        assess score Examples/examplia/border-police.answers.yaml
        assess score --top 20 Examples/examplia
        assess score --format json Examples/examplia > results.json
        assess score --fail-on critical Examples/examplia

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
    let inputs = try AssessmentLoading.load(paths, catalog: catalog, options: common.loadOptions)
    let results = inputs.assess(modules: catalog.modules, toolkitVersion: Assess.configuration.version)
    switch format {
    case .json:
      Terminal.writeOut(try ResultJSON.render(results))
    case .text:
      let summary = ScoreSummary(colour: Terminal.useColourOnStandardOutput, top: top)
      Terminal.writeOut(results.map(summary.text(for:)).joined(separator: "\n"))
    }
    let failedModules = results.flatMap(\.modules).filter { $0.status == .failed }
    if !failedModules.isEmpty {
      Terminal.writeError("\(Set(failedModules.map(\.id)).count) evaluator module(s) failed; their findings are missing from the results\n")
      throw ExitCode(1)
    }
    if let failOn, results.contains(where: { matches($0, failOn) }) {
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
