import AssessmentKit
import Foundation
import Testing

/// `WorkshopAggregator` and `ConsensusFile` through the public API, on the Examplia workshop
/// and on generated respondents.
@Suite("Workshop: aggregation and consensus")
struct WorkshopAggregationTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let workshopFiles = ["child-protection", "ngo", "police"].map {
    root.appendingPathComponent("Examples/examplia/workshop/\($0).answers.yaml").path
  }
  static let disagreements: Set<String> = ["BM-A.2", "BM-A.3", "BM-B.5", "BM-C.1", "BM-C.6", "BM-D.1", "BM-D.4"]

  static func borderManagement() throws -> CompiledQuestionnaire {
    let outcome = DocumentLoader.load(path: root.appendingPathComponent("Questionnaires/border-management.yaml").path)
    guard case .questionnaire(let document)? = outcome.document else {
      throw Failure("border-management.yaml did not load: \(outcome.diagnostics.map(\.text))")
    }
    return CompiledQuestionnaire(document.model)
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  static func examplia(anonymous: Bool = false) throws -> WorkshopAggregator {
    let aggregator = WorkshopAggregator(questionnaires: [try borderManagement()], anonymous: anonymous)
    for file in workshopFiles {
      let problems = aggregator.add(path: file)
      #expect(!problems.hasErrors, "\(problems.map(\.text))")
    }
    #expect(aggregator.finishDiagnostics(paths: workshopFiles).isEmpty)
    return aggregator
  }

  @Test("the three Examplia respondents: exactly the items they disagree on are discussed, critical ones first")
  func exampliaDiscussion() throws {
    let summary = try Self.examplia().summary()
    let area = try #require(summary.areas.first)
    #expect(Set(area.discussion.map(\.item)) == Self.disagreements)
    #expect(area.discussion.map(\.rank) == Array(1...area.discussion.count))
    #expect(area.discussion.first?.item == "BM-C.1", "yes / partial / no on a critical item diverges most")
    let priorities = area.discussion.map(\.priority)
    #expect(priorities == priorities.sorted(by: >))
    let useOfForce = try #require(area.items.first { $0.id == "BM-C.1" })
    #expect(useOfForce.levels?.iqr == 4)
    #expect(useOfForce.proposed == ["partial"])
    #expect(useOfForce.distribution.map(\.count) == [1, 1, 1])
    #expect(useOfForce.answers?.map(\.respondent) == ["Child Protection Agency", "Safe Passage Examplia", "National Police, border directorate"])
    let agreed = try #require(area.items.first { $0.id == "BM-A.1" })
    #expect(agreed.agreement == 1 && !agreed.discuss)
  }

  @Test("anonymous workshops label respondents by number and keep no agency, role or file")
  func anonymous() throws {
    let summary = try Self.examplia(anonymous: true).summary()
    #expect(summary.respondents.map(\.label) == ["Respondent 1", "Respondent 2", "Respondent 3"])
    #expect(summary.respondents.allSatisfy { $0.agency == nil && $0.role == nil && $0.source == nil })
    let text = ConsensusFile.text(for: summary, round: nil, language: "en")
    #expect(!text.contains("Safe Passage") && !text.contains("National Police"))
  }

  @Test("the consensus file loads, validates without warnings, keeps every respondent's answer, and scores")
  func consensusScores() throws {
    let aggregator = try Self.examplia()
    let summary = aggregator.summary()
    let text = ConsensusFile.text(for: summary, round: aggregator.commonRound, language: aggregator.summaryLanguage)
    let outcome = DocumentLoader.load(SourceText(path: "consensus.answers.yaml", text: text))
    guard case .answers(let document)? = outcome.document else {
      Issue.record("not loaded: \(outcome.diagnostics.map(\.text))")
      return
    }
    let compiled = try Self.borderManagement()
    #expect((outcome.diagnostics + AnswersValidator.validate(document, against: [compiled])).isEmpty)
    let block = try #require(document.model.questionnaires.first)
    let detention = try #require(block.answer("BM-D.4"))
    #expect(detention.consensus?.rounds.value == 1)
    #expect(detention.consensus?.responses.count == 3)
    let police = detention.consensus?.responses.first { $0.respondent.value == "National Police, border directorate" }
    guard case .single(let policeAnswer)? = police?.value else {
      Issue.record("the police's own answer to BM-D.4 is missing")
      return
    }
    #expect(policeAnswer.value == "3")
    #expect(detention.consensus?.responses.contains { $0.notes?.contains("three days") == true } == true)
    #expect(document.model.respondent.round == "workshop-2026-04")
    let result = AssessmentRunner(questionnaires: [compiled], modules: [], toolkitVersion: "test").assess(document)
    #expect(result.areas.first?.score != nil)
    #expect(result.areas.first?.coverage.answered == 30)
  }

  @Test("a consensus with zero rounds or a respondent's invalid answer is reported where it is written")
  func malformedConsensus() throws {
    let text = """
      schema: assess/answers@1
      respondent: {country: Examplia}
      questionnaires:
        - id: border-management
          version: 0.1.0
          answers:
            BM-A.1:
              value: partial
              consensus:
                rounds: 0
                responses:
                  - {respondent: Police, value: maybe}
                  - {respondent: Police, value: "yes"}
                  - {value: "no"}
      """
    let outcome = DocumentLoader.load(SourceText(path: "c.answers.yaml", text: text))
    let missing = outcome.diagnostics.first { $0.code == .schemaMissingKey }
    #expect(missing?.location.line == 14, "a response without `respondent`: \(outcome.diagnostics.map(\.text))")
    let fixed = text.replacingOccurrences(of: "          - {value: \"no\"}\n", with: "").replacingOccurrences(of: "- {value: \"no\"}", with: "")
    let second = DocumentLoader.load(SourceText(path: "c.answers.yaml", text: fixed))
    guard case .answers(let document)? = second.document else {
      Issue.record("not loaded: \(second.diagnostics.map(\.text))")
      return
    }
    let problems = AnswersValidator.validate(document, against: [try Self.borderManagement()])
    let byCode = Dictionary(grouping: problems, by: \.code)
    #expect(byCode[.numberOutOfRange]?.first?.location.line == 10, "\(problems.map(\.text))")
    #expect(byCode[.answerInvalidOption]?.first?.location == SourceLocation(file: "c.answers.yaml", line: 12, column: 43))
    #expect(byCode[.idDuplicate]?.first?.location.line == 13)
  }

  @Test("a single respondent, and files that answer different questionnaires, are refused with located errors")
  func refusedInputs() throws {
    let aggregator = WorkshopAggregator(questionnaires: [try Self.borderManagement()], anonymous: false)
    #expect(aggregator.add(path: Self.workshopFiles[0]).isEmpty)
    let alone = aggregator.finishDiagnostics(paths: [Self.workshopFiles[0]])
    #expect(alone.map(\.code) == [.workshopInput])
    #expect(alone.first?.location == .start(of: Self.workshopFiles[0]))
    let other = DocumentLoader.load(
      SourceText(
        path: "other.answers.yaml",
        text: "schema: assess/answers@1\nrespondent: {country: Elsewhere}\nquestionnaires:\n  - id: border-management\n    version: 0.1.0\n    answers: {BM-A.1: partial}\n"))
    guard case .answers(let document)? = other.document else {
      Issue.record("not loaded: \(other.diagnostics.map(\.text))")
      return
    }
    let problems = aggregator.add(document)
    #expect(problems.map(\.code) == [.workshopInput])
    #expect(problems.first?.text.contains("Elsewhere") == true)
  }

  @Test("thousands of respondents fold into counts: per-respondent detail is dropped above the limit")
  func manyRespondents() throws {
    let compiled = try Self.borderManagement()
    let aggregator = WorkshopAggregator(questionnaires: [compiled], anonymous: true)
    let count = WorkshopAggregator.detailLimit + 50
    for index in 0..<count {
      let level = index % 5
      let text = """
        schema: assess/answers@1
        respondent: {country: Examplia, agency: Agency \(index)}
        questionnaires:
          - id: border-management
            version: 0.1.0
            answers: {BM-A.3: "\(level)", BM-A.1: \(index % 2 == 0 ? "partial" : "\"yes\"")}
        """
      let outcome = DocumentLoader.load(SourceText(path: "r\(index).answers.yaml", text: text))
      guard case .answers(let document)? = outcome.document else {
        Issue.record("not loaded: \(outcome.diagnostics.map(\.text))")
        return
      }
      #expect(!aggregator.add(document).hasErrors)
    }
    let summary = aggregator.summary()
    #expect(!summary.perRespondentDetail)
    #expect(summary.respondents.count == WorkshopAggregator.detailLimit)
    let area = try #require(summary.areas.first)
    #expect(area.respondents == count)
    let asylum = try #require(area.items.first { $0.id == "BM-A.3" })
    #expect(asylum.answers == nil)
    #expect(asylum.scored == count)
    #expect(asylum.distribution.map(\.count).reduce(0, +) == count)
    #expect(asylum.levels?.median == 2)
    #expect(asylum.discuss)
    #expect(area.items.first { $0.id == "BM-A.2" }?.unanswered == count)
  }
}
