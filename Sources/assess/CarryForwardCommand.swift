import ArgumentParser
import AssessmentKit
import AssessmentReports
import Foundation

struct CarryForwardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "carry-forward",
    abstract: "Start a follow-up answers file from a baseline, carried to the current questionnaire versions.",
    discussion: """
      Copies the baseline's answers, notes and evidence into a new answers file for the next \
      round. When a questionnaire has a newer version, its `migrations` say where each old item \
      and option went; every answer that cannot be carried (a removed item, an option that no \
      longer exists, an item no migration mentions) is reported with its place in the baseline, \
      and listed at the top of the new file to answer afresh. The new file is checked against \
      the current questionnaires before it is written.

      Examples:
        assess carry-forward Examples/examplia/national-baseline.answers.yaml -o followup-2027.answers.yaml
        assess carry-forward --round follow-up-2028 followup-2027.answers.yaml -o followup-2028.answers.yaml
        assess carry-forward baseline.answers.yaml > followup.answers.yaml

      Exit codes: 0 written (warnings list what was not carried); 1 nothing written; 64 wrong usage.
      """)

  @Argument(help: ArgumentHelp("The answers file of the last round.", valueName: "baseline"))
  var baseline: String

  @Option(name: .shortAndLong, help: ArgumentHelp("Write the follow-up here (standard output when left out).", valueName: "file"))
  var output: String?

  @Option(help: ArgumentHelp("The new round's name, written as the respondent's `round`.", valueName: "name"))
  var round: String = CarryForward.defaultRound

  @Flag(help: "Write over the output file if it exists.")
  var force = false

  @OptionGroup var questionnaireOptions: QuestionnaireOptions
  @OptionGroup var plugins: PluginOptions
  @OptionGroup var common: CommonOptions

  func validate() throws {
    guard FileManager.default.fileExists(atPath: baseline) else { throw ValidationError("no such file: \(baseline)") }
    if let output, !force, FileManager.default.fileExists(atPath: output) {
      throw ValidationError("\(output) exists; name another file, or add --force to replace it")
    }
    if round.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--round needs a name, such as follow-up-2027") }
  }

  func run() throws {
    let catalog = Catalog.load(plugins.searchPaths)
    let printer = DiagnosticPrinter(colour: Terminal.useColour)
    let (compiled, questionnaireProblems) = questionnaireOptions.questionnaires(with: catalog, options: common.loadOptions)
    let outcome = DocumentLoader.load(path: baseline, options: common.loadOptions)
    guard case .answers(let document)? = outcome.document, !outcome.diagnostics.hasErrors else {
      var problems = questionnaireProblems + outcome.diagnostics
      if let other = outcome.document, other.kind != .answers {
        problems.append(.error(.fileUnknownKind, "this is a \(other.kind.rawValue) file, not an answers file", hint: "name the baseline *.answers.yaml", at: .start(of: baseline)))
      }
      Terminal.writeError(printer.text(for: problems.sorted()))
      Terminal.writeError("nothing was carried: fix the errors above, then run again\n")
      throw ExitCode(1)
    }
    let carried = CarryForward.carry(document, questionnaires: compiled, round: round)
    var problems = questionnaireProblems + outcome.diagnostics + carried.problems
    // The follow-up is checked as `assess validate` would, so a faulty migration shows here, not later.
    if let text = carried.text {
      let written = DocumentLoader.load(SourceText(path: output ?? "<follow-up>", text: text), options: common.loadOptions)
      problems += written.diagnostics
      if case .answers(let followUp)? = written.document {
        problems += AnswersValidator.validate(followUp, against: compiled)
      }
    }
    Terminal.writeError(printer.text(for: problems.sorted()))
    guard let text = carried.text, !problems.hasErrors else {
      Terminal.writeError("nothing was written: fix the errors above, then run again\n")
      throw ExitCode(1)
    }
    if let output {
      do {
        try text.write(toFile: output, atomically: true, encoding: .utf8)
      } catch {
        Terminal.writeError("error: cannot write \(output): \(error.localizedDescription); check the folder exists and is writable\n")
        throw ExitCode(1)
      }
    } else {
      Terminal.writeOut(text)
    }
    let left = problems.filter { $0.code == .carryNotCarried }.count
    let versions = carried.moves.map { $0.from == $0.to ? "\($0.questionnaire) \($0.to)" : "\($0.questionnaire) \($0.from) → \($0.to)" }
    Terminal.writeError(
      "carried \(carried.carried) answer\(carried.carried == 1 ? "" : "s") (\(versions.joined(separator: ", ")))"
        + (left > 0 ? "; \(left) not carried, listed above" : "") + (output.map { "; wrote \($0)" } ?? "") + "\n")
  }
}
