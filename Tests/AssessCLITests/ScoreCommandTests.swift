import Foundation
import Testing

/// Running `assess score` on the Examplia answers and on broken or odd inputs.
///
/// Every run uses a toolkit home of its own (`ScoreCLI.Home`): a copy of the toolkit's
/// `Questionnaires/` and an empty `Plugins/`, with the border-management rules module named by
/// `--plugins`. So the results depend on the questionnaire, the answers and that one module, and
/// not on whatever other modules are being developed in `Plugins/` at the time.
///
/// Re-record the goldens with `ASSESS_RECORD_GOLDEN=1 swift test --filter ScoreCommandTests`.
enum ScoreCLI {
  static let examplia = "Examples/examplia/border-police.answers.yaml"
  static let rulesModule = "Plugins/org.unodc.border-management"

  /// A toolkit home holding a copy of the toolkit's questionnaires and no modules.
  final class Home {
    let folder: TemporaryFolder
    var path: String { folder.url.path }

    init() throws {
      folder = try TemporaryFolder()
      let source = AssessCLI.packageRoot.appendingPathComponent("Questionnaires")
      let names = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".yaml") }.sorted()
      for name in names {
        let data = try Data(contentsOf: source.appendingPathComponent(name))
        try folder.write("Questionnaires/" + name, [UInt8](data))
      }
      try folder.makeFolder("Plugins")
    }
  }

  /// `assess score --plugins Plugins/org.unodc.border-management <arguments>` from the package root.
  static func score(_ arguments: [String], home: Home, modules: [String] = [rulesModule]) throws -> CommandResult {
    try AssessCLI.run(
      ["score"] + modules.flatMap { ["--plugins", $0] } + arguments,
      environment: ["ASSESS_HOME": home.path, "ASSESS_PLUGIN_PATH": "", "NO_COLOR": "1", "COLUMNS": "80"])
  }

  // The parts of `--format json` the checks below read.
  struct Payload: Decodable {
    var format: String
    var results: [Result]
  }

  struct Result: Decodable {
    var format: String
    var areas: [Area]
    var findings: [Finding]
    var recommendations: [Recommendation]
    var modules: [Module]
  }

  struct Area: Decodable {
    var score: Double?
    var formula: Formula?
    var criticalFlags: [Flag]
    var sections: [Section]
    var items: [Item]
  }

  struct Flag: Decodable {
    var item: String
  }

  struct Section: Decodable {
    var id: String
    var weight: Double
    var score: Double?
    var formula: Formula?
  }

  struct Item: Decodable {
    var id: String
    var section: String
    var status: String
    var score: Double?
    var weight: Double
    var scored: Bool
  }

  struct Formula: Decodable {
    var rule: String
    var worked: String
    var inputs: [Input]
  }

  struct Input: Decodable {
    var id: String
    var value: Double
    var weight: Double?
  }

  struct Finding: Decodable {
    var id: String
    var severity: String
  }

  struct Recommendation: Decodable {
    var id: String
    var priority: Int
    var priorityFormula: Formula
  }

  struct Module: Decodable {
    var id: String
    var status: String
  }

  static func decode(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Payload? {
    do {
      return try JSONDecoder().decode(Payload.self, from: Data(text.utf8))
    } catch {
      Issue.record("the output is not the results JSON: \(error)\n\(text.prefix(2000))", sourceLocation: sourceLocation)
      return nil
    }
  }

  /// Σ(value × weight) / Σ(weight).
  static func weightedMean(_ inputs: [Input]) -> Double {
    inputs.reduce(0) { $0 + $1.value * ($1.weight ?? 1) } / inputs.reduce(0) { $0 + ($1.weight ?? 1) }
  }
}

@Suite("assess score")
struct ScoreCommandTests {
  @Test("text output on the Examplia answers matches the golden file")
  func goldenText() throws {
    let home = try ScoreCLI.Home()
    let result = try ScoreCLI.score([ScoreCLI.examplia], home: home)
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(!result.stdout.contains("\u{1B}["), "NO_COLOR: no escape sequences")
    #expect(!result.stdout.contains(home.path), "no machine-specific paths")
    Golden.check(result.stdout, against: "score-examplia.txt")
  }

  @Test("JSON output on the Examplia answers matches the golden file")
  func goldenJSON() throws {
    let home = try ScoreCLI.Home()
    let result = try ScoreCLI.score(["--format", "json", ScoreCLI.examplia], home: home)
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(!result.stdout.contains(home.path), "no machine-specific paths")
    let payload = try #require(ScoreCLI.decode(result.stdout))
    #expect(payload.format == "assess/results@1")
    #expect(payload.results.map(\.format) == ["assess/result@1"])
    Golden.check(result.stdout, against: "score-examplia.json")
  }

