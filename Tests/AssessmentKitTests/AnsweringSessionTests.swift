import AssessmentKit
import Foundation
import Testing

/// The interactive session as a state machine: lines in, text and "save now" out.
@Suite struct AnsweringSessionTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func shipped(_ id: String) throws -> CompiledQuestionnaire {
    let outcome = DocumentLoader.load(path: root.appendingPathComponent("Questionnaires/\(id).yaml").path)
    guard case .questionnaire(let document)? = outcome.document else {
      throw Failure("Questionnaires/\(id).yaml did not load: \(outcome.diagnostics)")
    }
    return CompiledQuestionnaire(document.model)
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  /// A session on border-management with the respondent already known, started.
  static func session() throws -> (AnsweringSession, String) {
    var session = AnsweringSession(
      questionnaires: [try shipped("border-management")], draft: AnswersDraft(respondent: .init(country: "Examplia")),
      askRespondent: false, savePath: "test.answers.yaml")
    let text = session.start().text
    return (session, text)
  }

  func value(_ session: AnsweringSession, _ item: String) -> AnswersDraft.Value? {
    session.draft.block("border-management")?.entry(item)?.value
  }

  @Test func asksTheRespondentThenTheFirstQuestion() throws {
    var session = AnsweringSession(
      questionnaires: [try Self.shipped("border-management")], draft: AnswersDraft(), askRespondent: true, savePath: "x.answers.yaml")
    #expect(session.start().text.hasSuffix("Country the answers are about: "))
    #expect(session.handle("").text.contains("The country is needed"))
    #expect(session.handle("Examplia").text.contains("agency"))
    #expect(session.handle("Border Police").text.contains("role"))
    let first = session.handle("")
    #expect(first.changed)
    #expect(first.text.contains("BM-A.1"))
    #expect(first.text.hasSuffix("BM-A.1> "))
    #expect(session.draft.respondent.country == "Examplia")
    #expect(session.draft.respondent.agency == "Border Police")
    #expect(session.draft.respondent.role == nil)
  }

  @Test func showsTheScaleWithLevelDescriptionsAndProgress() throws {
    let (_, text) = try Self.session()
    #expect(text.contains("Choose one:"))
    #expect(text.contains("partial  Partly"))
    #expect(text.contains("In place only for some borders"))
    #expect(text.contains("na       Not applicable"))
    #expect(text.contains("dk       Don't know"))
    #expect(text.contains("[0 of 32 answered · question 1 of 5 in this section]"))
  }

  @Test func aValidAnswerIsRecordedAndTheNextQuestionShown() throws {
    var (session, _) = try Self.session()
    let output = session.handle("yes")
    #expect(output.changed)
    #expect(output.text.contains("BM-A.2"))
    #expect(value(session, "BM-A.1") == .single("yes"))
  }

  @Test(arguments: ["maybe", "yess", "5"])
  func anInvalidOptionIsExplainedAndAskedAgain(_ input: String) throws {
    var (session, _) = try Self.session()
    let output = session.handle(input)
    #expect(!output.changed)
    #expect(output.text.contains("is not an option"))
    #expect(output.text.hasSuffix("BM-A.1> "))
    #expect(value(session, "BM-A.1") == nil)
  }

  @Test func relevanceIsAppliedLive() throws {
    var (session, _) = try Self.session()
    _ = session.handle("j BM-C.3")
    // No deaths or injuries recorded: the share investigated is not asked.
    #expect(session.handle("0").text.contains("BM-C.5"))
    _ = session.handle("j BM-C.3")
    #expect(session.handle("4").text.contains("BM-C.4"))
    #expect(session.handle("j BM-C.4").text.contains("BM-C.4>"))
    _ = session.handle("j BM-C.3")
    _ = session.handle("0")
    #expect(session.handle("j BM-C.4").text.contains("not asked"))
  }

