import Testing
@testable import AssessmentKit

/// `AssessmentRunner` end to end on small inputs: which questionnaire version the answers are
/// scored against, and what the result holds.
@Suite("Scoring: AssessmentRunner")
struct ScoringRunnerTests {
  static func questionnaire(version: String, title: String) -> String {
    "schema: assess/questionnaire@1\nid: t\nversion: \(version)\ntitle: \(title)\n" + scoringScales + """
      sections:
        - id: S1
          title: One
          items:
            - {id: a, text: A, scale: maturity}
      """
  }

  @Test("answers for a version that is not there are scored against the newest of the same major version")
  func newestOfTheSameMajor() throws {
    let older = try #require(ScoringLoad.compiledFile(Self.questionnaire(version: "1.9.0", title: "Nine"), path: "t-1.9.yaml"))
    let newer = try #require(ScoringLoad.compiledFile(Self.questionnaire(version: "1.10.0", title: "Ten"), path: "t-1.10.yaml"))
    let outcome = DocumentLoader.load(
      SourceText(
        path: "v.answers.yaml",
        text: """
          schema: assess/answers@1
          respondent: {country: Testland}
          questionnaires:
            - id: t
              version: 1.5.0
              answers: {a: "3"}
          """))
    guard case .answers(let document)? = outcome.document else {
      Issue.record("not loaded: \(outcome.diagnostics.map(\.text))")
      return
    }
    // The validator warns that the answers will be read against 1.10.0, the newest 1.x.
    let warnings = AnswersValidator.validate(document, against: [older, newer])
    #expect(warnings.contains { $0.text.contains("1.10.0") }, "\(warnings.map(\.text))")
    let runner = AssessmentRunner(questionnaires: [older, newer], modules: [], toolkitVersion: "test")
    defer { runner.finish() }
    let result = runner.assess(document)
    let area = try #require(result.areas.first)
    // a "3" → 0.75 in either version
    #expect(scoringClose(area.score, 0.75))
    // 1.10.0 > 1.9.0 as versions (as text "1.10.0" < "1.9.0", which once picked 1.9.0)
    #expect(area.version == "1.10.0")
    #expect(area.title == "Ten")
  }

  @Test("an answers file is scored area by area, with the respondent and no module")
  func resultWithoutModules() throws {
    let compiled = try #require(ScoringLoad.compiledFile(Self.questionnaire(version: "1.0.0", title: "One"), path: "t.yaml"))
    let document = try #require(ScoringLoad.answers("a: \"2\"", for: compiled))
    let runner = AssessmentRunner(questionnaires: [compiled], modules: [], toolkitVersion: "test")
    defer { runner.finish() }
    let result = runner.assess(document)
    #expect(result.areas.count == 1)
    // a "2" → 0.5 → level 2
    #expect(scoringClose(result.areas.first?.score, 0.5))
    #expect(result.areas.first?.level?.level == 2)
    #expect(result.findings.isEmpty)
    #expect(result.recommendations.isEmpty)
    #expect(result.modules.isEmpty)
    #expect(!result.hasModuleFailures)
    #expect(result.respondent == RespondentResult(country: "Testland", agency: "Test agency", role: nil, date: "2026-01-02", round: "baseline"))
    #expect(result.source == "test.answers.yaml")
    // No language in the answers: the questionnaire's default, en.
    #expect(result.language == "en")
  }
}
