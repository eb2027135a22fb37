import Foundation
import Testing

/// Hostile answer text (`Fixtures/reports/hostile.answers.yaml`: script tags, an `<img onerror>`,
/// spreadsheet formulas, a right-to-left override, zero-width characters, a 5,000-character word,
/// Mustache tags, `</style>`, `]]>`, Markdown syntax) comes out inert in every format. Each
/// output is parsed — HTML by Python's parser, Markdown rendered by markdown-it-py first, CSV by
/// an RFC 4180 reader, JSON by JSONSerialization — and the checks are on what a reader, browser
/// or spreadsheet would see.
@Suite("assess report: hostile answer text comes out inert")
struct ReportEscapingTests {
  static let longWord = String(repeating: "A", count: 5000)

  /// What the answers say, once the report has made hidden characters visible.
  static let shownAsText = [
    "<script>alert(1)</script> \"><img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://x\",\"y\")",
    "+cmd|' /C calc'!A0",
    "abc[U+202E]dcba zero[U+200B]width[U+2060]joiner[U+FEFF]",
    "</style><b>bold</b> ]]> {{mustache}}",
    "*bold* _it_ `code` [link](javascript:alert(1)) | pipe | <b>x</b>",
    "# heading",
    longWord,
  ]

  struct Inspection: Decodable {
    var tags: [String: Int]
    var handlers: [String]
    var external: [String]
    var text: String
    var style: String
  }

  static func report(_ format: String) throws -> String {
    let home = try ScoreCLI.Home()
    let run = try ReportCLI.report(["--format", format, "-o", "-", ReportCLI.hostileFolder], home: home)
    #expect(run.status == 0, "\(run)")
    return run.stdout
  }

  static func inspect(_ text: String, markdown: Bool) throws -> Inspection {
    let folder = try TemporaryFolder()
    let file = try folder.write(markdown ? "report.md" : "report.html", text)
    let script = AssessCLI.packageRoot.appendingPathComponent("Scripts/html-inspect.py").path
    if markdown {
      let probe = try ScoreSchemaTests.python(["-c", "import markdown_it"])
      guard probe.status == 0 else {
        throw ToolMissing(
          what: "markdown-it-py (`python3 -m pip install markdown-it-py`, as .ci/run does) to render the Markdown report")
      }
    }
    let run = try ScoreSchemaTests.python([script] + (markdown ? ["--markdown"] : []) + [file.path])
    #expect(run.status == 0, "\(run.output)")
    return try JSONDecoder().decode(Inspection.self, from: Data(run.output.utf8))
  }

  struct ToolMissing: Error, CustomStringConvertible {
    var what: String
    var description: String { "this test needs \(what)" }
  }

  /// The text a reader sees, with runs of white space made one space (HTML collapses them).
  static func collapsed(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
  }

  @Test("HTML: no element, attribute or script comes from the answers; every value reads as written")
  func html() throws {
    let output = try Self.report("html")
    let page = try Self.inspect(output, markdown: false)
    #expect(page.tags["script"] == nil)
    #expect(page.tags["img"] == nil)
    #expect(page.tags["b"] == nil)
    #expect(page.tags["style"] == 1, "one style element: `</style>` in a note did not end it")
    #expect(page.handlers.isEmpty, "\(page.handlers)")
    #expect(page.external.isEmpty, "nothing fetched: \(page.external)")
    #expect(!page.style.contains("alert"), "no answer text inside the style element")
    let text = Self.collapsed(page.text)
    for value in Self.shownAsText {
      #expect(text.contains(Self.collapsed(value)), "shown as written: \(value.prefix(80))")
    }
    #expect(text.contains("=HYPERLINK(\"http://x\",\"y\") <script>alert(1)</script>"), "the text answer")
    #expect(!output.unicodeScalars.contains("\u{202E}"), "no right-to-left override reaches the page")
    #expect(!output.unicodeScalars.contains("\u{200B}"))
  }