  @Test("the same inputs give the same bytes", arguments: ["text", "json"])
  func deterministic(format: String) throws {
    let home = try ScoreCLI.Home()
    let first = try ScoreCLI.score(["--format", format, ScoreCLI.examplia], home: home)
    let second = try ScoreCLI.score(["--format", format, ScoreCLI.examplia], home: home)
    #expect(first.status == 0, "\(first)")
    #expect(!first.stdout.isEmpty)
    #expect(Array(first.stdout.utf8) == Array(second.stdout.utf8))
    // A second toolkit home with the same files gives the same bytes too.
    let otherHome = try ScoreCLI.Home()
    let third = try ScoreCLI.score(["--format", format, ScoreCLI.examplia], home: otherHome)
    #expect(Array(first.stdout.utf8) == Array(third.stdout.utf8))
  }

  @Test("an answers file with errors is not scored: exit 1, diagnostics, nothing on stdout")
  func errorsAreNotScored() throws {
    let home = try ScoreCLI.Home()
    let wrong = AssessCLI.fixture("bad/wrong.answers.yaml")
    for arguments in [[wrong], [wrong, ScoreCLI.examplia], ["--format", "json", ScoreCLI.examplia, wrong]] {
      let result = try ScoreCLI.score(arguments, home: home)
      #expect(result.status == 1, "\(result)")
      #expect(result.stdout.isEmpty, "\(result)")
      let diagnostics = result.stderrLines.compactMap(DiagnosticLine.init)
      // BM-A.1 "perhaps" is not an option; BM-Z.9 is not an item.
      #expect(diagnostics.contains { $0.file == wrong && $0.severity == "error" && $0.text.contains("perhaps") }, "\(result)")
      #expect(diagnostics.contains { $0.file == wrong && $0.severity == "error" && $0.text.contains("BM-Z.9") }, "\(result)")
      #expect(result.stderr.contains("nothing was scored"), "\(result)")
      #expect(leaks(in: result.stderr).isEmpty, "\(result)")
    }
  }

  @Test("many files: the streamed JSON holds every result in order, past the in-memory spool")
  func manyFilesStreamed() throws {
    let home = try ScoreCLI.Home()
    let folder = try TemporaryFolder()
    let original = try Data(contentsOf: AssessCLI.packageRoot.appendingPathComponent(ScoreCLI.examplia))
    // Each result is about 60 KB of JSON: 80 of them pass the 4 MB kept in memory.
    let names = (0..<80).map { "respondent-\($0 < 10 ? "0" : "")\($0).answers.yaml" }
    for name in names { _ = try folder.write(name, [UInt8](original)) }
    let json = try ScoreCLI.score(["--format", "json", folder.url.path], home: home)
    #expect(json.status == 0, "\(json.stderr)")
    #expect(json.stdout.utf8.count > 4 << 20)
    let payload = try #require(ScoreCLI.decode(json.stdout))
    #expect(payload.results.count == names.count)
    let single = try ScoreCLI.score(["--format", "json", folder.url.appendingPathComponent(names[0]).path], home: home)
    let first = try #require(ScoreCLI.decode(single.stdout)?.results.first)
    #expect(payload.results.allSatisfy { $0.findings.map(\.id) == first.findings.map(\.id) })
    // Text output: one summary per file, separated by a blank line, in file order.
    let text = try ScoreCLI.score([folder.url.path], home: home)
    #expect(text.status == 0, "\(text.stderr)")
    let positions = names.compactMap { text.stdout.range(of: $0)?.lowerBound }
    #expect(positions.count == names.count)
    #expect(positions == positions.sorted())
  }

  @Test("--fail-on critical exits 1 on Examplia, which has a critical flag; without it, 0")
  func failOnCritical() throws {
    let home = try ScoreCLI.Home()
    let plain = try ScoreCLI.score([ScoreCLI.examplia], home: home)
    #expect(plain.status == 0, "\(plain)")
    let failing = try ScoreCLI.score(["--fail-on", "critical", ScoreCLI.examplia], home: home)
    #expect(failing.status == 1, "\(failing)")
    // The results are still printed, the same as without the option.
    #expect(failing.stdout == plain.stdout)
    #expect(failing.stdout.contains("Critical safeguards answered deficient"))
    let json = try ScoreCLI.score(["--format", "json", ScoreCLI.examplia], home: home)
    let payload = try #require(ScoreCLI.decode(json.stdout))
    #expect(payload.results.first?.areas.first?.criticalFlags.map(\.item) == ["BM-C.2"])
  }

