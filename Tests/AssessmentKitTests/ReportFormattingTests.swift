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
    for name in ["html", "markdown", "html-style", "html-radar", "html-bars", "html-workshop", "html-comparison", "markdown-workshop", "markdown-comparison", "html-paired-bars"] {
      #expect(templates.sources[name] != nil, "template \(name) is shipped")
    }
  }

  @Test("the paired bar chart spells out each change with an arrow and describes itself in words")
  func pairedBars() {
    let chart = PairedBarChart(
      [
        PairedBarChart.Entry(label: "A Rights", before: 2, after: 1, target: 3),
        PairedBarChart.Entry(label: "B Care", before: 1, after: 3, target: nil),
      ], subject: "section of Border")
    #expect(chart.rows.map(\.valueText) == ["2 → 1 ▼ · target 3", "1 → 3 ▲"])
    #expect(chart.rows[0].afterWidth == "77.5")
    #expect(chart.rows[1].targetX == nil)
    #expect(chart.description.contains("A Rights level 2 then level 1 (down 1), target 3"))
    #expect(chart.hasTargets)
  }
}
