import AssessmentKit
import Foundation
import Testing

/// The malformed-input table: every file in `Fixtures/malformed` holds one problem, names the
/// diagnostic it must produce on its first line, and marks with `‸` the character it must point at.
@Suite("Malformed input table")
struct MalformedFixtureTests {
  /// Codes no single marked fixture file can produce, and where they are tested instead.
  static let notCoverableByAFixture: [DiagnosticCode: String] = [
    .fileUnreadable: "needs a path that names no file, or a folder (ByteLevelTests)",
    .fileTooLarge: "needs a file above the size cap; tested with LoadOptions(maximumFileSize: 100) (ByteLevelTests)",
    .fileEncoding: "invalid UTF-8 and UTF-16 cannot be written as a marked UTF-8 text file (ByteLevelTests)",
    .catalogDuplicate: "needs two files that define the same questionnaire id and version",
    .refUnknownRule: "needs a module folder holding evaluator.yaml and tests/ (ModuleContentTestTests)",
    .carryNotCarried: "reported by carry-forward, which needs a baseline and the questionnaires (ProgressTests)",
    .workshopInput: "reported across several answers files by assess workshop (WorkshopAggregationTests)",
    .templateSyntax: "is about a report template, not a YAML file (ReportCommandTests)",
    .csvSyntax: "comes from CSV imports, not YAML files (InterchangeTests, AnsweringCLITests)",
    .csvMissingColumn: "comes from CSV imports, not YAML files (InterchangeTests, AnsweringCLITests)",
    .csvUnknownColumn: "comes from Kobo CSV imports, not YAML files (AnsweringCLITests)",
  ]

  @Test("every fixture produces its diagnostic at the marked place", arguments: Fixture.all)
  func fixture(_ fixture: Fixture) {
    guard fixture.problem == nil else {
      Issue.record("\(fixture.problem!)")
      return
    }
    let diagnostics = FixtureRunner.diagnostics(text: fixture.text, path: fixture.path)
    check(fixture, diagnostics, knownIssue: fixture.knownIssue)
  }

  /// Files written on Windows end their lines with CR LF; every diagnostic must come out the same.
  @Test("every fixture gives the same diagnostic with CRLF line endings", arguments: Fixture.all)
  func fixtureWithCRLF(_ fixture: Fixture) {
    guard fixture.problem == nil else { return }
    let text = fixture.text.replacingOccurrences(of: "\n", with: "\r\n")
    let diagnostics = FixtureRunner.diagnostics(text: text, path: fixture.path)
    let issues = [fixture.knownIssue, fixture.crlfKnownIssue.map { "with CRLF line endings: " + $0 }].compactMap { $0 }
    check(fixture, diagnostics, knownIssue: issues.isEmpty ? nil : issues.joined(separator: " / "))
  }

  private func check(_ fixture: Fixture, _ diagnostics: [Diagnostic], knownIssue: String?) {
    let body = {
      let found = expectDiagnostic(diagnostics, fixture.code, fixture.severity, line: fixture.line, column: fixture.column)
      if let found, let hint = fixture.hint {
        #expect((found.hint ?? "").contains(hint), "hint should contain “\(hint)”, got “\(found.hint ?? "(none)")”")
      }
      if let found, let unwanted = fixture.hintNot {
        #expect(!(found.hint ?? "").contains(unwanted), "hint should not contain “\(unwanted)”, got “\(found.hint ?? "")”")
      }
      if let found, let message = fixture.message {
        #expect(found.message.contains(message), "message should contain “\(message)”, got “\(found.message)”")
      }
      // One problem per fixture: nothing else, except the cascades the fixture declares.
      let unexpected = diagnostics.filter { $0.code != fixture.code && !fixture.also.contains($0.code) }
      #expect(unexpected.isEmpty, "unexpected diagnostics:\n\(render(unexpected))")
      // Every diagnostic is one line: `file:line:col: severity: message; hint [code]`.
      for diagnostic in diagnostics {
        #expect(isOneLine(diagnostic.message), "message spans lines: \(diagnostic.message.debugDescription)")
        #expect(isOneLine(diagnostic.hint ?? ""), "hint spans lines: \((diagnostic.hint ?? "").debugDescription)")
        #expect(diagnostic.location.file == fixture.path)
        #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
      }
    }
    if let knownIssue {
      withKnownIssue(Comment(rawValue: knownIssue)) { body() }
    } else {
      body()
    }
  }

  @Test("the table is the folder: every file is a well-formed fixture, and the table is large enough")
  func tableIsComplete() {
    let names = Fixture.fileNames()
    #expect(Fixture.all.map(\.name) == names)
    for name in names {
      #expect(name.hasSuffix(".yaml"), "\(name): fixtures are .yaml files")
    }
    for fixture in Fixture.all {
      #expect(fixture.problem == nil, "\(fixture.problem ?? "")")
      for code in fixture.also {
        #expect(DiagnosticCode.all.contains(code), "\(fixture.name): `# also: \(code)` is not a diagnostic code")
      }
    }
    #expect(Fixture.all.count >= 40)
    #expect(Set(Fixture.all.map(\.code)).count >= 30)
    // The three kinds of file people write by hand are represented; module tests live in
    // module folders and are tested there.
    for kind in FileKind.allCases where kind != .moduleTest {
      let count = Fixture.all.count { $0.text.contains("schema: \(kind.schema)\n") }
      #expect(count >= 10, "only \(count) \(kind.rawValue) fixtures")
    }
  }

  @Test("every diagnostic code a single file can trigger has a fixture")
  func everyCodeIsCovered() {
    let covered = Set(Fixture.all.map(\.code))
    let missing = DiagnosticCode.all.filter { !covered.contains($0) && Self.notCoverableByAFixture[$0] == nil }
    #expect(missing.isEmpty, "no fixture for: \(missing.map(\.rawValue).joined(separator: ", "))")
    for code in Self.notCoverableByAFixture.keys {
      #expect(DiagnosticCode.all.contains(code))
      #expect(!covered.contains(code), "\(code) has a fixture now; take it off the list of codes a fixture cannot cover")
    }
  }

  @Test("the mini questionnaire the fixtures are checked against is valid, in two languages")
  func miniQuestionnaireIsValid() throws {
    let (questionnaire, diagnostics) = FixtureRunner.miniOutcome
    #expect(diagnostics.isEmpty, "\(render(diagnostics))")
    let mini = try #require(questionnaire)
    #expect(mini.languages.map(\.value) == ["en", "fr"])
    #expect(mini.sections.count == 2)
    #expect(Set(mini.items.map(\.kind)) == Set(Item.Kind.allCases))
    #expect(mini.profiles.map(\.id.value) == ["national"])
  }
}
