import Foundation
import Testing

/// The report's workshop section (a consensus answers file reported) and progress section
/// (`--baseline`), through the built `assess`: Markdown goldens, the HTML tables as a parser
/// reads them, and hostile respondent labels and dissent notes kept inert.
@Suite("assess report: the workshop and progress sections")
struct ReportSectionsTests {
  static let consensus = AssessCLI.fixture("sections/examplia-consensus.answers.yaml")
  static let hostileConsensus = AssessCLI.fixture("sections/hostile-consensus.answers.yaml")
  static let hostileQuestionnaire = AssessCLI.fixture("reports/hostile-questionnaire.yaml")
  static let baseline = "Examples/examplia/national-baseline.answers.yaml"
  static let followUp = "Examples/examplia/national-followup-2027.answers.yaml"

  struct Table: Decodable {
    struct Row: Decodable {
      var header: String?
      var cells: [String]
    }

    var columns: [String]
    var rows: [Row]
  }

  /// One table of an HTML report, as Scripts/html-inspect.py parses it.
  static func table(_ id: String, in html: String) throws -> Table {
    let folder = try TemporaryFolder()
    let file = try folder.write("report.html", html)
    let script = AssessCLI.packageRoot.appendingPathComponent("Scripts/html-inspect.py").path
    let run = try ScoreSchemaTests.python([script, "--table", id, file.path])
    #expect(run.status == 0, "\(run.output)")
    return try JSONDecoder().decode(Table.self, from: Data(run.output.utf8))
  }

  /// The text from `start` up to (not including) `end`.
  static func part(of text: String, from start: String, to end: String) throws -> String {
    let open = try #require(text.range(of: start), "no \(start) in the report")
    let close = try #require(text.range(of: end, range: open.upperBound..<text.endIndex), "no \(end) after \(start)")
    return String(text[open.lowerBound..<close.lowerBound])
  }

  static func report(_ arguments: [String]) throws -> CommandResult {
    let home = try ScoreCLI.Home()
    return try ReportCLI.report(["-o", "-"] + arguments, home: home)
  }

  @Test("Markdown: a consensus file's report gains the workshop section (golden)")
  func workshopMarkdown() throws {
    let run = try Self.report(["--format", "md", Self.consensus])
    #expect(run.status == 0, "\(run)")
    Golden.check(try Self.part(of: run.stdout, from: "## Workshop", to: "## Method"), against: "report-workshop-section.md")
  }

  @Test("Markdown: --baseline gives the follow-up's report a progress section (golden)")
  func progressMarkdown() throws {
    let run = try Self.report(["--format", "md", "--baseline", Self.baseline, Self.followUp])
    #expect(run.status == 0, "\(run)")
    #expect(!run.stdout.contains("## Workshop"))
    Golden.check(try Self.part(of: run.stdout, from: "## Progress", to: "## Method"), against: "report-progress-section.md")
  }

