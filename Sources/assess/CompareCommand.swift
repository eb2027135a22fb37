import ArgumentParser
import AssessmentKit
import AssessmentReports
import Foundation

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare a baseline assessment with a follow-up: what improved, what regressed, what is done.",
    discussion: """
      Both answers files are scored as `assess score` would (every module that applies runs). Then, \
      per area and section: the level then and now, SAMM's progress to date \
      ((now − then) / (target − then)) and percent to target (1 − Σgap / Σtarget); per item the \
      change on the level scale, with the items that regressed listed first; the critical \
      safeguards that became or stopped being deficient; and the recommendations done (made for \
      the baseline, gone in the follow-up), still open, and new. Docs/workshops.md gives the formulas.

      Examples:
        assess compare Examples/examplia/national-baseline.answers.yaml Examples/examplia/national-followup-2027.answers.yaml
        assess compare --format json BASELINE.answers.yaml FOLLOWUP.answers.yaml > progress.json

      Exit codes: 0 compared; 1 an answers file has errors or a module failed; 64 wrong usage.
      """)

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: ArgumentHelp("The earlier answers file.", valueName: "baseline"))
  var baseline: String

  @Argument(help: ArgumentHelp("The later answers file.", valueName: "follow-up"))
  var followUp: String

  @Option(help: "text: the changes for people; json: every figure, for reports and scripts.")
  var format: OutputFormat = .text

  @OptionGroup var questionnaireOptions: QuestionnaireOptions
  @OptionGroup var plugins: PluginOptions
  @OptionGroup var common: CommonOptions

  func validate() throws {
    for path in [baseline, followUp] where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("no such file: \(path)")
    }
  }

  func run() throws {
    let catalog = Catalog.load(plugins.searchPaths)
    let printer = DiagnosticPrinter(colour: Terminal.useColour)
    let (compiled, questionnaireProblems) = questionnaireOptions.questionnaires(with: catalog, options: common.loadOptions)
    var problems = questionnaireProblems
    var documents: [Document<AnswerSet>] = []
    for path in [baseline, followUp] {
      let outcome = DocumentLoader.load(path: path, options: common.loadOptions)
      problems += outcome.diagnostics
      switch outcome.document {
      case .answers(let document)?:
        problems += AnswersValidator.validate(document, against: compiled)
        documents.append(document)
      case nil:
        break
      case let other?:
        problems.append(
          .error(.fileUnknownKind, "this is a \(other.kind.rawValue) file; compare takes two answers files", hint: "name the baseline and the follow-up *.answers.yaml", at: .start(of: path)))
      }
    }
    Terminal.writeError(printer.text(for: problems.sorted()))
    guard !problems.hasErrors, documents.count == 2 else {
      Terminal.writeError("nothing was compared: fix the errors above, then run again\n")
      throw ExitCode(1)
    }
    let runner = AssessmentRunner(questionnaires: compiled, modules: catalog.modules, toolkitVersion: Assess.configuration.version)
    let results = documents.map(runner.assess)
    runner.finish()
    let comparison = ProgressComparison.compare(baseline: results[0], followUp: results[1], questionnaires: compiled)
    switch format {
    case .json: Terminal.writeOut(try ReportJSON.render(comparison))
    case .text: Terminal.writeOut(ComparisonText(colour: Terminal.useColourOnStandardOutput).text(for: comparison))
    }
    let failed = Set(results.flatMap(\.modules).filter { $0.status == .failed }.map(\.id))
    if !failed.isEmpty {
      Terminal.writeError("\(failed.count) evaluator module(s) failed; their findings are missing, so the recommendations compared are incomplete\n")
      throw ExitCode(1)
    }
  }
}
