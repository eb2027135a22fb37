import Foundation
import Testing

/// `assess report` in every format, through the built executable.
///
/// Golden runs use a toolkit home of their own (`ScoreCLI.Home`) with only the border-management
/// rules module, so they do not move when other modules change. Re-record the goldens with
/// `ASSESS_RECORD_GOLDEN=1 swift test --filter ReportCommandTests`.
enum ReportCLI {
  static let hostileFolder = AssessCLI.fixture("reports")
  static let hostileAnswers = AssessCLI.fixture("reports/hostile.answers.yaml")

  /// `assess report --plugins <border-management> <arguments>` in the home given, from the package
  /// root (the module named relative to it, as people type it) or from `directory`.
  static func report(_ arguments: [String], home: ScoreCLI.Home, in directory: URL = AssessCLI.packageRoot) throws -> CommandResult {
    let module = directory == AssessCLI.packageRoot ? ScoreCLI.rulesModule : AssessCLI.packageRoot.appendingPathComponent(ScoreCLI.rulesModule).path
    return try AssessCLI.run(
      ["report", "--plugins", module] + arguments, in: directory,
      environment: ["ASSESS_HOME": home.path, "ASSESS_PLUGIN_PATH": "", "NO_COLOR": "1", "COLUMNS": "80"])
  }

  /// An RFC 4180 reader: fields, quoted or not, doubled quotes, line breaks inside quotes.
  static func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text.unicodeScalars)[...]
    while let scalar = characters.popFirst() {
      if quoted {
        if scalar == "\"" {
          if characters.first == "\"" {
            field.unicodeScalars.append("\"")
            characters = characters.dropFirst()
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"": quoted = true
      case ",":
        row.append(field)
        field = ""
      case "\r":
        if characters.first == "\n" { characters = characters.dropFirst() }
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      default: field.unicodeScalars.append(scalar)
      }
    }
    if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
    return rows
  }
}

@Suite("assess report")
struct ReportCommandTests {
  @Test("Markdown of the border police answers matches its golden file")
  func markdownGolden() throws {
    let home = try ScoreCLI.Home()
    let run = try ReportCLI.report(["--format", "md", "-o", "-", ScoreCLI.examplia], home: home)
    #expect(run.status == 0, "\(run)")
    Golden.check(run.stdout, against: "report-border-police.md")
  }

  @Test("JSON of the border police answers matches its golden file and the result schema")
  func jsonGolden() throws {
    let home = try ScoreCLI.Home()
    let folder = try TemporaryFolder()
    let output = folder.url.appendingPathComponent("results.json").path
    let run = try ReportCLI.report(["--format", "json", "-o", output, ScoreCLI.examplia], home: home)
    #expect(run.status == 0, "\(run)")
    let text = try String(contentsOfFile: output, encoding: .utf8)
    Golden.check(text, against: "report-border-police.json")
    let check = try ScoreSchemaTests.checkJSONSchema(["--schemafile", ScoreSchemaTests.schema, output])
    #expect(check.status == 0, "\(check.output)")
  }