  @Test("HTML: the heatmap has the agreed answer and one column per respondent, and a row for every discussed item")
  func heatmapTable() throws {
    let run = try Self.report([Self.consensus])
    #expect(run.status == 0, "\(run)")
    let heatmap = try Self.table("w1-heatmap", in: run.stdout)
    #expect(heatmap.columns == ["Item", "Agreed", "Child Protection Agency", "Safe Passage Examplia", "National Police, border directorate"])
    let ids = heatmap.rows.map { ($0.header ?? "").split(separator: " ").first.map(String.init) ?? "" }
    for discussed in ["BM-C.1", "BM-A.2", "BM-A.3", "BM-D.1", "BM-C.6", "BM-D.4", "BM-B.5"] {
      #expect(ids.contains(discussed), "\(discussed) is discussed, so it has a heatmap row: \(ids)")
    }
    #expect(heatmap.rows.allSatisfy { $0.cells.count == 4 }, "agreed + three respondents in every row")
    let useOfForce = try #require(heatmap.rows.first { $0.header?.hasPrefix("BM-C.1") == true })
    #expect(useOfForce.cells == ["Partly", "Partly", "No (−2)", "Yes (+2)"], "each cell shows its answer and its distance in levels")
    #expect(run.stdout.contains(#"<td class="heat heat-2" title="2 levels below the agreed answer">No (−2)</td>"#))

    let discussion = try Self.table("w1-discussion", in: run.stdout)
    #expect(discussion.columns == ["#", "Item", "Median", "IQR", "Range", "Agreement", "Agreed", "Why"])
    #expect(discussion.rows.first?.header?.hasPrefix("BM-C.1") == true, "the most divergent critical item first")
    #expect(discussion.rows.first?.cells == ["1", "2 (Partly)", "4", "0–4", "0.33", "Partly", "IQR of 4 levels is above 1"])
    let dissent = try Self.part(of: run.stdout, from: #"<ul class="dissent" id="w1-dissent">"#, to: "</ul>")
    #expect(dissent.contains("agreed: Partly after 2 round(s). More than a level away: Safe Passage Examplia: No (−2 levels); National Police, border directorate: Yes (+2 levels)."))
    #expect(dissent.contains("Recorded dissent: “Safe Passage Examplia holds that practice in the eastern zone contradicts the regulation"))
    #expect(!run.stdout.contains("police.answers.yaml"), "no respondent's file path in the report")
  }

  @Test("the medians and IQRs shown are those `assess workshop --format json` computes")
  func sameStatisticsAsWorkshop() throws {
    let workshop = try AssessCLI.run(["workshop", "--format", "json", "Examples/examplia/workshop"], environment: ["NO_COLOR": "1"])
    #expect(workshop.status == 0, "\(workshop)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(workshop.stdout.utf8)) as? [String: Any])
    let area = try #require((json["areas"] as? [[String: Any]])?.first)
    let discussion = try #require(area["discussion"] as? [[String: Any]])
    let run = try Self.report([Self.consensus])
    let table = try Self.table("w1-discussion", in: run.stdout)
    #expect(table.rows.count == discussion.count)
    for (row, entry) in zip(table.rows, discussion) {
      #expect(row.header?.hasPrefix(entry["item"] as? String ?? "?") == true, "same order: \(row.header ?? "") against \(entry["item"] ?? "")")
      #expect(row.cells[2] == String(format: "%g", entry["iqr"] as? Double ?? -1), "IQR of \(entry["item"] ?? "")")
    }
  }

  @Test("a freshly written consensus file, unedited, reports the same discussion")
  func freshConsensus() throws {
    let folder = try TemporaryFolder()
    let consensus = folder.url.appendingPathComponent("consensus.answers.yaml").path
    let workshop = try AssessCLI.run(["workshop", "-o", consensus, "Examples/examplia/workshop"], environment: ["NO_COLOR": "1"])
    #expect(workshop.status == 0, "\(workshop)")
    let run = try Self.report([consensus])
    #expect(run.status == 0, "\(run)")
    let table = try Self.table("w1-discussion", in: run.stdout)
    #expect(table.rows.count == 7)
    let section = try Self.part(of: run.stdout, from: #"<section class="workshop""#, to: #"<section class="method""#)
    #expect(!section.contains(folder.url.path) && !section.contains("answers.yaml"), "the workshop section names no file")
  }

  @Test("HTML: the progress section shows the regression of BM-D.3, the section table and a described chart")
  func progressHTML() throws {
    let run = try Self.report(["--baseline", Self.baseline, Self.followUp])
    #expect(run.status == 0, "\(run)")
    let sections = try Self.table("p1-sections", in: run.stdout)
    #expect(sections.columns == ["Section", "Baseline", "Follow-up", "Change", "Target", "Progress to date"])
    let force = try #require(sections.rows.first { $0.header?.hasPrefix("C Use of force") == true })
    #expect(force.cells == ["Level 1", "Level 2", "▲ +1", "3", "50%"])
    let regressed = try Self.part(of: run.stdout, from: #"<ul class="item-changes regressed">"#, to: "</ul>")
    #expect(regressed.contains("<strong>BM-D.3</strong>"))
    #expect(regressed.contains("18 → 6 <span class=\"change-down\">(▼ −1 level)</span>"))
    #expect(run.stdout.contains(#"<desc id="p1-progress-d">Maturity level of each section of Border management on a scale from 0 to 4, baseline then follow-up, with the target level: "#))
    #expect(run.stdout.contains("C Use of force, non-discrimination and accountability level 1 then level 2 (up 1), target 3"))
    #expect(run.stdout.contains(#"<svg class="defs""#), "the hatch pattern the baseline bars use is defined")
  }

  @Test("the progress figures are those `assess compare` prints")
  func sameFiguresAsCompare() throws {
    let home = try ScoreCLI.Home()
    let compare = try AssessCLI.run(
      ["compare", "--plugins", ScoreCLI.rulesModule, Self.baseline, Self.followUp],
      environment: ["ASSESS_HOME": home.path, "ASSESS_PLUGIN_PATH": "", "NO_COLOR": "1", "COLUMNS": "80"])
    #expect(compare.status == 0, "\(compare)")
    let run = try Self.report(["--format", "md", "--baseline", Self.baseline, Self.followUp])
    let summary = try #require(compare.stdout.split(separator: "\n").first { $0.hasPrefix("Recommendations:") })
    #expect(run.stdout.contains("### " + summary), "same recommendation counts: \(summary)")
    #expect(compare.stdout.contains("progress to date 14%") && run.stdout.contains("- Progress to date: 14%"))
    #expect(compare.stdout.contains("to target 61% → 67%") && run.stdout.contains("- Percent to target: 61% → 67%"))
  }

  @Test("--baseline with more than one follow-up is a usage error that says what to do")
  func baselineNeedsOneFollowUp() throws {
    let run = try Self.report(["--baseline", Self.baseline, Self.followUp, "Examples/examplia/prison-service.answers.yaml"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("name exactly one follow-up answers file"), "\(run.stderr)")
    let missing = try Self.report(["--baseline", "no-such.answers.yaml", Self.followUp])
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("no such file or folder: no-such.answers.yaml"), "\(missing.stderr)")
  }

  @Test("hostile respondent labels and dissent notes come out as text in HTML and Markdown")
  func hostileLabels() throws {
    let html = try Self.report([Self.hostileConsensus, Self.hostileQuestionnaire])
    #expect(html.status == 0, "\(html)")
    let page = try ReportEscapingTests.inspect(html.stdout, markdown: false)
    #expect(page.tags["script"] == nil && page.tags["img"] == nil && page.tags["b"] == nil)
    #expect(page.handlers.isEmpty, "\(page.handlers)")
    #expect(page.tags["style"] == 1)
    let heatmap = try Self.table("w1-heatmap", in: html.stdout)
    #expect(heatmap.columns == ["Item", "Agreed", "<img src=x onerror=alert(1)>", "=HYPERLINK(\"http://x\") | # agency", "Agency abc[U+202E]dcba"])
    let text = ReportEscapingTests.collapsed(page.text)
    #expect(text.contains("Recorded dissent: “<script>alert(2)</script> | pipe | *bold* abc[U+202E]dcba”"))
    #expect(!html.stdout.unicodeScalars.contains("\u{202E}"))

    let markdown = try Self.report(["--format", "md", Self.hostileConsensus, Self.hostileQuestionnaire])
    #expect(markdown.status == 0, "\(markdown)")
    let rendered = try ReportEscapingTests.inspect(markdown.stdout, markdown: true)
    for tag in ["script", "img", "b", "em", "a", "code", "style"] {
      #expect(rendered.tags[tag] == nil, "no <\(tag)> from the labels or notes")
    }
    #expect(rendered.tags["h1"] == 1, "`# agency` in a label makes no heading")
    #expect(rendered.external.isEmpty)
    let shown = ReportEscapingTests.collapsed(rendered.text)
    #expect(shown.contains("<img src=x onerror=alert(1)>: No (−2 levels)"))
    #expect(shown.contains("Recorded dissent: “<script>alert(2)</script> | pipe | *bold* abc[U+202E]dcba”"))
  }
}
