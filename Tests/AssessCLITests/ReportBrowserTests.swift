import Foundation
import Testing

/// The HTML report of `assess demo`, rendered by a real browser (headless Chromium, Debian's
/// `chromium` package, which `.ci/run` installs): the page and its charts must actually draw.
///
/// The screenshots are measured by `Scripts/png-ink.py` (Python's standard library only): the
/// share of pixels that are not white, and where the charts' own colours are. Without Chromium
/// these tests are skipped with a message — and fail when `ASSESS_REQUIRE_BROWSER=1` (CI sets it).
@Suite("assess report: rendered in a real browser")
struct ReportBrowserTests {
  static let browser: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
        return "\(folder)/\(name)"
      }
    }
    return nil
  }()

  static let required = ProcessInfo.processInfo.environment["ASSESS_REQUIRE_BROWSER"] == "1"

  /// The radar's fill (#0b5cab at 25% over white) and the bars' level colours, from html-style.
  static let radarFill = "#c2d6ea"
  static let barColours = ["#b04a12", "#8a6a00", "#3f7d3a"]

  struct Ink: Decodable {
    struct Colour: Decodable {
      var colour: String
      var count: Int
      var box: [Int]
    }

    var width: Int
    var height: Int
    var ink: Double
    var regions: [Double]
    var colours: [Colour]
  }

  /// Runs Chromium headless; returns its exit status and output.
  static func chromium(_ arguments: [String]) throws -> (Int32, String) {
    let browser = try #require(browser)
    return try runCollectingOutput(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"] + arguments)
  }

  static func screenshot(_ page: URL, to png: URL, width: Int, height: Int) throws {
    let (status, output) = try chromium(["--screenshot=\(png.path)", "--window-size=\(width),\(height)", page.absoluteString])
    #expect(status == 0, "chromium failed:\n\(output)")
    #expect(FileManager.default.fileExists(atPath: png.path), "no screenshot written:\n\(output)")
  }

  static func measure(_ png: URL, _ arguments: [String] = []) throws -> Ink {
    let script = AssessCLI.packageRoot.appendingPathComponent("Scripts/png-ink.py").path
    let run = try ScoreSchemaTests.python([script, png.path] + arguments)
    #expect(run.status == 0, "\(run.output)")
    return try JSONDecoder().decode(Ink.self, from: Data(run.output.utf8))
  }

  /// The demo's report, written into `folder`.
  static func demoReport(in folder: TemporaryFolder) throws -> URL {
    let run = try AssessCLI.run(["demo", "-o", "report.html"], in: folder.url)
    #expect(run.status == 0, "\(run)")
    return folder.url.appendingPathComponent("report.html")
  }

  /// True when the test should run; records why not otherwise (a failure when the browser is required).
  static func browserAvailable() -> Bool {
    if browser != nil { return true }
    if required {
      Issue.record("ASSESS_REQUIRE_BROWSER=1 but no chromium on PATH: install Debian's `chromium` (as .ci/run does)")
    }
    return false
  }

  @Test(
    "the page draws: header, summary and the radar chart are on screen",
    .enabled(if: browser != nil || required, "Chromium is not installed (apt-get install chromium); set ASSESS_REQUIRE_BROWSER=1 to make this a failure"))
  func page() throws {
    guard Self.browserAvailable() else { return }
    let folder = try TemporaryFolder()
    let report = try Self.demoReport(in: folder)
    let png = folder.url.appendingPathComponent("page.png")
    try Self.screenshot(report, to: png, width: 1280, height: 3000)
    let ink = try Self.measure(png, ["0,0,1280,220", Self.radarFill] + Self.barColours)
    #expect(ink.width == 1280 && ink.height == 3000)
    #expect(ink.ink > 0.03 && ink.ink < 0.5, "a page of text and charts, neither blank nor solid: \(ink.ink)")
    #expect(ink.regions[0] > 0.02, "the title and header are drawn: \(ink.regions[0])")
    #expect(ink.colours[0].count > 1000, "the radar's level shape is filled: \(ink.colours[0])")
    for colour in ink.colours.dropFirst() {
      #expect(colour.count > 500, "level colour \(colour.colour) drawn (badges and bars): \(colour)")
    }
  }

  @Test(
    "each chart, alone in the browser with the report's own style, draws its shapes",
    .enabled(if: browser != nil || required, "Chromium is not installed (apt-get install chromium); set ASSESS_REQUIRE_BROWSER=1 to make this a failure"))
  func charts() throws {
    guard Self.browserAvailable() else { return }
    let folder = try TemporaryFolder()
    let html = try String(contentsOf: try Self.demoReport(in: folder), encoding: .utf8)
    let style = try #require(Self.between(html, "<style>", "</style>").first)
    let svgs = Self.between(html, "<svg", "</svg>").map { "<svg" + $0 + "</svg>" }
    let defs = try #require(svgs.first { $0.contains("class=\"defs\"") })
    let radar = try #require(svgs.first { $0.contains("class=\"radar\"") })
    let bars = try #require(svgs.first { $0.contains("class=\"bars\"") })
    #expect(svgs.filter { $0.contains("class=\"bars\"") }.count == 5, "one bar chart per area")
    for (name, svg, colours) in [("radar", radar, [Self.radarFill]), ("bars", bars, Self.barColours)] {
      let page = try folder.write(
        "\(name).html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>\(style)</style></head><body style=\"margin:0\">\(defs)\(svg)</body></html>")
      let png = folder.url.appendingPathComponent("\(name).png")
      try Self.screenshot(page, to: png, width: 800, height: 560)
      let ink = try Self.measure(png, ["0,0,800,560"] + colours)
      #expect(ink.regions[0] > 0.015 && ink.regions[0] < 0.6, "\(name): drawn, not blank and not solid: \(ink.regions[0])")
      for colour in ink.colours {
        #expect(colour.count > 400, "\(name): \(colour.colour) drawn: \(colour)")
        #expect(colour.box[2] > 20 && colour.box[3] > 15, "\(name): \(colour.colour) covers an area, not a speck: \(colour.box)")
      }
    }
  }

  /// The paired bars' baseline grey (#8d96a3 under a white hatch, so lighter stripes between
  /// it) and the follow-up's level colours, from html-style.
  static let baselineGrey = "#8d96a3"

  @Test(
    "the progress chart of a follow-up's report draws baseline and follow-up bars side by side",
    .enabled(if: browser != nil || required, "Chromium is not installed (apt-get install chromium); set ASSESS_REQUIRE_BROWSER=1 to make this a failure"))
  func progressChart() throws {
    guard Self.browserAvailable() else { return }
    let folder = try TemporaryFolder()
    let home = try ScoreCLI.Home()
    let run = try ReportCLI.report(
      ["-o", "-", "--baseline", ReportSectionsTests.baseline, ReportSectionsTests.followUp], home: home)
    #expect(run.status == 0, "\(run)")
    let style = try #require(Self.between(run.stdout, "<style>", "</style>").first)
    let svgs = Self.between(run.stdout, "<svg", "</svg>").map { "<svg" + $0 + "</svg>" }
    let defs = try #require(svgs.first { $0.contains("class=\"defs\"") })
    let paired = svgs.filter { $0.contains("class=\"bars paired\"") }
    #expect(paired.count == 5, "one progress chart per area")
    let border = try #require(paired.first)
    let page = try folder.write(
      "progress.html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>\(style)</style></head><body style=\"margin:0\">\(defs)\(border)</body></html>")
    let png = folder.url.appendingPathComponent("progress.png")
    try Self.screenshot(page, to: png, width: 800, height: 340)
    // The bars' rows, the legend above them left out.
    let ink = try Self.measure(png, ["280,40,310,270", Self.baselineGrey, "#b04a12", "#8a6a00", "#3f7d3a", "#1c2430"])
    #expect(ink.regions[0] > 0.2 && ink.regions[0] < 0.9, "bars drawn in the plot, neither blank nor solid: \(ink.regions[0])")
    let counts = Dictionary(ink.colours.map { ($0.colour, $0) }, uniquingKeysWith: { first, _ in first })
    #expect((counts[Self.baselineGrey]?.count ?? 0) > 400, "the hatched grey baseline bars: \(String(describing: counts[Self.baselineGrey]))")
    #expect((counts["#8a6a00"]?.count ?? 0) > 400, "follow-up bars at level 2: \(String(describing: counts["#8a6a00"]))")
    #expect((counts["#3f7d3a"]?.count ?? 0) > 200, "the follow-up bar at level 3: \(String(describing: counts["#3f7d3a"]))")
    #expect((counts["#b04a12"]?.count ?? 0) > 200, "the follow-up bar at level 1: \(String(describing: counts["#b04a12"]))")
    #expect((counts["#1c2430"]?.box[3] ?? 0) > 150, "the target marks run down the chart: \(String(describing: counts["#1c2430"]))")
  }

  @Test(
    "printing gives A4 pages",
    .enabled(if: browser != nil || required, "Chromium is not installed (apt-get install chromium); set ASSESS_REQUIRE_BROWSER=1 to make this a failure"))
  func printing() throws {
    guard Self.browserAvailable() else { return }
    let folder = try TemporaryFolder()
    let report = try Self.demoReport(in: folder)
    let pdf = folder.url.appendingPathComponent("report.pdf")
    let (status, output) = try Self.chromium(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", report.absoluteString])
    #expect(status == 0, "\(output)")
    let data = try Data(contentsOf: pdf)
    #expect(data.starts(with: Array("%PDF".utf8)))
    let text = String(decoding: data, as: UTF8.self)
    let pages = text.matches(of: #/\/Type\s*\/Page[^s]/#).count
    #expect(pages > 10, "the report runs over many pages: \(pages)")
    let boxes = Set(text.matches(of: #/\/MediaBox\s*\[0 0 (\d+)[.\d]* (\d+)[.\d]*\]/#).map { "\($0.1)x\($0.2)" })
    #expect(boxes == ["594x841"], "every page is A4 (595 × 842 points): \(boxes)")
  }

  /// The texts between each `start` and the next `end`.
  static func between(_ text: String, _ start: String, _ end: String) -> [String] {
    var found: [String] = []
    var rest = text[...]
    while let open = rest.range(of: start), let close = rest[open.upperBound...].range(of: end) {
      found.append(String(rest[open.upperBound..<close.lowerBound]))
      rest = rest[close.upperBound...]
    }
    return found
  }
}
