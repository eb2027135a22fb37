import Foundation
import Testing

/// `assess compare` and `assess carry-forward` through the built binary.
@Suite("assess compare and carry-forward")
struct ProgressCommandTests {
  static let baseline = "Examples/examplia/national-baseline.answers.yaml"
  static let followUp = "Examples/examplia/national-followup-2027.answers.yaml"
  static let drills = AssessCLI.fixture("carry-forward")

  @Test("compare on Examplia's two rounds shows the border level rising and the BM-D.3 regression")
  func exampliaProgress() throws {
    let result = try AssessCLI.run(["compare", Self.baseline, Self.followUp])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    let lines = result.stdoutLines
    let border = try #require(lines.firstIndex { $0.hasPrefix("Border management") })
    #expect(lines[border + 1].hasPrefix("  level 1 → 2 (+1)"), "\(result)")
    let regressed = try #require(lines[border...].firstIndex { $0.hasPrefix("  Regressed (1)") }, "\(result)")
    #expect(lines[regressed + 1].hasPrefix("    ▼ BM-D.3  18 → 6"))
    #expect(result.stdout.contains("Critical safeguards no longer deficient: BM-C.2"))
    #expect(result.stdout.contains("Recommendations: 3 done"))
  }

  struct ComparisonJSON: Decodable {
    struct Area: Decodable {
      var questionnaire: String
      var regressed: [String]
      var improved: [String]
      var progressToDate: Double?
    }
    struct Recommendations: Decodable {
      struct Entry: Decodable { var title: String }
      var done: [Entry]
      var open: [Entry]
    }
    var format: String
    var areas: [Area]
    var recommendations: Recommendations
  }

  @Test("compare --format json holds the same facts")
  func json() throws {
    let result = try AssessCLI.run(["compare", "--format", "json", Self.baseline, Self.followUp])
    #expect(result.status == 0, "\(result)")
    let comparison = try JSONDecoder().decode(ComparisonJSON.self, from: Data(result.stdout.utf8))
    #expect(comparison.format == "assess/comparison@1")
    let border = try #require(comparison.areas.first { $0.questionnaire == "border-management" })
    #expect(border.regressed == ["BM-D.3"])
    #expect(border.improved == ["BM-C.2"])
    #expect(comparison.recommendations.done.count == 3)
  }

  @Test("compare with a malformed answers file says where, and compares nothing")
  func malformed() throws {
    let wrong = AssessCLI.fixture("bad/wrong.answers.yaml")
    let result = try AssessCLI.run(["compare", Self.baseline, wrong])
    #expect(result.status == 1, "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines.compactMap(DiagnosticLine.init).contains { $0.file == wrong }, "\(result)")
  }

  @Test("carry-forward moves answers through the migration and lists, located, what it cannot carry")
  func carryThroughMigration() throws {
    let folder = try TemporaryFolder()
    let output = folder.url.appendingPathComponent("followup.answers.yaml").path
    let baseline = "\(Self.drills)/drills-baseline.answers.yaml"
    let result = try AssessCLI.run(["carry-forward", "--questionnaires", Self.drills, "--round", "follow-up-2027", "-o", output, baseline])
    #expect(result.status == 0, "\(result)")
    let warnings = result.stderrLines.compactMap(DiagnosticLine.init)
    #expect(warnings.map { "\($0.line):\($0.column) \($0.severity) \($0.code)" } == ["17:7 warning carry.not-carried", "19:7 warning carry.not-carried"])
    #expect(warnings.allSatisfy { $0.file == baseline })
    #expect(result.stderr.contains("carried 3 answers (drills 1.0.0 → 2.0.0); 2 not carried"))
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(text.contains("\"D-1\":") && text.contains("value: \"partly\"") && !text.contains("\"d3\""))
    let validate = try AssessCLI.run(["validate", "\(Self.drills)/drills-2.0.0.questionnaire.yaml", output])
    #expect(!validate.stderrLines.compactMap(DiagnosticLine.init).contains { $0.file == output }, "\(validate)")
  }

  @Test("carry-forward of the Examplia baseline keeps every answer and validates")
  func exampliaCarry() throws {
    let folder = try TemporaryFolder()
    let output = folder.url.appendingPathComponent("followup.answers.yaml").path
    let result = try AssessCLI.run(["carry-forward", "--round", "follow-up-2028", "-o", output, Self.followUp])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.contains("carried 136 answers"), "\(result)")
    #expect(!result.stderr.contains("not carried"))
    let validate = try AssessCLI.run(["validate", "--strict", output])
    #expect(validate.status == 0, "\(validate)")
    #expect(try String(contentsOfFile: output, encoding: .utf8).contains("round: \"follow-up-2028\""))
  }

  @Test("carry-forward across a major version with no migration writes nothing and says what to add")
  func noMigration() throws {
    let folder = try TemporaryFolder()
    let old = try folder.write(
      "old.answers.yaml", "schema: assess/answers@1\nrespondent: {country: Examplia}\nquestionnaires:\n  - id: drills\n    version: 0.9.0\n    answers: {d1: \"2\"}\n")
    let result = try AssessCLI.run(["carry-forward", "--questionnaires", "\(Self.drills)/drills-2.0.0.questionnaire.yaml", old.path])
    #expect(result.status == 1, "\(result)")
    #expect(result.stdout.isEmpty)
    let line = try #require(result.stderrLines.compactMap(DiagnosticLine.init).first, "\(result)")
    #expect(line.line == 5 && line.column == 14 && line.severity == "error" && line.code == "carry.not-carried")
    #expect(line.text.contains("migrations: [{from: \"0.9.0\""))
  }

  @Test("a questionnaire's invalid migrations fail validation, each located")
  func invalidMigrations() throws {
    let result = try AssessCLI.run(["validate", "\(Self.drills)/bad-migration.questionnaire.yaml"])
    #expect(result.status == 1, "\(result)")
    let errors = result.stderrLines.compactMap(DiagnosticLine.init).filter { $0.severity == "error" }
    #expect(errors.map { "\($0.line):\($0.column) \($0.code)" } == [
      "8:27 number.out-of-range", "24:7 migration.invalid", "25:11 ref.unknown-item", "27:22 migration.invalid", "28:11 migration.invalid",
    ], "\(result)")
  }
}
