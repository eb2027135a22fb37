import AssessmentKit
import EvaluatorProtocol
import Foundation
import Testing

@Suite("Output validation and wire format")
struct OutputValidationTests {
  static func finding(
    id: String = "F1", items: [String] = ["BM-A.1"], severity: String = "high", actors: [String] = ["police"],
    horizon: String = "short", component: String = "prevention", actions: [String] = ["Do it."], title: String = "T"
  ) -> FindingMessage {
    FindingMessage(
      id: id, title: title, severity: severity, items: items, summary: "S", why: "W",
      recommendation: RecommendationMessage(
        title: "R", actions: actions, actors: actors, horizon: horizon, component: component, references: []))
  }

  static func problems(_ findings: [FindingMessage], requestId: String = "r1") -> [String] {
    ModuleOutputValidator.problems(
      in: EvaluateResult(requestId: requestId, findings: findings), for: Fixtures.smallRequest())
  }

  @Test func aGoodResultPasses() {
    #expect(Self.problems([Self.finding(), Self.finding(id: "F2", items: [])]).isEmpty)
  }

  @Test(arguments: [
    (finding(items: ["BM-Z.1"]), "item `BM-Z.1` is not among the items"),
    (finding(severity: "urgent"), #"severity "urgent""#),
    (finding(severity: "High"), #"severity "High""#),
    (finding(actors: ["the-police"]), #"actor "the-police""#),
    (finding(actors: []), "names no actor"),
    (finding(horizon: "soon"), #"horizon "soon""#),
    (finding(component: "prevention "), #"component "prevention ""#),
    (finding(actions: []), "has no action"),
    (finding(actions: ["Do it.", "  "]), "an empty action"),
    (finding(title: " \n"), "`title` is empty"),
    (finding(id: ""), "`id` is empty"),
    (finding(id: "has space"), "`id` may hold only"),
  ])
  func oneBrokenRuleRejectsTheResult(_ finding: FindingMessage, _ words: String) {
    let problems = Self.problems([Self.finding(id: "good"), finding])
    #expect(problems.count == 1)
    #expect(problems.first?.contains(words) == true, "\(problems)")
  }

  @Test func findingIdsAreUnique() {
    #expect(Self.problems([Self.finding(), Self.finding()]) == ["finding `F1`: the id is used by an earlier finding too; finding ids must be unique"])
  }

  @Test func theResultMustAnswerTheRequest() {
    #expect(Self.problems([], requestId: "r9") == ["the result answers request `r9`, not `r1`"])
  }

  @Test func manifestActorsAreAccepted() {
    let result = EvaluateResult(requestId: "r1", findings: [Self.finding(actors: ["asylum-authority"])])
    #expect(!ModuleOutputValidator.problems(in: result, for: Fixtures.smallRequest()).isEmpty)
    #expect(
      ModuleOutputValidator.problems(
        in: result, for: Fixtures.smallRequest(), knownActors: BuiltInActors.ids.union(["asylum-authority"])
      ).isEmpty)
  }

  @Test func theProtocolVocabularyMatchesTheToolkits() {
    #expect(ProtocolVocabulary.severities == Rule.Severity.allCases.map(\.rawValue))
    #expect(ProtocolVocabulary.horizons == Rule.Recommendation.Horizon.allCases.map(\.rawValue))
    #expect(ProtocolVocabulary.components == Rule.Recommendation.Component.allCases.map(\.rawValue))
    #expect(ProtocolVocabulary.actors == BuiltInActors.all.map(\.id))
  }

  @Test func framesCarryALittleEndianLength() throws {
    let frame = MessageFrame.encode(Array(#"{"shutdown":{}}"#.utf8))
    #expect(Array(frame.prefix(8)) == [15, 0, 0, 0, 0, 0, 0, 0])
    #expect(MessageFrame.announcedLength(frame) == 15)
    #expect(MessageFrame.announcedLength([0, 0, 0, 0, 1, 0, 0, 0]) == 4 * 1024 * 1024 * 1024)
    #expect(MessageFrame.headerLooksLikeText(Array("Starting".utf8)))
    #expect(!MessageFrame.headerLooksLikeText(frame))
  }

  @Test func messagesAreObjectsWithOneKey() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    #expect(String(decoding: try encoder.encode(HostMessage.shutdown), as: UTF8.self) == #"{"shutdown":{}}"#)
    let hello = HostMessage.hello(Hello(protocolVersions: [1], toolkitVersion: "0.1.0"))
    #expect(
      String(decoding: try encoder.encode(hello), as: UTF8.self)
        == #"{"hello":{"protocolVersions":[1],"toolkitVersion":"0.1.0"}}"#)
    #expect(throws: (any Error).self) {
      try JSONDecoder().decode(ModuleMessage.self, from: Data(#"{"helloResult":{},"evaluateResult":{}}"#.utf8))
    }
  }
}

@Suite("Module text in messages")
struct ModuleTextTests {
  @Test func controlCharactersNeverReachAMessage() {
    let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{07}boom\r\nsecond line\u{9B}"
    let failure = OutputValidationTests.problems([OutputValidationTests.finding(id: "F1", items: [hostile])])
    #expect(failure.count == 1)
    #expect(!failure[0].unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
  }
}
