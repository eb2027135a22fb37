import ArgumentParser
import AssessmentKit
import AssessmentReports
import Foundation

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a questionnaire as an XLSForm (KoboToolbox, ODK) or as a spreadsheet to fill in.",
    discussion: """
      Examples:
        assess export xlsform border-management -o border-management.xlsx
        assess export csv border-management -o border-police.csv
      Then collect with KoboToolbox or ODK Collect and bring the submissions back with \
      `assess import kobo`, or fill the sheet and read it with `assess import csv`.
      """,
    subcommands: [ExportXLSFormCommand.self, ExportCSVCommand.self])
}

struct ExportXLSFormCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "xlsform",
    abstract: "Write an XLSForm (.xlsx) that KoboToolbox or ODK Collect can deploy for offline collection.",
    discussion: """
      The form has a group per section, the respondent's country, agency and role first, a \
      select_one or select_multiple per choice question (the scale's options with what each \
      level means), integer, decimal, text and date fields, relevance and constraints \
      translated to XPath with the author's messages, labels and hints (the guidance) in every \
      language of the questionnaire as `label::English (en)`. Item ids become XML names \
      (BM-A.1 → BM_A_1); `assess import kobo` maps them back.

      Examples:
        assess export xlsform border-management
            writes border-management.xlsx
        assess export xlsform Questionnaires/child-protection.yaml -o cp-form.xlsx
        xls2xform border-management.xlsx border-management.xml
            check it with pyxform, as the tests do

      Exit codes: 0 written (warnings name what could not be carried over); 1 the questionnaire has errors; 64 wrong usage.
      """)

  @Argument(help: ArgumentHelp("A questionnaire id (such as border-management) or file.", valueName: "questionnaire"))
  var questionnaire: String

  @Option(name: .shortAndLong, help: ArgumentHelp("The .xlsx file to write (default: <questionnaire id>.xlsx).", valueName: "file"))
  var output: String?

  @OptionGroup var common: CommonOptions

  func run() throws {
    let selection = try TemplateCommand.select([questionnaire], options: common.loadOptions)
    let compiled = selection.selected[0]
    let form = XLSForm(compiled.questionnaire)
    for warning in form.warnings { Terminal.writeError("warning: \(warning)\n") }
    let path = output ?? "\(compiled.questionnaire.id.value).xlsx"
    do {
      try Data(form.xlsx()).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      Terminal.writeError("error: cannot write \(path): \(error.localizedDescription)\n")
      throw ExitCode(1)
    }
    Terminal.writeError("wrote \(path) (\(form.survey.count - 1) survey rows, \(form.choices.count - 1) choices)\n")
  }
}

struct ExportCSVCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "csv",
    abstract: "Write a spreadsheet (CSV) with one row per question, to fill in and import.",
    discussion: """
      Columns: questionnaire, version, item, section, question, type, options, value, notes, \
      evidence. The first rows hold the respondent's details (questionnaire `respondent`). Fill \
      in `value` (a multiple choice as option values separated by spaces), and `notes` and \
      `evidence` if you like (one piece of evidence per line of the cell), then run \
      `assess import csv`. The other columns are for reading and may be left as they are.

      Examples:
        assess export csv border-management -o border-police.csv
        assess export csv border-management child-protection --country Examplia > ministry.csv
        assess export csv border-management --answers border-police.answers.yaml -o review.csv
            the sheet filled with existing answers, for review

      Exit codes: 0 written; 1 a file has errors; 64 wrong usage.
      """)

  @Argument(help: ArgumentHelp("Questionnaire ids or files.", valueName: "questionnaire"))
  var questionnaires: [String]

  @Option(name: .shortAndLong, help: ArgumentHelp("Where to write it (default: standard output).", valueName: "file"))
  var output: String?

  @Option(help: ArgumentHelp("Fill the sheet with the answers in this file.", valueName: "file"))
  var answers: String?

  @Option(help: "Fill in the respondent's country.")
  var country: String?

  @Option(help: ArgumentHelp("Write texts in this language when the questionnaire has it.", valueName: "code"))
  var language: String?

  @Option(help: ArgumentHelp("comma, or semicolon as spreadsheets in many European locales expect.", valueName: "separator"))
  var separator: Separator = .comma

  enum Separator: String, ExpressibleByArgument, CaseIterable {
    case comma, semicolon
  }

  @OptionGroup var common: CommonOptions

  func validate() throws {
    if questionnaires.isEmpty { throw ValidationError("name a questionnaire, such as border-management") }
  }

  func run() throws {
    let selection = try TemplateCommand.select(questionnaires, options: common.loadOptions)
    var draft = AnswersDraft()
    if let answers {
      let outcome = DocumentLoader.load(path: answers, options: common.loadOptions)
      guard case .answers(let document)? = outcome.document, !outcome.diagnostics.hasErrors else {
        Terminal.writeError(DiagnosticPrinter(colour: Terminal.useColour).text(for: outcome.diagnostics.sorted()))
        throw ExitCode(1)
      }
      draft = AnswersDraft(document.model)
    }
    if let country { draft.respondent.country = country }
    let rows = AnswerSheet.rows(selection.selected, draft: draft, language: language)
    try TemplateCommand.write(CSVWriter.render(rows, separator: separator == .comma ? "," : ";"), to: output)
  }
}
