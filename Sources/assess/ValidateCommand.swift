import AssessmentKit
import AssessmentReports
import ArgumentParser
import Foundation

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check questionnaires, answers files and evaluator modules, and say exactly what to fix.",
    discussion: """
      Each file's kind is read from its `schema` key. Folders are searched for .yaml and .yml \
      files. Answers and modules are checked against the questionnaires named alongside them and \
      the toolkit's own. Every problem is one line:

        file:line:column: error: what is wrong; what to write instead [code]

      Examples:
        assess validate Questionnaires Examples
        assess validate Examples/examplia/border-police.answers.yaml
        assess validate --strict --format json Plugins/my-module > problems.json

      Exit codes: 0 no errors (and, with --strict, no warnings); 1 problems found; 64 wrong usage.
      The codes in brackets are explained in Docs/diagnostics.md.
      """)

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: ArgumentHelp("Files and folders to check (default: the current folder).", valueName: "path"))
  var paths: [String] = []

  @Flag(help: "Fail on warnings too, such as a missing translation.")
  var strict = false

  @Option(help: "text: one line per problem on standard error; json: a report on standard output for editors and CI.")
  var format: OutputFormat = .text

  @OptionGroup var common: CommonOptions

  func validate() throws {
    for path in paths where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("no such file or folder: \(path)")
    }
  }

  func run() throws {
    // The size cap is for the files named here; the toolkit's own files load as usual.
    let catalog = Catalog.load(Terminal.searchPaths())
    let report = ValidationRun.validate(paths: paths.isEmpty ? ["."] : paths, catalog: catalog, options: common.loadOptions)
    switch format {
    case .json:
      Terminal.writeOut(try ValidationJSON.render(report))
    case .text:
      let printer = DiagnosticPrinter(colour: Terminal.useColour)
      Terminal.writeError(printer.text(for: report.diagnostics))
      let summary = printer.summary(
        errors: report.diagnostics.errorCount, warnings: report.diagnostics.warningCount, files: report.files.count)
      if report.failed(strict: strict) {
        Terminal.writeError(summary + (strict && !report.diagnostics.hasErrors ? " (warnings fail with --strict)" : "") + "\n")
      } else {
        Terminal.writeOut(summary + "\n")
      }
    }
    if report.failed(strict: strict) { throw ExitCode(1) }
  }
}
