import Foundation
import Testing

/// `assess demo`: the Examplia national baseline through every shipped module, to an HTML report.
@Suite("assess demo")
struct DemoCommandTests {
  @Test("writes the report where -o says and prints the overall level, the critical flags and the top three")
  func writesAndSummarises() throws {
    let folder = try TemporaryFolder()
    let run = try AssessCLI.run(["demo", "-o", "examplia.html"], in: folder.url)
    #expect(run.status == 0, "\(run)")
    let lines = run.stdoutLines
    #expect(lines.first?.hasPrefix("Wrote examplia.html: the HTML report of Examplia") == true, "\(run)")
    #expect(lines.contains { $0.wholeMatch(of: #/Overall: Level \d \w+.*/#) != nil }, "\(run)")
    let flags = try #require(lines.first { $0.hasPrefix("Critical flags: ") })
    let html = try String(contentsOf: folder.url.appendingPathComponent("examplia.html"), encoding: .utf8)
    let count = try #require(flags.firstMatch(of: #/Critical flags: (\d+)/#).flatMap { Int($0.1) })
    #expect(html.contains("Critical safeguards answered deficient: \(count)</h4>"), "the summary agrees with the report")
    let top = try #require(lines.firstIndex(of: "Top recommendations:"))
    let ranked = lines[(top + 1)...].prefix { $0.hasPrefix("  ") }
    #expect(ranked.count == 3)
    #expect(ranked.first?.hasPrefix("  1. [") == true)
    #expect(!html.contains(AssessCLI.packageRoot.path), "no absolute path of this machine in the report")
    #expect(html.contains("Examples/examplia/national-baseline.answers.yaml"))
    for module in ["org.unodc.border-management", "org.unodc.child-protection", "org.example.gap-ranker"] {
      #expect(html.contains("<th scope=\"row\">\(module)</th>"), "every shipped module ran: \(module)")
    }
  }

  @Test("finds the toolkit from the executable when ASSESS_HOME is not set; default name examplia-report.html")
  func withoutHome() throws {
    let folder = try TemporaryFolder()
    let run = try AssessCLI.run(["demo"], in: folder.url, environment: ["ASSESS_HOME": nil])
    #expect(run.status == 0, "\(run)")
    #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("examplia-report.html").path))
  }

  @Test("a toolkit folder without the Examplia answers is an error that says what to do")
  func missingExamples() throws {
    let home = try ScoreCLI.Home()
    let folder = try TemporaryFolder()
    let run = try AssessCLI.run(["demo"], in: folder.url, environment: ["ASSESS_HOME": home.path])
    #expect(run.status == 1, "\(run)")
    #expect(run.stderr.contains("the Examplia answers are missing"), "\(run)")
    #expect(run.stderr.contains("ASSESS_HOME"), "\(run)")
  }
}
