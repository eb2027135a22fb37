import ArgumentParser
import AssessmentKit
import AssessmentReports
import Foundation

struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Assess Examplia, a fictional country, with every shipped module and write its HTML report.",
    discussion: """
      Runs the Examplia national baseline (\(DemoCommand.answersPath), all five \
      questionnaires) through every evaluator module the toolkit ships, writes the HTML report \
      and prints a short summary: the overall level, the critical flags, the top three \
      recommendations. Open the report in a browser, or print it.

      Examples:
        assess demo
        assess demo -o /tmp/examplia.html
        swift run assess demo          (from a fresh clone of the toolkit)

      Exit codes: 0 written; 1 the toolkit's files are missing or a module failed; 64 wrong usage.
      """)

  static let answersPath = "Examples/examplia/national-baseline.answers.yaml"

  @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Where to write the HTML report.", valueName: "file"))
  var output = "examplia-report.html"

  @Option(help: ArgumentHelp("A date to print on the report, as YYYY-MM-DD (none by default).", valueName: "date"))
  var date: String?

  func validate() throws {
    if let date, date.wholeMatch(of: #/\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/#) == nil {
      throw ValidationError("--date \(date): write the date as YYYY-MM-DD, such as 2026-04-01")
    }
  }

  func run() throws {
    let searchPaths = Terminal.searchPaths()
    guard let home = searchPaths.toolkitHome else {
      Terminal.writeError(
        "cannot find the toolkit's folder (with Questionnaires/, Plugins/ and Examples/); run from a clone of the toolkit, or set ASSESS_HOME to it\n")
      throw ExitCode(1)
    }
    let answers = FileDiscovery.join(home, Self.answersPath)
    guard FileManager.default.fileExists(atPath: answers) else {
      Terminal.writeError("the Examplia answers are missing: \(answers); restore Examples/ in the toolkit folder (ASSESS_HOME)\n")
      throw ExitCode(1)
    }
    let renderer = try ReportWriting.renderer(templateFolder: nil)
    let catalog = Catalog.load(searchPaths)
    let inputs = try AssessmentLoading.load([answers], catalog: catalog, options: .default)
    // The report names the answers file as the toolkit does, never by this machine's path.
    let assessed = inputs.assess(modules: catalog.modules, toolkitVersion: Assess.configuration.version)
    let results = ToolkitRelativePaths.apply(assessed, toolkitHome: home).map { result in
      var named = result
      named.source = Self.answersPath
      return named
    }
    let builder = ReportBuilder(
      questionnaires: inputs.questionnaires.map(\.questionnaire), generator: "assess \(Assess.configuration.version)", date: date,
      toolkitHome: home)
    let context = builder.context(for: results)
    let files = try renderer.files(.html, context: context, results: results, output: output, table: nil)
    try ReportWriting.write(files, announce: false)
    if let respondent = context.respondents.first {
      Terminal.writeOut(DemoSummary.text(respondent, written: output, modules: results.first?.modules.count ?? 0))
    }
    try ReportWriting.reportModuleFailures(results)
  }
}
