import AssessmentKit
import Foundation
import Testing

// Helpers shared by the malformed-input table, the byte-level cases and the YAML pitfall tests.

/// `‸` (U+2038 CARET) marks, in a fixture, the character a diagnostic must point at.
let positionMarker: Unicode.Scalar = "\u{2038}"

/// Text with the position marker taken out, and where the marker was (1-based; columns count
/// Unicode scalars, as diagnostics do).
struct MarkedText: Sendable {
  var text: String
  var line: Int
  var column: Int

  /// Nil unless the text holds exactly one marker.
  init?(_ marked: String) {
    var scalars = String.UnicodeScalarView()
    var line = 1
    var column = 1
    var found: (line: Int, column: Int)?
    for scalar in marked.unicodeScalars {
      if scalar == positionMarker {
        guard found == nil else { return nil }
        found = (line, column)
        continue
      }
      scalars.append(scalar)
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    guard let found else { return nil }
    text = String(scalars)
    self.line = found.line
    self.column = found.column
  }
}

/// One file of `Fixtures/malformed`: a single problem, the diagnostic it must produce, and where.
///
/// Header lines (leading `#` comments): `# expect: <code> <severity>` first, then optionally
/// - `# also: <code>, …`: other codes the one problem may cascade into;
/// - `# hint: <text>`, `# message: <text>`: substrings of the expected diagnostic's hint and message;
/// - `# hint-not: <text>`: a substring its hint must not have (a suggestion known to be wrong);
/// - `# known-issue: <why>`, `# crlf-known-issue: <why>`: a loader bug not fixed yet (the second
///   only with CRLF line endings); the test still asserts the right behaviour, as a known issue.
struct Fixture: Sendable, CustomTestStringConvertible {
  var name: String
  var path: String
  /// The file without the marker.
  var text: String
  var line = 0
  var column = 0
  var code = DiagnosticCode("")
  var severity = Diagnostic.Severity.error
  var also: Set<DiagnosticCode> = []
  var hint: String?
  var hintNot: String?
  var message: String?
  var knownIssue: String?
  var crlfKnownIssue: String?
  /// Why the file could not be read as a fixture; nil for a well-formed fixture.
  var problem: String?

  var testDescription: String { name }

  init(path: String) {
    self.path = path
    name = (path as NSString).lastPathComponent
    guard let raw = try? String(contentsOfFile: path, encoding: .utf8) else {
      text = ""
      problem = "cannot read \(name) as UTF-8"
      return
    }
    guard let marked = MarkedText(raw) else {
      text = raw
      problem = "\(name) must hold exactly one `‸` marker"
      return
    }
    text = marked.text
    line = marked.line
    column = marked.column
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, headerLine) in lines.enumerated() {
      guard headerLine.hasPrefix("#") else { break }
      func value(_ key: String) -> String? {
        headerLine.hasPrefix("# \(key): ") ? String(headerLine.dropFirst(key.count + 4)) : nil
      }
      if let expect = value("expect") {
        let words = expect.split(separator: " ")
        guard index == 0, words.count == 2, let severity = Diagnostic.Severity(rawValue: String(words[1])) else {
          problem = "the first line of \(name) must be `# expect: <code> <error|warning>`"
          return
        }
        code = DiagnosticCode(String(words[0]))
        self.severity = severity
      } else if let codes = value("also") {
        also.formUnion(codes.split(separator: ",").map { DiagnosticCode($0.trimmingCharacters(in: .whitespaces)) })
      } else if let hint = value("hint") {
        self.hint = hint
      } else if let hint = value("hint-not") {
        hintNot = hint
      } else if let message = value("message") {
        self.message = message
      } else if let issue = value("known-issue") {
        knownIssue = issue
      } else if let issue = value("crlf-known-issue") {
        crlfKnownIssue = issue
      }
    }
    if code.rawValue.isEmpty {
      problem = "the first line of \(name) must be `# expect: <code> <error|warning>`"
    } else if !DiagnosticCode.all.contains(code) {
      problem = "\(name) expects `\(code)`, which is not in DiagnosticCode.all"
    }
  }

