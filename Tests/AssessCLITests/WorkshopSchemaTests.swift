import Foundation
import Testing

/// The JSON of `assess workshop` and `assess compare`, and the consensus and follow-up answers
/// files they write, checked with `python3 -m check_jsonschema` against `Schemas/` (see ScoreSchemaTests).
@Suite("workshop and compare: schemas")
struct WorkshopSchemaTests {
  static func schema(_ name: String) -> String {
    AssessCLI.packageRoot.appendingPathComponent("Schemas/\(name).schema.json").path
  }

  @Test("the workshop and comparison schemas are valid draft-07 schemas")
  func metaschemas() throws {
    let run = try ScoreSchemaTests.checkJSONSchema(["--check-metaschema", Self.schema("workshop"), Self.schema("comparison")])
    #expect(run.status == 0, "\(run.output)")
  }

  @Test("workshop JSON, named and anonymous, validates against Schemas/workshop.schema.json")
  func workshopJSON() throws {
    let folder = try TemporaryFolder()
    var files: [String] = []
    for (name, arguments) in [("named", [String]()), ("anonymous", ["--anonymous"])] {
      let result = try AssessCLI.run(["workshop", "--format", "json"] + arguments + ["Examples/examplia/workshop"])
      #expect(result.status == 0, "\(result)")
      files.append(try folder.write("\(name).json", result.stdout).path)
    }
    let run = try ScoreSchemaTests.checkJSONSchema(["--schemafile", Self.schema("workshop")] + files)
    #expect(run.status == 0, "\(run.output)")
  }

  @Test("compare JSON on Examplia validates against Schemas/comparison.schema.json")
  func comparisonJSON() throws {
    let result = try AssessCLI.run([
      "compare", "--format", "json", "Examples/examplia/national-baseline.answers.yaml", "Examples/examplia/national-followup-2027.answers.yaml",
    ])
    #expect(result.status == 0, "\(result)")
    let folder = try TemporaryFolder()
    let file = try folder.write("comparison.json", result.stdout)
    let run = try ScoreSchemaTests.checkJSONSchema(["--schemafile", Self.schema("comparison"), file.path])
    #expect(run.status == 0, "\(run.output)")
  }

  @Test("the consensus and carried-forward files validate against Schemas/answers.schema.json")
  func writtenAnswers() throws {
    let folder = try TemporaryFolder()
    let consensus = folder.url.appendingPathComponent("consensus.answers.yaml").path
    let followUp = folder.url.appendingPathComponent("followup.answers.yaml").path
    let workshop = try AssessCLI.run(["workshop", "-o", consensus, "Examples/examplia/workshop"])
    #expect(workshop.status == 0, "\(workshop)")
    let carry = try AssessCLI.run(["carry-forward", "-o", followUp, "Examples/examplia/national-baseline.answers.yaml"])
    #expect(carry.status == 0, "\(carry)")
    let run = try ScoreSchemaTests.checkJSONSchema(["--schemafile", Self.schema("answers"), consensus, followUp])
    #expect(run.status == 0, "\(run.output)")
  }
}
