import Foundation
import Testing

/// The terminal output of `workshop`, `compare` and `carry-forward`, and their help, compared
/// with `Golden/`; re-record with `ASSESS_RECORD_GOLDEN=1`.
@Suite("golden output: workshops and progress")
struct WorkshopGoldenTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var golden: String
    var arguments: [String]
    var stream: GoldenOutputTests.Stream
    var status: Int32 = 0
    /// Whether the other stream must be empty.
    var otherEmpty = true
    var testDescription: String { "\(golden): assess \(arguments.joined(separator: " "))" }
  }

  static let drills = AssessCLI.fixture("carry-forward")

  static let cases: [Case] = [
    Case(golden: "workshop-examplia.txt", arguments: ["workshop", "Examples/examplia/workshop"], stream: .stdout),
    Case(golden: "workshop-examplia-anonymous.txt", arguments: ["workshop", "--anonymous", "Examples/examplia/workshop"], stream: .stdout),
    Case(
      golden: "compare-examplia.txt",
      arguments: ["compare", "Examples/examplia/national-baseline.answers.yaml", "Examples/examplia/national-followup-2027.answers.yaml"],
      stream: .stdout),
    Case(
      golden: "carry-forward-drills.yaml",
      arguments: ["carry-forward", "--questionnaires", drills, "\(drills)/drills-baseline.answers.yaml"], stream: .stdout, otherEmpty: false),
    Case(
      golden: "carry-forward-drills.stderr.txt",
      arguments: ["carry-forward", "--questionnaires", drills, "\(drills)/drills-baseline.answers.yaml"], stream: .stderr, otherEmpty: false),
    Case(golden: "help-workshop.txt", arguments: ["workshop", "--help"], stream: .stdout),
    Case(golden: "help-compare.txt", arguments: ["compare", "--help"], stream: .stdout),
    Case(golden: "help-carry-forward.txt", arguments: ["carry-forward", "--help"], stream: .stdout),
  ]

  @Test("output matches the golden file", arguments: cases)
  func golden(_ testCase: Case) throws {
    let result = try AssessCLI.run(testCase.arguments, environment: ["COLUMNS": "80", "NO_COLOR": "1"])
    #expect(result.status == testCase.status, "\(result)")
    let (compared, other) = testCase.stream == .stdout ? (result.stdout, result.stderr) : (result.stderr, result.stdout)
    if testCase.otherEmpty { #expect(other.isEmpty, "\(result)") }
    #expect(!compared.isEmpty, "\(result)")
    Golden.check(compared, against: testCase.golden)
  }
}