  @Test("Markdown: rendered by a CommonMark parser, no markup comes from the answers")
  func markdown() throws {
    let output = try Self.report("md")
    let page = try Self.inspect(output, markdown: true)
    for tag in ["script", "img", "b", "em", "a", "code", "style"] {
      #expect(page.tags[tag] == nil, "no <\(tag)> from the answers")
    }
    #expect(page.tags["h1"] == 1, "only the report's own title is a level-1 heading")
    #expect(page.tags["h2"] == 2, "the respondent and the method, no `# heading` from a note")
    #expect(page.handlers.isEmpty)
    #expect(page.external.isEmpty, "no link from `[link](javascript:…)`: \(page.external)")
    let text = Self.collapsed(page.text)
    for value in Self.shownAsText {
      #expect(text.contains(Self.collapsed(value)), "shown as written: \(value.prefix(80))")
    }
    #expect(text.contains("line one line two | with pipe # not a heading"), "line breaks in a note do not break the table")
    #expect(!output.unicodeScalars.contains("\u{202E}"))
  }

  @Test("CSV: a spreadsheet would show every value as text, never run it")
  func csv() throws {
    let output = try itemsCSV()
    // Line breaks inside cells are CRLF, as RFC 4180 writes them; compared here as "\n".
    let rows = ReportCLI.parseCSV(String(output.dropFirst())).map { $0.map { $0.replacingOccurrences(of: "\r\n", with: "\n") } }
    let header = try #require(rows.first)
    #expect(Set(rows.map(\.count)) == [header.count], "every row as wide as the header")
    let notes = try #require(header.firstIndex(of: "notes"))
    let evidence = try #require(header.firstIndex(of: "evidence"))
    let answer = try #require(header.firstIndex(of: "answer"))
    let agency = try #require(header.firstIndex(of: "agency"))
    let cells = rows.dropFirst().flatMap { [$0[notes], $0[evidence], $0[answer], $0[agency]] }
    for cell in cells {
      #expect(!["=", "+", "-", "@", "\t", "\r"].contains(cell.first.map(String.init) ?? ""), "inert: \(cell.prefix(60))")
    }
    let byItem = Dictionary(rows.dropFirst().map { ($0[header.firstIndex(of: "item")!], $0) }, uniquingKeysWith: { first, _ in first })
    let s11 = try #require(byItem["S1.1"])
    #expect(s11[evidence] == "'=HYPERLINK(\"http://x\",\"y\")\n+cmd|' /C calc'!A0\n@SUM(1+1)")
    #expect(s11[notes] == "<script>alert(1)</script> \"><img src=x onerror=alert(1)>")
    #expect(try #require(byItem["S2.2"])[answer] == "'=HYPERLINK(\"http://x\",\"y\") <script>alert(1)</script>")
    #expect(try #require(byItem["S1.2"])[evidence] == Self.longWord)
    #expect(try #require(byItem["S2.3"])[notes] == "line one\nline two | with pipe\n# not a heading")
    #expect(!output.unicodeScalars.contains("\u{202E}"))
  }

  /// A spreadsheet reads a formula only from the start of a cell, so a multi-line cell (the
  /// evidence list) is safe once its first character is.
  private func itemsCSV() throws -> String {
    let home = try ScoreCLI.Home()
    let run = try ReportCLI.report(["--format", "csv", "--table", "items", "-o", "-", ReportCLI.hostileFolder], home: home)
    #expect(run.status == 0, "\(run)")
    return run.stdout
  }

  @Test("JSON: every value round-trips exactly, as data")
  func json() throws {
    let output = try Self.report("json")
    let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
    let results = try #require((object as? [String: Any])?["results"] as? [[String: Any]])
    let areas = try #require(results.first?["areas"] as? [[String: Any]])
    let items = try #require(areas.first?["items"] as? [[String: Any]])
    let s11 = try #require(items.first { $0["id"] as? String == "S1.1" })
    #expect(s11["notes"] as? String == "<script>alert(1)</script> \"><img src=x onerror=alert(1)>")
    let s12 = try #require(items.first { $0["id"] as? String == "S1.2" })
    #expect(s12["notes"] as? String == "abc\u{202E}dcba zero\u{200B}width\u{2060}joiner\u{FEFF}", "JSON is data: kept exactly")
    let respondent = try #require(results.first?["respondent"] as? [String: Any])
    #expect(respondent["agency"] as? String == "<script>alert(1)</script> Agency abc\u{202E}dcba")
  }
}