  @Test("CSV tables of the border police answers match their golden files", arguments: ["items", "recommendations"])
  func csvGolden(table: String) throws {
    let home = try ScoreCLI.Home()
    let run = try ReportCLI.report(["--format", "csv", "--table", table, "-o", "-", ScoreCLI.examplia], home: home)
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.hasPrefix("\u{FEFF}"), "CSV starts with a UTF-8 byte-order mark for Excel")
    let rows = ReportCLI.parseCSV(String(run.stdout.dropFirst()))
    #expect(rows.count > 1)
    #expect(Set(rows.map(\.count)).count == 1, "every row has as many fields as the header")
    // Foundation drops a leading byte-order mark when it reads the golden file; compare without it.
    Golden.check(String(run.stdout.dropFirst()), against: "report-border-police-\(table).csv")
  }

  @Test("CSV without --table writes both tables next to -o, and says where")
  func csvBothTables() throws {
    let home = try ScoreCLI.Home()
    let folder = try TemporaryFolder()
    let run = try ReportCLI.report(["--format", "csv", "-o", "examplia.csv", AssessCLI.packageRoot.appendingPathComponent(ScoreCLI.examplia).path], home: home, in: folder.url)
    #expect(run.status == 0, "\(run)")
    #expect(run.stderrLines == ["wrote examplia-items.csv", "wrote examplia-recommendations.csv"])
    for name in ["examplia-items.csv", "examplia-recommendations.csv"] {
      let text = try String(contentsOf: folder.url.appendingPathComponent(name), encoding: .utf8)
      #expect(ReportCLI.parseCSV(String(text.dropFirst())).count > 1, "\(name) has rows")
    }
  }

  @Test("without -o the HTML report is named after the answers file, in the current folder")
  func defaultName() throws {
    let home = try ScoreCLI.Home()
    let folder = try TemporaryFolder()
    let answers = AssessCLI.packageRoot.appendingPathComponent(ScoreCLI.examplia).path
    let run = try ReportCLI.report([answers], home: home, in: folder.url)
    #expect(run.status == 0, "\(run)")
    #expect(run.stderrLines == ["wrote border-police-report.html"])
    let html = try String(contentsOf: folder.url.appendingPathComponent("border-police-report.html"), encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
  }

  @Test("the same inputs give the same bytes; --date is printed; no machine path leaks", arguments: ["html", "md"])
  func deterministic(format: String) throws {
    let home = try ScoreCLI.Home()
    let first = try ReportCLI.report(["--format", format, "-o", "-", ScoreCLI.examplia], home: home)
    let second = try ReportCLI.report(["--format", format, "-o", "-", ScoreCLI.examplia], home: home)
    #expect(first.status == 0, "\(first)")
    #expect(first.stdout == second.stdout)
    #expect(!first.stdout.contains(AssessCLI.packageRoot.path), "no absolute path of this machine")
    #expect(!first.stdout.contains(home.path), "no absolute path of this machine")
    #expect(first.stdout.contains("Examples/examplia/border-police.answers.yaml"), "the answers file as named")
    let dated = try ReportCLI.report(["--format", format, "--date", "2026-04-01", "-o", "-", ScoreCLI.examplia], home: home)
    #expect(dated.stdout.contains("2026-04-01"))
    #expect(!first.stdout.contains("2026-04-01"))
  }

  @Test("several answers files make one report with a part per respondent")
  func severalRespondents() throws {
    let home = try ScoreCLI.Home()
    let run = try ReportCLI.report(
      ["--format", "md", "-o", "-", ScoreCLI.examplia, "Examples/examplia/ministry-of-interior.answers.yaml"], home: home)
    #expect(run.status == 0, "\(run)")
    let headings = run.stdoutLines.filter { $0.hasPrefix("## ") }
    #expect(headings.contains("## Examplia — Border Police"))
    #expect(headings.contains { $0.hasPrefix("## Examplia — Ministry of the Interior") }, "\(headings)")
    #expect(run.stdout.contains("Respondents in this report:"))
  }

  @Test(
    "wrong usage exits 64 and says what to do",
    arguments: [
      (["--date", "1 April"], "YYYY-MM-DD"),
      (["--table", "items"], "--table applies to --format csv only"),
      (["--format", "csv", "-o", "-"], "add --table items or --table recommendations"),
      (["--format", "pdf"], "pdf"),
    ])
  func usage(arguments: [String], message: String) throws {
    let home = try ScoreCLI.Home()
    let run = try ReportCLI.report(arguments + [ScoreCLI.examplia], home: home)
    #expect(run.status == 64, "\(run)")
    #expect(run.stderr.contains(message), "\(run)")
  }

  @Test("answers with errors are not reported")
  func invalidAnswers() throws {
    let home = try ScoreCLI.Home()
    let folder = try TemporaryFolder()
    let bad = try folder.write(
      "bad.answers.yaml",
      "schema: assess/answers@1\nrespondent: {country: X}\nquestionnaires:\n  - id: border-management\n    version: 0.1.0\n    answers:\n      BM-A.1: maybe\n")
    let run = try ReportCLI.report(["-o", folder.url.appendingPathComponent("out.html").path, bad.path], home: home)
    #expect(run.status == 1, "\(run)")
    #expect(run.stderr.contains("[answer.invalid-option]"), "\(run)")
    #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("out.html").path))
  }

  @Test("--template replaces a template by file name, escaping stays on")
  func templateOverride() throws {
    let home = try ScoreCLI.Home()
    let folder = try TemporaryFolder()
    try folder.write("html-style.mustache", "body { background: #123456; }\n")
    try folder.write("html-summary.mustache", "<p class=\"mine\">Ours: {{heading}}</p>\n")
    let run = try ReportCLI.report(["--template", folder.url.path, "-o", "-", ReportCLI.hostileAnswers, ReportCLI.hostileFolder + "/hostile-questionnaire.yaml"], home: home)
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("body { background: #123456; }"))
    #expect(run.stdout.contains("<p class=\"mine\">Ours: Examplia — &lt;script&gt;alert(1)&lt;/script&gt; Agency"))
    #expect(run.stdout.contains("Action plan"), "templates not overridden are the defaults")
  }

  @Test("a template that is not valid Mustache is reported at its line and column")
  func templateSyntax() throws {
    let home = try ScoreCLI.Home()
    let folder = try TemporaryFolder()
    try folder.write("html-summary.mustache", "<p>\n{{#criticalFlags}}\n<li>{{item}}</li>\n{{/areas}}\n")
    let run = try ReportCLI.report(["--template", folder.url.path, "-o", "-", ScoreCLI.examplia], home: home)
    #expect(run.status == 1, "\(run)")
    let line = try #require(run.stderrLines.compactMap(DiagnosticLine.init).first, "\(run)")
    #expect(line.file.hasSuffix("html-summary.mustache"))
    #expect(line.line == 4)
    #expect(line.code == "template.syntax")
    #expect(run.stdout.isEmpty)
  }

  @Test("a missing template folder is an error that names it")
  func templateFolderMissing() throws {
    let home = try ScoreCLI.Home()
    let run = try ReportCLI.report(["--template", "no-such-templates", "-o", "-", ScoreCLI.examplia], home: home)
    #expect(run.status == 1, "\(run)")
    #expect(run.stderr.contains("no-such-templates:1:1: error: no such template folder"), "\(run)")
  }

  @Test("a module that fails is reported plainly: the report is written, says which and why, and the run exits 1")
  func failedModule() throws {
    let home = try ScoreCLI.Home()
    let folder = try TemporaryFolder()
    let output = folder.url.appendingPathComponent("report.html").path
    // This stand-in module exits at once, without the protocol's handshake.
    let broken = AssessCLI.fixture("partner-modules/org.example.partner-ranker")
    let run = try ReportCLI.report(["--plugins", broken, "-o", output, ScoreCLI.examplia], home: home)
    #expect(run.status == 1, "\(run)")
    #expect(run.stderr.contains("1 evaluator module(s) failed; the report says which"), "\(run)")
    let html = try String(contentsOfFile: output, encoding: .utf8)
    #expect(html.contains("Some modules failed: their findings are missing from this report"))
    #expect(html.contains("<li><strong>org.example.partner-ranker 0.2.0</strong>: module org.example.partner-ranker"), "the module's error, in words")
    #expect(html.contains("<th scope=\"row\">org.example.partner-ranker</th><td>0.2.0</td><td>executable</td><td><strong class=\"failed\">FAILED</strong>"))
    #expect(html.contains("<th scope=\"row\">org.unodc.border-management</th><td>0.1.0</td><td>rules</td><td>ok</td>"), "the other module's findings are kept")
  }

  @Test("run from another folder, the toolkit's modules are named by their place in the toolkit, in every format")
  func toolkitPaths() throws {
    let folder = try TemporaryFolder()
    let answers = AssessCLI.packageRoot.appendingPathComponent(ScoreCLI.examplia).path
    let run = try AssessCLI.run(["report", "--format", "json", "-o", "-", answers], in: folder.url)
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("\"manifest\" : \"Plugins/org.unodc.border-management/evaluator.yaml\""), "\(run.stdout.prefix(400))")
    #expect(!run.stdout.contains("\"manifest\" : \"/"), "no absolute manifest path")
  }
}
