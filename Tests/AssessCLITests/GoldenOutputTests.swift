import Foundation
import Testing

/// The rendered output of each command, compared byte for byte with `Golden/`.
/// Re-record with `ASSESS_RECORD_GOLDEN=1 swift test --scratch-path .build-e2e --filter AssessCLITests`.
@Suite("golden output")
struct GoldenOutputTests {
  enum Stream: Sendable { case stdout, stderr }

  struct Case: Sendable, CustomTestStringConvertible {
    var golden: String
    var arguments: [String]
    var status: Int32
    /// The stream compared with the golden file; the other one must be empty.
    var stream: Stream
    /// Run from outside the package, so paths print in full and are normalized to `<root>`.
    var fromElsewhere = false

    var testDescription: String { "\(golden): assess \(arguments.joined(separator: " "))" }
  }

  static let partnerModules = AssessCLI.fixture("partner-modules")
  static let badSet = AssessCLI.fixture("bad")

  static let cases: [Case] = [
    Case(golden: "list.txt", arguments: ["list", "--plugins", partnerModules], status: 0, stream: .stdout),
    Case(golden: "list.json", arguments: ["list", "--format", "json", "--plugins", partnerModules], status: 0, stream: .stdout),
    Case(
      // JSON, not the table: the table pads columns to the length of the machine's own paths.
      golden: "list-from-elsewhere.json",
      arguments: ["list", "--format", "json", "--plugins", AssessCLI.fixtures.appendingPathComponent("partner-modules").path], status: 0,
      stream: .stdout, fromElsewhere: true),
    Case(golden: "validate-bad.txt", arguments: ["validate", badSet], status: 1, stream: .stderr),
    Case(golden: "validate-bad.json", arguments: ["validate", "--format", "json", badSet], status: 1, stream: .stdout),
    Case(golden: "help-assess.txt", arguments: ["--help"], status: 0, stream: .stdout),
    Case(golden: "help-validate.txt", arguments: ["validate", "--help"], status: 0, stream: .stdout),
    Case(golden: "help-list.txt", arguments: ["list", "--help"], status: 0, stream: .stdout),
  ]

  @Test("output matches the golden file", arguments: cases)
  func golden(_ testCase: Case) throws {
    let elsewhere = try TemporaryFolder()
    let result = try AssessCLI.run(
      testCase.arguments, in: testCase.fromElsewhere ? elsewhere.url : AssessCLI.packageRoot,
      environment: ["COLUMNS": "80", "NO_COLOR": "1"])
    #expect(result.status == testCase.status, "\(result)")
    let (compared, other) = testCase.stream == .stdout ? (result.stdout, result.stderr) : (result.stderr, result.stdout)
    #expect(other.isEmpty, "\(result)")
    let normalized = Golden.normalize(compared)
    #expect(!normalized.contains(elsewhere.url.path), "no machine-specific paths in a golden file")
    if testCase.fromElsewhere {
      #expect(normalized.contains(Golden.rootPlaceholder), "paths print in full and are normalized\n\(result)")
    }
    Golden.check(compared, against: testCase.golden)
  }

  @Test("normalization replaces the package root and only that")
  func normalization() {
    let root = AssessCLI.packageRoot.path
    #expect(Golden.normalize("\(root)/Questionnaires/x.yaml:1:1\r\n") == "<root>/Questionnaires/x.yaml:1:1\n")
    #expect(Golden.normalize("Questionnaires/x.yaml") == "Questionnaires/x.yaml")
  }

  @Test("a difference is described at the first differing line")
  func differenceReport() {
    let report = Golden.difference(expected: "a\nb\nc\n", actual: "a\nB\nc\n")
    #expect(report.contains("first difference at line 2"))
    #expect(report.contains("> 2: b"))
    #expect(report.contains("> 2: B"))
  }
}