  @Test("--fail-on critical exits 0 when nothing critical is found; --fail-on high still fails on high findings")
  func failOnWithoutCriticalFlag() throws {
    let home = try ScoreCLI.Home()
    let original = try String(contentsOf: AssessCLI.packageRoot.appendingPathComponent(ScoreCLI.examplia), encoding: .utf8)
    let safe = original.replacingOccurrences(of: "      BM-C.2:\n        value: no\n", with: "      BM-C.2:\n        value: yes\n")
    #expect(safe != original, "the Examplia answers changed shape; update this test")
    let file = try home.folder.write("safe.answers.yaml", safe)
    let json = try ScoreCLI.score(["--format", "json", file.path], home: home)
    #expect(json.status == 0, "\(json)")
    let result = try #require(ScoreCLI.decode(json.stdout)?.results.first)
    #expect(result.areas.allSatisfy { $0.criticalFlags.isEmpty })
    #expect(!result.findings.contains { $0.severity == "critical" })
    #expect(result.findings.contains { $0.severity == "high" })
    let critical = try ScoreCLI.score(["--fail-on", "critical", file.path], home: home)
    #expect(critical.status == 0, "\(critical)")
    let high = try ScoreCLI.score(["--fail-on", "high", file.path], home: home)
    #expect(high.status == 1, "\(high)")
  }

