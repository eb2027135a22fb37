import ArgumentParser
import AssessmentKit
import AssessmentReports
import Foundation

struct TemplateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "template",
    abstract: "Write a fillable answers file: every question, its options and guidance as comments.",
    discussion: """
      Each question becomes an empty `value:` with the question, the options (value — label: \
      what the level means) and the guidance above it as comments. An empty value means \
      "not answered yet", so the file passes `assess validate` as written and once filled in.

      Examples:
        assess template border-management -o border-police.answers.yaml
        assess template border-management child-protection --country Examplia > ministry.answers.yaml
        assess template Questionnaires/vam-integration.yaml --language fr -o vam.answers.yaml

      Exit codes: 0 written; 1 a questionnaire file has errors; 64 wrong usage.
      """)

  @Argument(help: ArgumentHelp("Questionnaire ids (such as border-management) or questionnaire files.", valueName: "questionnaire"))
  var questionnaires: [String]

  @Option(name: .shortAndLong, help: ArgumentHelp("Where to write it (default: standard output).", valueName: "file"))
  var output: String?

  @Option(help: "Fill in the respondent's country.")
  var country: String?

  @Option(help: "Fill in the respondent's agency or organisation.")
  var agency: String?

  @Option(help: ArgumentHelp("Write texts in this language when the questionnaire has it.", valueName: "code"))
  var language: String?

  @Flag(help: "Replace the output file if it exists.")
  var force = false

  @OptionGroup var common: CommonOptions

  func validate() throws {
    if questionnaires.isEmpty { throw ValidationError("name a questionnaire, such as border-management") }
    if let output, !force, FileManager.default.fileExists(atPath: output) {
      throw ValidationError("\(output) exists already; add --force to replace it")
    }
  }

  func run() throws {
    let selection = try Self.select(questionnaires, options: common.loadOptions)
    let text = AnswersTemplate.render(
      selection.selected, respondent: AnswersDraft.RespondentDraft(country: country, agency: agency), language: language)
    try Self.write(text, to: output)
  }

  /// The named questionnaires, or the reason they cannot be used (printed, exit 1 or 64).
  static func select(_ names: [String], options: LoadOptions) throws -> QuestionnaireSelection {
    do {
      return try QuestionnaireSelection.resolve(names, catalog: Catalog.load(Terminal.searchPaths()), options: options)
    } catch .invalid(let diagnostics) {
      Terminal.writeError(DiagnosticPrinter(colour: Terminal.useColour).text(for: diagnostics.sorted()))
      throw ExitCode(1)
    } catch .unknown(let message) {
      throw ValidationError(message)
    }
  }

  /// Writes to the file atomically, or to standard output when there is none.
  static func write(_ text: String, to path: String?) throws {
    guard let path else {
      Terminal.writeOut(text)
      return
    }
    do {
      try AtomicFile.write(text, to: path)
    } catch {
      Terminal.writeError("error: \(error.description)\n")
      throw ExitCode(1)
    }
    Terminal.writeError("wrote \(path)\n")
  }
}