  @Test func aConstraintShowsTheAuthorsMessage() throws {
    var (session, _) = try Self.session()
    _ = session.handle("j BM-C.3")
    _ = session.handle("1")
    let refused = session.handle("50")
    #expect(!refused.changed)
    #expect(refused.text.contains("Not accepted: With a single recorded death or injury"))
    #expect(value(session, "BM-C.4") == nil)
    #expect(session.handle("100").changed)
    #expect(value(session, "BM-C.4") == .single("100"))
  }

  @Test func numbersAreCheckedAgainstTheirBounds() throws {
    var (session, _) = try Self.session()
    _ = session.handle("j BM-C.3")
    #expect(session.handle("-1").text.contains("below the minimum"))
    #expect(session.handle("2.5").text.contains("whole number"))
    #expect(session.handle("dk").changed)
    #expect(value(session, "BM-C.3") == .single("dk"))
  }

  @Test func notesEvidenceAndConfidenceAreKept() throws {
    var (session, _) = try Self.session()
    #expect(session.handle("n Checked with the legal unit").changed)
    #expect(session.handle("n").text.contains("Note (one line"))
    #expect(session.handle("Second note").changed)
    #expect(session.handle("e Border Act 2019, art. 4").changed)
    #expect(session.handle("c high").changed)
    let entry = session.draft.block("border-management")?.entry("BM-A.1")
    #expect(entry?.notes == "Checked with the legal unit\nSecond note")
    #expect(entry?.evidence == ["Border Act 2019, art. 4"])
    #expect(entry?.confidence == "high")
    #expect(entry?.value == nil)
  }

  @Test func skipBackAndJump() throws {
    var (session, _) = try Self.session()
    #expect(session.handle("s").text.contains("Skipped BM-A.1"))
    #expect(session.handle("b").text.hasSuffix("BM-A.1> "))
    #expect(session.handle("j bm-d").text.hasSuffix("BM-D.1> "))
    #expect(session.handle("j BM-A.33").text.contains("Did you mean BM-A.3?"))
    #expect(session.handle("b").text.hasSuffix("BM-A.1> "))
  }

  @Test func guidanceReferencesAndHelpOnDemand() throws {
    var (session, _) = try Self.session()
    #expect(session.handle("?").text.contains("Guidance:"))
    #expect(session.handle("r").text.contains("Recommended Principles and Guidelines on Human Rights at International Borders"))
    #expect(session.handle("h").text.contains("j ID"))
  }

  @Test func quitAndEndOfInputFinish() throws {
    var (session, _) = try Self.session()
    _ = session.handle("yes")
    let quit = session.handle("q")
    #expect(quit.finished)
    #expect(quit.text.contains("assess answer --resume test.answers.yaml"))
    var (other, _) = try Self.session()
    let end = other.endOfInput()
    #expect(end.finished)
    #expect(other.isFinished)
  }

  @Test func aResumedSessionStartsAtTheFirstUnansweredQuestion() throws {
    var draft = AnswersDraft(respondent: .init(country: "Examplia"))
    draft.blocks = [AnswersDraft.Block(questionnaireID: "border-management", version: "0.1.0")]
    draft.updateBlock("border-management") { block in
      block.update("BM-A.1") { $0.value = .single("yes") }
      block.update("BM-A.2") { $0.value = .single("no") }
    }
    var session = AnsweringSession(
      questionnaires: [try Self.shipped("border-management")], draft: draft, askRespondent: false, savePath: "r.answers.yaml")
    let text = session.start().text
    #expect(text.contains("Continuing at the first unanswered question"))
    #expect(text.hasSuffix("BM-A.3> "))
  }

  @Test func answeringEveryQuestionFinishes() throws {
    var (session, _) = try Self.session()
    var output = session.handle("dk")
    var steps = 1
    while !output.finished && steps < 200 {
      output = session.handle("dk")
      steps += 1
    }
    #expect(output.finished)
    #expect(output.text.contains("All 32 asked questions are answered"))
  }
}
