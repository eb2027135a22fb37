import ArgumentParser
import AssessmentKit
import AssessmentReports
import Foundation

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a report of answers files: HTML to send or print, Markdown to draft from, JSON or CSV to analyse.",
    discussion: """
      The answers are checked and scored as `assess score` does; a file with errors is not \
      reported. Several answers files make one report with a part per respondent.

      html  one self-contained page (charts included, nothing fetched), for screens, \
      projectors and A4 paper: the critical flags first, maturity by area and section, the \
      action plan, every recommendation with its priority and why, every answer, the method.
      md    the same content as Markdown, to paste into a strategy draft.
      json  the full results, as `assess score --format json`.
      csv   two tables, items and recommendations, for spreadsheets (UTF-8 with a byte-order \
      mark; cells that would run as formulas start with an apostrophe).

      Without -o the report goes to the current folder, named after the answers file \
      (national-baseline-report.html); `-o -` writes to standard output. CSV writes \
      BASE-items.csv and BASE-recommendations.csv, or only the --table named.

      A workshop's consensus file (written by `assess workshop -o`, with `consensus:` under \
      its answers) gains a workshop section: a divergence heatmap of each respondent's original \
      answer against the agreed one, the discussion list, and who dissented.

      --baseline BASELINE adds a progress section to the follow-up's report: levels then and \
      now with a chart, progress to date and percent to target, the items that regressed or \
      improved, the recommendations done and still open (the figures of `assess compare`).

      Reports hold no clock time, so the same inputs give the same bytes; --date prints a \
      date of your choosing. --template DIR replaces any default template by file name \
      (see Docs/reports.md).

      Examples:
        assess report Examples/examplia/national-baseline.answers.yaml
      and, in Examples/examplia:
        assess report --format md -o draft.md national-baseline.answers.yaml
        assess report --format csv -o examplia.csv national-baseline.answers.yaml
        assess report --format csv --table items -o - prison-service.answers.yaml
        assess report --date 2026-04-01 --template my-templates *.answers.yaml
        assess report --baseline national-baseline.answers.yaml national-followup-2027.answers.yaml
        assess workshop -o consensus.answers.yaml workshop && assess report consensus.answers.yaml

      Exit codes: 0 written; 1 an answers file or template has errors, or a module failed \
      (the report is still written, and says so); 64 wrong usage.
      """)

  @Argument(help: ArgumentHelp("Answers files, or folders of them (questionnaire files named here are used too).", valueName: "path"))
  var paths: [String]

  @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Where to write the report; - for standard output.", valueName: "file"))
  var output: String?

  @Option(help: "html, md, json or csv.")
  var format: ReportFormat = .html

  @Option(help: ArgumentHelp("With --format csv: write only this table (items or recommendations).", valueName: "table"))
  var table: CSVReport.Table?

  @Option(name: .customLong("template"), help: ArgumentHelp("A folder of NAME.mustache files replacing the default templates of that name.", valueName: "dir"))
  var templateFolder: String?

  @Option(help: ArgumentHelp("A date to print on the report, as YYYY-MM-DD (none by default).", valueName: "date"))
  var date: String?

  @Option(help: ArgumentHelp("An earlier answers file: the report of the one answers file named gains a progress section against it.", valueName: "file"))
  var baseline: String?

  @OptionGroup var plugins: PluginOptions
  @OptionGroup var common: CommonOptions

  func validate() throws {
    for path in paths + [baseline].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("no such file or folder: \(path)")
    }
    if let date, date.wholeMatch(of: #/\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/#) == nil {
      throw ValidationError("--date \(date): write the date as YYYY-MM-DD, such as 2026-04-01")
    }
    if table != nil && format != .csv {
      throw ValidationError("--table applies to --format csv only")
    }
    if format == .csv && table == nil && output == "-" {
      throw ValidationError("--format csv -o - writes one table: add --table items or --table recommendations")
    }
  }

  func run() throws {
    let renderer = try ReportWriting.renderer(templateFolder: templateFolder)
    let searchPaths = plugins.searchPaths
    let catalog = Catalog.load(searchPaths)
    let inputs = try AssessmentLoading.load(paths + [baseline].compactMap { $0 }, catalog: catalog, options: common.loadOptions)
    if let baseline, inputs.answers.count != 2 {
      Terminal.writeError(
        "--baseline \(baseline) compares one follow-up with it, but \(inputs.answers.count - 1) other answers files were named; name exactly one follow-up answers file\n")
      throw ExitCode(64)
    }
    var results = ToolkitRelativePaths.apply(
      inputs.assess(modules: catalog.modules, toolkitVersion: Assess.configuration.version), toolkitHome: searchPaths.toolkitHome)
    var comparison: Comparison?
    if baseline != nil, let earlier = results.popLast(), let later = results.first {
      comparison = ProgressComparison.compare(baseline: earlier, followUp: later, questionnaires: inputs.questionnaires)
    }
    let reported = baseline == nil ? inputs.answers : Array(inputs.answers.dropLast())
    let consensus = reported.lazy.compactMap { ConsensusReading.review($0, questionnaires: inputs.questionnaires) }.first
    let builder = ReportBuilder(
      questionnaires: inputs.questionnaires.map(\.questionnaire), generator: "assess \(Assess.configuration.version)", date: date,
      toolkitHome: searchPaths.toolkitHome)
    let context = builder.context(for: results, consensus: consensus, comparison: comparison)
    let files = try renderer.files(format, context: context, results: results, output: output, table: table)
    try ReportWriting.write(files)
    try ReportWriting.reportModuleFailures(results)
  }
}

extension ReportFormat: ExpressibleByArgument {}
extension CSVReport.Table: ExpressibleByArgument {}

/// Writing reports, shared by `report` and `demo`.
enum ReportWriting {
  static func renderer(templateFolder: String?) throws -> ReportRenderer {
    do {
      let templates = try templateFolder.map(ReportTemplates.defaults(overriddenBy:)) ?? ReportTemplates.defaults()
      return ReportRenderer(templates: templates)
    } catch let diagnostic as Diagnostic {
      Terminal.writeError(DiagnosticPrinter(colour: Terminal.useColour).text(for: [diagnostic]))
      throw ExitCode(1)
    }
  }

  /// Writes each file (standard output for `-`) and says on standard error where files went.
  static func write(_ files: [ReportFile], announce: Bool = true) throws {
    for file in files {
      if file.path == "-" {
        Terminal.writeOut(file.text)
        continue
      }
      do {
        try Data(file.text.utf8).write(to: URL(fileURLWithPath: file.path))
      } catch {
        Terminal.writeError("cannot write \(file.path): \(error.localizedDescription); check that its folder exists and is writable\n")
        throw ExitCode(1)
      }
      if announce { Terminal.writeError("wrote \(file.path)\n") }
    }
  }

  static func reportModuleFailures(_ results: [AssessmentResult]) throws {
    let failed = Set(results.flatMap(\.modules).filter { $0.status == .failed }.map(\.id))
    guard !failed.isEmpty else { return }
    Terminal.writeError("\(failed.count) evaluator module(s) failed; the report says which, and their findings are missing from it\n")
    throw ExitCode(1)
  }
}
