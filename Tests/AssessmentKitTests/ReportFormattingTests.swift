import AssessmentReports
import Testing

/// The escaping rules and chart geometry behind `assess report`, through their public API.
@Suite("report formatting")
struct ReportFormattingTests {
  @Test(
    "Markdown escaping: markup characters are escaped, plain words and numbers are left alone",
    arguments: [
      ("plain words, 0.50 and 1.0.0", "plain words, 0.50 and 1.0.0"),
      ("*bold* _it_", "\\*bold\\* \\_it\\_"),
      ("`code`", "\\`code\\`"),
      ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
      ("<script>", "\\<script\\>"),
      ("a | b", "a \\| b"),
      ("# title", "\\# title"),
      ("  - item", "  \\- item"),
      ("1. first", "1\\. first"),
      ("12) twelfth", "12\\) twelfth"),
      ("follow-up + more", "follow-up + more"),
      ("line\nbreak\r\nhere", "line break here"),
      ("~~gone~~ &amp;", "\\~\\~gone\\~\\~ \\&amp;"),
      ("back\\slash", "back\\\\slash"),
    ])
  func markdown(input: String, expected: String) {
    #expect(MarkdownText.escape(input) == expected)
  }

  @Test(
    "CSV: formulas are neutralised with a leading apostrophe; other text is untouched",
    arguments: [
      ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
      ("a=b", "a=b"), ("", ""), ("Police", "Police"),
    ])
  func neutralised(input: String, expected: String) {
    #expect(CSVReport.neutralised(input) == expected)
  }

  @Test(
    "CSV: RFC 4180 quoting",
    arguments: [
      ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\r\nlines\""),
      ("two\r\nlines", "\"two\r\nlines\""),
    ])
  func quoted(input: String, expected: String) {
    #expect(CSVReport.quoted(input) == expected)
  }

  @Test("hidden and direction-changing characters are made visible; joiners that scripts need are kept")
  func visible() {
    #expect(UserText.visible("abc\u{202E}dcba") == "abc[U+202E]dcba")
    #expect(UserText.visible("a\u{200B}b\u{2060}c\u{FEFF}d\u{2066}e") == "a[U+200B]b[U+2060]c[U+FEFF]d[U+2066]e")
    #expect(UserText.visible("bell\u{07}") == "bell[U+0007]")
    #expect(UserText.visible("می\u{200C}خواهم") == "می\u{200C}خواهم", "zero-width non-joiner is part of Persian spelling")
    #expect(UserText.visible("two\nlines\tand tab") == "two\nlines\tand tab")
  }

  @Test("the radar chart needs three areas; its shapes stay inside the picture")
  func radar() throws {
    #expect(RadarChart([.init(label: "A", level: 1, target: 3), .init(label: "B", level: 2, target: 3)]) == nil)
    let chart = try #require(
      RadarChart([
        .init(label: "Border management", level: 4, target: 3, uncapped: nil),
        .init(label: "Child protection", level: 0, target: 3, uncapped: 2),
        .init(label: "A very long area title that has to wrap over several lines of the label", level: 2, target: 4),
      ]))
    let points = [chart.levelPoints, chart.targetPoints ?? "", chart.uncappedPoints ?? ""] + chart.rings.map(\.points)
    for polygon in points {
      for pair in polygon.split(separator: " ") {
        let xy = pair.split(separator: ",").compactMap { Double($0) }
        #expect(xy.count == 2)
        #expect(xy[0] >= 0 && xy[0] <= Double(chart.width) && xy[1] >= 0 && xy[1] <= Double(chart.height), "\(pair)")
      }
    }
    #expect(chart.axes.count == 3)
    #expect(chart.axes[2].label.count <= 3)
    #expect(chart.axes.map(\.valueText) == ["Level 4 · target 3", "Level 0 · target 3", "Level 2 · target 4"])
    #expect(chart.description.contains("Child protection level 0 (capped from 2), target 3"))
    #expect(chart.uncappedPoints != nil)
  }

  @Test("bars: a level falling short of its target is marked, and the value is in words")
  func bars() {
    let chart = BarChart(
      [.init(label: "A", level: 3, target: 3), .init(label: "B", level: 1, target: 3), .init(label: "C", level: nil, target: nil)],
      subject: "section")
    #expect(chart.rows.map(\.belowTarget) == [false, true, false])
    #expect(chart.rows.map(\.levelText) == ["Level 3", "Level 1", "no level"])
    #expect(chart.rows[2].targetX == nil)
    #expect(chart.hasTargets)
    #expect(chart.description.hasPrefix("Maturity level of each section on a scale from 0 to 4, with the target level marked"))
  }

  @Test("the default templates are shipped and parse")
  func defaults() throws {
    let templates = try ReportTemplates.defaults()
    for name in ["html", "markdown", "html-style", "html-radar", "html-bars", "html-workshop", "html-comparison", "markdown-workshop"] {
      #expect(templates.sources[name] != nil, "template \(name) is shipped")
    }
  }

  @Test("the workshop and comparison sections render once their optional fields are set")
  func optionalSections() throws {
    var context = ReportBuilder(questionnaires: [], generator: "assess test").context(for: [])
    let templates = try ReportTemplates.defaults()
    #expect(!templates.render(context, as: .html).contains("class=\"heatmap\""))
    context.workshop = WorkshopSection(
      title: "Where agencies disagree", summary: "Two of three <agencies> differ.", columns: ["Police", "NGO"],
      rows: [HeatmapRow(label: "BM-A.1", cells: [HeatmapCell(text: "yes", shade: 0), HeatmapCell(text: "no", shade: 4)])])
    context.comparison = ComparisonSection(
      title: "Baseline and follow-up", summary: "One year on.", chart: nil,
      rows: [ComparisonRow(label: "Border management", before: "Level 1", after: "Level 2", change: "+1")])
    let html = templates.render(context, as: .html)
    #expect(html.contains("<h2 id=\"workshop-h\">Where agencies disagree</h2>"))
    #expect(html.contains("Two of three &lt;agencies&gt; differ."))
    #expect(html.contains("<td class=\"heat heat-4\">no</td>"))
    #expect(html.contains("<tr><th scope=\"row\">Border management</th><td>Level 1</td><td>Level 2</td><td>+1</td></tr>"))
    let markdown = templates.render(context, as: .markdown)
    #expect(markdown.contains("## Where agencies disagree"))
    #expect(markdown.contains("| BM-A.1 | yes | no |"))
    #expect(markdown.contains("Two of three \\<agencies\\> differ."))
  }
}
