import Foundation
import Testing

/// `Schemas/result.schema.json` against the JSON `assess score --format json` writes, checked with
/// `python3 -m check_jsonschema` (install it with `pip install check-jsonschema`). Without Python or
/// the package these tests fail and say so; they never pass without checking.
@Suite("assess score: result schema")
struct ScoreSchemaTests {
  static let schema = AssessCLI.packageRoot.appendingPathComponent("Schemas/result.schema.json").path

  struct Run {
    var status: Int32
    var output: String
  }

  /// `python3 <arguments>`, with stdout and stderr together.
  static func python(_ arguments: [String]) throws -> Run {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    let candidates = path.split(separator: ":").map { String($0) + "/python3" }
    guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      throw CheckerUnavailable(reason: "python3 is not on PATH (\(path)); install Python 3 and `pip install check-jsonschema`")
    }
    let (status, output) = try runCollectingOutput(python, arguments)
    return Run(status: status, output: output)
  }

  struct CheckerUnavailable: Error, CustomStringConvertible {
    var reason: String
    var description: String { "cannot validate JSON Schema: \(reason)" }
  }

  /// `python3 -m check_jsonschema <arguments>`; throws when the checker cannot run at all.
  static func checkJSONSchema(_ arguments: [String]) throws -> Run {
    let version = try python(["-m", "check_jsonschema", "--version"])
    guard version.status == 0 else {
      throw CheckerUnavailable(reason: "`python3 -m check_jsonschema` does not run (`pip install check-jsonschema`):\n\(version.output)")
    }
    return try python(["-m", "check_jsonschema"] + arguments)
  }

  @Test("the schema is a valid draft-07 schema")
  func metaschema() throws {
    let text = try String(contentsOfFile: Self.schema, encoding: .utf8)
    #expect(text.contains("\"$schema\": \"http://json-schema.org/draft-07/schema#\""))
    let run = try Self.checkJSONSchema(["--check-metaschema", Self.schema])
    #expect(run.status == 0, "\(run.output)")
  }

  @Test("assess score --format json on Examplia validates against the schema")
  func examplia() throws {
    let home = try ScoreCLI.Home()
    let result = try ScoreCLI.score(["--format", "json", ScoreCLI.examplia], home: home)
    #expect(result.status == 0, "\(result)")
    let file = try home.folder.write("results.json", result.stdout)
    let run = try Self.checkJSONSchema(["--schemafile", Self.schema, file.path])
    #expect(run.status == 0, "\(run.output)")
  }

  @Test("a result with a failed module, every kind of item status and no targets validates too")
  func failedModuleAndStatuses() throws {
    let home = try ScoreCLI.Home()
    let fixtures = AssessCLI.packageRoot.appendingPathComponent("Tests/AssessmentKitTests/Fixtures/scoring")
    let questionnaire = try String(contentsOf: fixtures.appendingPathComponent("patrol.questionnaire.yaml"), encoding: .utf8)
    try home.folder.write("Questionnaires/patrol.yaml", questionnaire)
    for (file, id) in [("alpha.evaluator.yaml", "org.test.alpha"), ("broken.evaluator.yaml", "org.test.broken")] {
      try home.folder.write("modules/\(id)/evaluator.yaml", try String(contentsOf: fixtures.appendingPathComponent(file), encoding: .utf8))
    }
    let answers = try home.folder.write(
      "patrol.answers.yaml",
      """
      schema: assess/answers@1
      respondent: {country: Testland, agency: Patrols, role: Chief, date: "2026-02-03", round: baseline, language: en}
      questionnaires:
        - id: patrol
          version: 1.0.0
          answers:
            p1: {value: "1", notes: Only at the river, evidence: [Order 1/2026]}
            p2: "no"
            p4: dk
            p5: na
      """)
    let result = try ScoreCLI.score(["--format", "json", answers.path], home: home, modules: [home.path + "/modules"])
    // The broken module fails (exit 1), the other's findings are there.
    #expect(result.status == 1, "\(result)")
    let payload = try #require(ScoreCLI.decode(result.stdout))
    #expect(payload.results.first?.modules.map(\.status).sorted() == ["failed", "ok"])
    let statuses = Set(payload.results.first?.areas.first?.items.map(\.status) ?? [])
    #expect(statuses == ["answered", "unanswered", "dont-know", "not-applicable"])
    let file = try home.folder.write("results.json", result.stdout)
    let run = try Self.checkJSONSchema(["--schemafile", Self.schema, file.path])
    #expect(run.status == 0, "\(run.output)")
  }

  @Test("the schema refuses what the output never holds: an unknown key, an unknown status, a missing field")
  func schemaIsStrict() throws {
    let home = try ScoreCLI.Home()
    let result = try ScoreCLI.score(["--format", "json", ScoreCLI.examplia], home: home)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    var results = try #require(object["results"] as? [[String: Any]])
    var first = try #require(results.first)
    var mutants: [(String, [String: Any])] = []
    var extraKey = first
    extraKey["timestamp"] = "2026-01-01T00:00:00Z"
    mutants.append(("an unknown key", extraKey))
    var modules = try #require(first["modules"] as? [[String: Any]])
    modules[0]["status"] = "skipped"
    var badStatus = first
    badStatus["modules"] = modules
    mutants.append(("an unknown module status", badStatus))
    first.removeValue(forKey: "actionPlan")
    mutants.append(("a missing actionPlan", first))
    for (what, mutant) in mutants {
      results[0] = mutant
      var changed = object
      changed["results"] = results
      let data = try JSONSerialization.data(withJSONObject: changed, options: [.sortedKeys])
      let file = try home.folder.write("mutant.json", [UInt8](data))
      let run = try Self.checkJSONSchema(["--schemafile", Self.schema, file.path])
      #expect(run.status != 0, "the schema accepted \(what)\n\(run.output)")
    }
  }
}
