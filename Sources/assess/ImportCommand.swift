import ArgumentParser
import AssessmentKit
import AssessmentReports
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Turn KoboToolbox/ODK submissions or a filled spreadsheet into answers files.",
    discussion: """
      Examples:
        assess import kobo submissions.csv --questionnaire border-management -o answers/
        assess import csv border-police.csv -o border-police.answers.yaml
      """,
    subcommands: [ImportKoboCommand.self, ImportCSVCommand.self])

  /// Reads a CSV file, or prints why it cannot be read (exit 1).
  static func table(_ path: String, options: LoadOptions) throws -> CSVTable {
    let printer = DiagnosticPrinter(colour: Terminal.useColour)
    do {
      let source = try SourceText.read(path: path, options: options)
      return try CSVTable.parse(source.text, path: path)
    } catch {
      Terminal.writeError(printer.text(for: [error]))
      throw ExitCode(1)
    }
  }
}

struct ImportKoboCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kobo",
    abstract: "Turn submissions exported from KoboToolbox or ODK (CSV) into one answers file per submission.",
    discussion: """
      Export the submissions as CSV (XML values or labels, `,` or `;` separated, group names \
      in the headers or not). Each row becomes DIR/<agency>-<row>.answers.yaml, validated as \
      `assess validate` would. A row with errors is reported at file.csv:LINE:FIELD and not \
      written; the good rows are. Metadata columns (start, end, _uuid, _submission_time, …) \
      are left aside; the submission date becomes the respondent's date.

      Examples:
        assess import kobo border-management_2026.csv --questionnaire border-management -o answers/
        assess import kobo export.csv --questionnaire child-protection --country Examplia --round baseline
        assess score answers/

      Exit codes: 0 every row imported; 1 some rows had errors (the others were written); 64 wrong usage.
      """)

  @Argument(help: ArgumentHelp("The CSV export of the submissions.", valueName: "export.csv"))
  var export: String

  @Option(help: ArgumentHelp("The questionnaire the form was made from (id or file).", valueName: "id"))
  var questionnaire: String

  @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the answers files in (default: the current folder).", valueName: "dir"))
  var output: String = "."

  @Option(help: "The country, when the export has no country column.")
  var country: String?

  @Option(help: "The round to record in every answers file, such as baseline.")
  var round: String?

  @OptionGroup var common: CommonOptions

  func validate() throws {
    if !FileManager.default.fileExists(atPath: export) { throw ValidationError("no such file: \(export)") }
  }

  func run() throws {
    let selection = try TemplateCommand.select([questionnaire], options: common.loadOptions)
    let table = try ImportCommand.table(export, options: common.loadOptions)
    // Progress only for a person watching a terminal, and only when there is enough to wait for.
    let showProgress = isatty(STDERR_FILENO) == 1 && table.records.count > 50
    let (submissions, general) = KoboImport.read(
      table, questionnaire: selection.selected[0], known: selection.known, options: KoboImport.Options(country: country, round: round)
    ) { done, total in
      if showProgress && (done % 25 == 0 || done == total) {
        Terminal.writeError("\rchecking submissions: \(done) of \(total)" + (done == total ? "\n" : ""))
      }
    }
    let printer = DiagnosticPrinter(colour: Terminal.useColour)
    Terminal.writeError(printer.text(for: (general + submissions.flatMap(\.diagnostics)).sorted()))
    if general.hasErrors { throw ExitCode(1) }
    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    var written = 0
    for submission in submissions {
      guard let draft = submission.draft else { continue }
      let name = "\(Self.slug(draft.respondent.agency ?? "submission"))-\(submission.number).answers.yaml"
      let path = FileDiscovery.join(output, name)
      let header = ["Imported from \((export as NSString).lastPathComponent), row \(submission.number)"
        + (submission.uuid.map { ", submission \($0)" } ?? "")]
      do {
        try AnswersFile.save(draft, to: path, against: selection.known, header: header)
      } catch {
        Terminal.writeError("error: \(path) was not written: \(error)\n")
        continue
      }
      Terminal.writeOut("wrote \(path)\n")
      written += 1
    }
    let failed = submissions.count - written
    Terminal.writeError("\(written) of \(submissions.count) submissions imported" + (failed > 0 ? "; \(failed) with errors were not written" : "") + "\n")
    if failed > 0 { throw ExitCode(1) }
  }

  /// `Border Police` → `border-police`.
  static func slug(_ text: String) -> String {
    var out = ""
    for scalar in text.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        out.unicodeScalars.append(scalar)
      } else if !out.isEmpty && !out.hasSuffix("-") {
        out += "-"
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "submission" : String(out.prefix(40))
  }
}

struct ImportCSVCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "csv",
    abstract: "Turn a spreadsheet made by `assess export csv` and filled in into an answers file.",
    discussion: """
      Reads the columns questionnaire, item and value (and notes, evidence, version when \
      present), by name, in any order; `,` or `;` separated, with or without a byte order \
      mark, quoted cells spanning lines included. Problems are reported at \
      file.csv:LINE:FIELD; nothing is written until the sheet is free of errors.

      Examples:
        assess import csv border-police.csv
            writes border-police.answers.yaml
        assess import csv ministry.csv -o Examples/ministry.answers.yaml
        assess import csv partner.csv --questionnaire ../partner/child-rights.yaml

      Exit codes: 0 written; 1 the sheet has errors; 64 wrong usage.
      """)

  @Argument(help: ArgumentHelp("The filled spreadsheet, saved as CSV.", valueName: "file.csv"))
  var file: String

  @Option(name: .shortAndLong, help: ArgumentHelp("The answers file to write (default: the CSV's name with .answers.yaml).", valueName: "file"))
  var output: String?

  @Option(
    name: .customLong("questionnaire"),
    help: ArgumentHelp("A questionnaire file the sheet answers, when it is not among the toolkit's (repeatable).", valueName: "file"))
  var questionnaireFiles: [String] = []

  @Flag(help: "Replace the output file if it exists.")
  var force = false

  @OptionGroup var common: CommonOptions

  func validate() throws {
    if !FileManager.default.fileExists(atPath: file) { throw ValidationError("no such file: \(file)") }
  }

  func run() throws {
    let path = output ?? ((file as NSString).deletingPathExtension + ".answers.yaml")
    if !force && FileManager.default.fileExists(atPath: path) {
      throw ValidationError("\(path) exists already; add --force to replace it, or choose another with -o")
    }
    let known = try TemplateCommand.select(questionnaireFiles, options: common.loadOptions).known
    let table = try ImportCommand.table(file, options: common.loadOptions)
    let (draft, diagnostics) = AnswerSheet.read(table, questionnaires: known)
    Terminal.writeError(DiagnosticPrinter(colour: Terminal.useColour).text(for: diagnostics.sorted()))
    guard let draft, !diagnostics.hasErrors else {
      Terminal.writeError("nothing was written: fix the errors above, then import again\n")
      throw ExitCode(1)
    }
    do {
      try AnswersFile.save(draft, to: path, against: known, header: ["Imported from \((file as NSString).lastPathComponent)"])
    } catch {
      Terminal.writeError("error: \(path) was not written: \(error)\n")
      throw ExitCode(1)
    }
    Terminal.writeOut("wrote \(path)\n")
  }
}