  /// The bundled `Fixtures` folder.
  static var fixturesFolder: String {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path
  }

  static var malformedFolder: String { fixturesFolder + "/malformed" }

  /// Every file in `Fixtures/malformed`, sorted by name, so a new fixture joins the table by itself.
  static func fileNames() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: malformedFolder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
  }

  static let all: [Fixture] = fileNames().map { Fixture(path: malformedFolder + "/" + $0) }
}

/// Loads text the way `assess validate` loads a file, and validates answers and modules against
/// `Fixtures/questionnaires/mini.yaml`.
enum FixtureRunner {
  static let miniPath = Fixture.fixturesFolder + "/questionnaires/mini.yaml"

  /// The mini questionnaire, with the diagnostics it produced (there should be none).
  static let miniOutcome: (questionnaire: Questionnaire?, diagnostics: [Diagnostic]) = {
    let outcome = DocumentLoader.load(path: miniPath)
    guard case .questionnaire(let document)? = outcome.document else { return (nil, outcome.diagnostics) }
    return (document.model, outcome.diagnostics + QuestionnaireValidator.validate(document))
  }()

  /// Every diagnostic for `text` read as the file at `path`: the byte checks, the YAML, the
  /// shape, and the checks of its kind.
  static func diagnostics(text: String, path: String) -> [Diagnostic] {
    diagnostics(data: Data(text.utf8), path: path)
  }

  static func diagnostics(data: Data, path: String) -> [Diagnostic] {
    let source: SourceText
    do {
      source = try SourceText.decode(data, path: path)
    } catch {
      return [error]
    }
    return validate(DocumentLoader.load(source))
  }

  static func validate(_ outcome: LoadOutcome) -> [Diagnostic] {
    let questionnaires = miniOutcome.questionnaire.map { [$0] } ?? []
    switch outcome.document {
    case .questionnaire(let document)?:
      return outcome.diagnostics + QuestionnaireValidator.validate(document)
    case .answers(let document)?:
      return outcome.diagnostics + AnswersValidator.validate(document, against: questionnaires)
    case .evaluator(let document)?:
      return outcome.diagnostics + EvaluatorValidator.validate(document, against: questionnaires)
    case .moduleTest(let document)?:
      return outcome.diagnostics + ModuleTestValidator.validate(document)
    case nil:
      return outcome.diagnostics
    }
  }
}

/// Diagnostics as `assess validate` prints them, for failure messages.
func render(_ diagnostics: [Diagnostic]) -> String {
  diagnostics.isEmpty
    ? "(no diagnostics)"
    : diagnostics.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.text) [\($0.code)]" }
      .joined(separator: "\n")
}

/// Records an issue unless `diagnostics` holds one with this code and severity at this place.
@discardableResult
func expectDiagnostic(
  _ diagnostics: [Diagnostic], _ code: DiagnosticCode, _ severity: Diagnostic.Severity = .error,
  line: Int, column: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Diagnostic? {
  let found = diagnostics.first {
    $0.code == code && $0.severity == severity && $0.location.line == line && $0.location.column == column
  }
  #expect(
    found != nil, "expected \(severity.rawValue) [\(code)] at \(line):\(column), got:\n\(render(diagnostics))",
    sourceLocation: sourceLocation)
  return found
}

/// A fresh temporary folder, removed by the caller with `removeTemporaryFolder`.
func makeTemporaryFolder() throws -> String {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-tests-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  return folder
}

func removeTemporaryFolder(_ folder: String) {
  try? FileManager.default.removeItem(atPath: folder)
}

/// The package root (holding `Package.swift`), found from this file's path.
let packageRoot: String = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent()  // AssessmentKitTests
  .deletingLastPathComponent()  // Tests
  .deletingLastPathComponent().path

/// A file that did not load as the kind a test needs.
struct LoadFailure: Error, CustomStringConvertible {
  var description: String
}

/// Whether text holds no line break of any kind.
func isOneLine(_ text: String) -> Bool {
  !text.contains { $0.isNewline }
}