  @Test("--top 2 shows the first 2 recommendations of 4; --top 0 shows all")
  func top() throws {
    let home = try ScoreCLI.Home()
    let two = try ScoreCLI.score(["--top", "2", ScoreCLI.examplia], home: home)
    #expect(two.status == 0, "\(two)")
    #expect(two.stdout.contains("Recommendations (2 of 4, by priority)"), "\(two)")
    // A recommendation's first line: priority, severity, title, id.
    let shown = two.stdoutLines.compactMap { $0.firstMatch(of: #/^ +[0-9]{1,3}  [a-z]+ +.*  (REC-[0-9]+)$/#).map { String($0.1) } }
    #expect(shown == ["REC-01", "REC-02"], "\(two)")
    #expect(two.stdoutLines.filter { $0.hasPrefix("       why: ") }.count == 2)
    let all = try ScoreCLI.score(["--top", "0", ScoreCLI.examplia], home: home)
    let allShown = all.stdoutLines.compactMap { $0.firstMatch(of: #/^ +[0-9]{1,3}  [a-z]+ +.*  (REC-[0-9]+)$/#).map { String($0.1) } }
    #expect(allShown == ["REC-01", "REC-02", "REC-03", "REC-04"], "\(all)")
    #expect(all.stdout.contains("Recommendations (4 of 4, by priority)"))
  }

  @Test("no answers files among the paths: exit 64")
  func noAnswersFiles() throws {
    let home = try ScoreCLI.Home()
    let empty = try home.folder.makeFolder("empty")
    for arguments in [["Questionnaires"], ["Questionnaires/border-management.yaml"], [empty.path]] {
      let result = try ScoreCLI.score(arguments, home: home)
      #expect(result.status == 64, "\(result)")
      #expect(result.stdout.isEmpty, "\(result)")
      #expect(result.stderr.contains("no answers files among the paths"), "\(result)")
    }
    // A path that does not exist is wrong usage too.
    let missing = try ScoreCLI.score(["no-such.answers.yaml"], home: home)
    #expect(missing.status == 64, "\(missing)")
  }

  @Test("JSON numbers recompute: section, area and priority formulas give the values beside them")
  func jsonRecomputes() throws {
    let home = try ScoreCLI.Home()
    let output = try ScoreCLI.score(["--format", "json", ScoreCLI.examplia], home: home)
    let payload = try #require(ScoreCLI.decode(output.stdout))
    let area = try #require(payload.results.first?.areas.first)
    #expect(area.sections.count == 6)
    var checked = 0
    for section in area.sections {
      guard let score = section.score else {
        #expect(section.formula == nil, "\(section.id)")
        continue
      }
      let formula = try #require(section.formula, "\(section.id)")
      // The weighted mean of its inputs is its score.
      #expect(abs(ScoreCLI.weightedMean(formula.inputs) - score) < 1e-9, "\(section.id): \(formula.worked)")
      // The inputs are the section's scored, answered items, with their scores and weights.
      let items = area.items.filter { $0.section == section.id && $0.scored && $0.score != nil }
      #expect(formula.inputs.map(\.id) == items.map(\.id), "\(section.id)")
      for (input, item) in zip(formula.inputs, items) {
        #expect(input.value == item.score, "\(section.id): \(item.id)")
        #expect(input.weight == item.weight, "\(section.id): \(item.id)")
      }
      // The working ends with the score to 3 decimals.
      let printed = try #require(formula.worked.split(separator: "= ").last.flatMap { Double($0) }, "\(formula.worked)")
      #expect(abs(printed - score) <= 0.0005 + 1e-12, "\(formula.worked)")
      checked += 1
    }
    #expect(checked == 6)
    // The area: the weighted mean of the section scores, with the sections' weights.
    let areaScore = try #require(area.score)
    let areaFormula = try #require(area.formula)
    #expect(abs(ScoreCLI.weightedMean(areaFormula.inputs) - areaScore) < 1e-9, "\(areaFormula.worked)")
    let scoredSections = area.sections.filter { $0.score != nil && $0.weight > 0 }
    #expect(areaFormula.inputs.map(\.id) == scoredSections.map(\.id))
    for (input, section) in zip(areaFormula.inputs, scoredSections) {
      #expect(input.value == section.score)
      #expect(input.weight == section.weight)
    }
    // Every priority: round(100 × (0.45 S + 0.30 G + 0.15 W + 0.10 C)).
    let recommendations = try #require(payload.results.first?.recommendations)
    #expect(!recommendations.isEmpty)
    for recommendation in recommendations {
      let factors = Dictionary(uniqueKeysWithValues: recommendation.priorityFormula.inputs.map { ($0.id, $0.value) })
      let s = try #require(factors["S"]), g = try #require(factors["G"]), w = try #require(factors["W"]), c = try #require(factors["C"])
      #expect(Int((100 * (0.45 * s + 0.30 * g + 0.15 * w + 0.10 * c)).rounded()) == recommendation.priority, "\(recommendation.id)")
      #expect(recommendation.priorityFormula.worked.hasSuffix("= \(recommendation.priority)"))
    }
    #expect(recommendations.map(\.priority) == recommendations.map(\.priority).sorted(by: >))
  }

  @Test("a very large weight is scored, not a crash")
  func largeWeight() throws {
    let home = try ScoreCLI.Home()
    try home.folder.write(
      "Questionnaires/heavy.yaml",
      """
      schema: assess/questionnaire@1
      id: heavy
      version: 1.0.0
      title: Heavy
      scales:
        - id: ypn
          options:
            - {value: "yes", label: "Yes", score: 1}
            - {value: "no", label: "No", score: 0}
      sections:
        - id: S1
          title: One
          items:
            - {id: a, text: A, scale: ypn, weight: 1e19}
            - {id: b, text: B, scale: ypn}
      """)
    let answers = try home.folder.write(
      "heavy.answers.yaml",
      """
      schema: assess/answers@1
      respondent: {country: Testland}
      questionnaires:
        - id: heavy
          version: 1.0.0
          answers: {a: "yes", b: "no"}
      """)
    // `assess validate` accepts the questionnaire (weights are any number ≥ 0) …
    let validate = try AssessCLI.run(
      ["validate", home.path + "/Questionnaires/heavy.yaml", answers.path],
      environment: ["ASSESS_HOME": home.path, "ASSESS_PLUGIN_PATH": ""])
    #expect(validate.status == 0, "\(validate)")
    // … so `assess score` should score it: (1 × 1e19 + 0 × 1) / (1e19 + 1) ≈ 1.
    let result = try ScoreCLI.score([answers.path], home: home, modules: [])
    // (Formula.number once converted 1e19 with Int(_:) and crashed with signal 4)
    #expect(!result.uncaughtSignal, "\(result.stderr.prefix(300))")
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("score 1.00"), "\(result)")
    // The section's working keeps the huge weight: (1 × 1e19 + 0 × 1) / (1e19 + 1) = 1 to 3 decimals.
    let json = try ScoreCLI.score(["--format", "json", answers.path], home: home, modules: [])
    let section = try #require(ScoreCLI.decode(json.stdout)?.results.first?.areas.first?.sections.first)
    #expect(section.formula?.worked == "(1×1e+19 + 0×1) / (1e+19 + 1) = 1", "\(json)")
  }
}
