@testable import AssessmentKit
import EvaluatorProtocol
import Foundation
import Testing

/// Rules that read two questionnaires of one answers file: `${questionnaire:item}` in a rule's
/// `when`, the rule's `questionnaire` key, and the shipped `org.unodc.cross-area` module run
/// through `AssessmentRunner` on the shipped questionnaires.
@Suite("Rules across areas")
struct CrossAreaRulesTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let catalog = Catalog.load(SearchPaths(toolkitHome: root.path))
  static let questionnaires = catalog.questionnaires.map { CompiledQuestionnaire($0.document.model) }

  static func crossAreaModule() throws -> Catalog.Entry<EvaluatorManifest> {
    try #require(catalog.modules.first { $0.document.model.id.value == "org.unodc.cross-area" })
  }

  static func answers(_ yaml: String) throws -> Document<AnswerSet> {
    let text = "schema: assess/answers@1\nrespondent: {country: Testland}\nquestionnaires:\n" + yaml
    let outcome = DocumentLoader.load(SourceText(path: "test.answers.yaml", text: text))
    guard case .answers(let document)? = outcome.document else {
      Issue.record("the answers did not load: \(outcome.diagnostics.map(\.text))")
      throw CancellationError()
    }
    let problems = AnswersValidator.validate(document, against: questionnaires).filter { $0.severity == .error }
    #expect(problems.isEmpty, "\(problems.map(\.text))")
    return document
  }

  static func assess(_ yaml: String) throws -> AssessmentResult {
    let runner = AssessmentRunner(questionnaires: questionnaires, modules: [try crossAreaModule()], toolkitVersion: "test")
    defer { runner.finish() }
    return runner.assess(try answers(yaml))
  }

  static let guardianGap = """
    - id: border-management
      version: 0.1.0
      answers: {BM-B.5: "3"}
    - id: child-protection
      version: 0.1.0
      answers: {CH-B.5: partial, CH-B.6: 21}
    """

  @Test("a qualified reference is one reference, questionnaire and item together")
  func lexing() throws {
    let expression = try ExpressionParser.parse("level(${border-management:BM-B.5}) >= 2 and ${CH-B.5} = 'no'")
    #expect(expression.references.map(\.id) == ["border-management:BM-B.5", "CH-B.5"])
  }

  @Test("a rule reads the other area, and its finding records the other area's answer as a trigger")
  func firesAcrossAreas() throws {
    let result = try Self.assess(Self.guardianGap)
    let finding = try #require(result.findings.first { $0.rule == "XA-R01" })
    #expect(finding.questionnaire == "child-protection")
    #expect(finding.triggers.map(\.item) == ["CH-B.5", "CH-B.6", "border-management:BM-B.5"])
    #expect(finding.triggers.last?.answer == ["3"])
    #expect(result.findings.map(\.rule) == ["XA-R01"])
    #expect(result.recommendations.first?.questionnaire == "child-protection")
  }

  @Test("when the other area is not in the answers file, the rule reads it as unanswered and stays silent")
  func missingAreaIsUnanswered() throws {
    let result = try Self.assess("""
      - id: child-protection
        version: 0.1.0
        answers: {CH-B.5: "no", CH-B.6: 60}
      """)
    #expect(result.findings.isEmpty)
    #expect(result.modules.first?.status == .ok)
  }

  @Test("the same answers without the border gap do not fire")
  func doesNotFireWhenTheOtherAreaIsWeak() throws {
    let result = try Self.assess(Self.guardianGap.replacingOccurrences(of: "BM-B.5: \"3\"", with: "BM-B.5: \"1\""))
    #expect(!result.findings.contains { $0.rule == "XA-R01" })
  }

  @Test("a rule with a `questionnaire` runs only in that area, once per answers file")
  func runsOnlyInItsArea() throws {
    let result = try Self.assess(Self.guardianGap)
    #expect(result.findings.filter { $0.rule == "XA-R01" }.count == 1)
    let run = try #require(result.modules.first)
    #expect(run.questionnaires == ["border-management", "child-protection"])
  }

  @Test("the priority counts an item of the other area with its own weight and critical flag")
  func priorityReadsPeerItems() throws {
    let result = try Self.assess("""
      - id: border-management
        version: 0.1.0
        answers: {BM-D.1: "0"}
      - id: prisoners-special-needs
        version: 0.1.0
        answers: {PR-C.2: "yes"}
      """)
    let prisons = try #require(result.areas.first { $0.questionnaire == "prisoners-special-needs" })
    let border = try #require(result.areas.first { $0.questionnaire == "border-management" })
    let finding = Finding(
      id: "t/T1", module: "t", rule: "T1", questionnaire: "prisoners-special-needs", severity: .medium, title: "t", summary: "s",
      why: "w", items: ["border-management:BM-D.1"], triggers: [],
      recommendation: RecommendationContent(title: "r", actions: ["a"], actors: ["ministries"], horizon: .short, component: .accountability, references: []))
    let alone = PriorityFormula.score(finding, area: prisons)
    let together = PriorityFormula.score(finding, area: prisons, peers: ["border-management": border])
    // Alone the item is unknown (G = W = 0.5, C = 0); with its area, BM-D.1 is a critical safeguard at level 0.
    #expect(alone.1.inputs.map(\.value) == [0.5, 0.5, 0.5, 0])
    #expect(together.1.inputs.map(\.value)[1] == 1)
    #expect(together.1.inputs.map(\.value)[3] == 1)
    #expect(together.0 > alone.0)
  }

  /// A module applying to border-management only, whose rule reads child protection.
  static let narrowModule = """
    schema: assess/evaluator@1
    id: org.test.narrow
    version: 0.1.0
    title: Narrow
    default_language: en
    kind: rules
    applies_to:
      - questionnaire: border-management
    rules:
      - id: N1
        title: Reads another area
        when: "${child-protection:CH-B.5} = 'no'"
        severity: high
        finding: {summary: s, why: w}
        recommendation: {title: r, actions: [a], actors: [ministries], horizon: short, component: prevention}
    """

  @Test("a module that does not apply to the questionnaire it reads is told to add it to `applies_to`")
  func unknownPeerIsLocated() throws {
    let outcome = DocumentLoader.load(SourceText(path: "narrow/evaluator.yaml", text: Self.narrowModule))
    guard case .evaluator(let document)? = outcome.document else {
      Issue.record("the module did not load: \(outcome.diagnostics.map(\.text))")
      return
    }
    let diagnostics = EvaluatorValidator.validate(document, against: Self.questionnaires)
    let problem = try #require(diagnostics.first { $0.code == .exprUnknownReference })
    #expect(problem.location.line == 12)
    #expect(problem.location.column == 12)
    #expect(problem.text.contains("does not apply to questionnaire `child-protection`"))
    #expect(problem.hint == "add `- questionnaire: child-protection` to the module's `applies_to`")
  }

  @Test("a rule's `questionnaire` must be one the module applies to")
  func unknownHomeIsLocated() throws {
    let text = Self.narrowModule.replacingOccurrences(of: "    title: Reads another area\n", with: "    title: Reads another area\n    questionnaire: border-managment\n")
    let outcome = DocumentLoader.load(SourceText(path: "narrow/evaluator.yaml", text: text))
    guard case .evaluator(let document)? = outcome.document else {
      Issue.record("the module did not load: \(outcome.diagnostics.map(\.text))")
      return
    }
    let diagnostics = EvaluatorValidator.validate(document, against: Self.questionnaires)
    #expect(diagnostics.map(\.code) == [.refUnknownQuestionnaire])
    #expect(diagnostics.first?.location.line == 12)
    #expect(diagnostics.first?.hint == "did you mean `border-management`?")
  }

  @Test("a questionnaire's own expressions may not read another questionnaire")
  func questionnaireExpressionsStayInside() throws {
    let border = try #require(Self.questionnaires.first { $0.questionnaire.id.value == "border-management" })
    let source = ExpressionSource(text: "${child-protection:CH-B.5} = 'no'", location: SourceLocation(file: "q.yaml", line: 1, column: 1), segments: [])
    let (expression, diagnostics) = border.check(source, role: .relevant)
    #expect(expression == nil)
    #expect(diagnostics.map(\.code) == [.exprUnknownReference])
    #expect(diagnostics.first?.text.contains("only a rule's `when`") == true)
  }
}
