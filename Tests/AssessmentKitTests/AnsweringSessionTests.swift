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

  @Test func colourOnlyWhenAskedFor() throws {
    let (_, plain) = try Self.session()
    #expect(!plain.contains("\u{1B}["))
    var session = AnsweringSession(
      questionnaires: [try Self.shipped("border-management")], draft: AnswersDraft(respondent: .init(country: "Examplia")),
      askRespondent: false, savePath: "c.answers.yaml", colour: true)
    #expect(session.start().text.contains("\u{1B}[1mBM-A.1\u{1B}[0m"))
    #expect(session.handle("maybe").text.contains("\u{1B}[33m"))
  }

  @Test func longTextsWrapOnlyWhenAWidthIsGiven() throws {
    var session = AnsweringSession(
      questionnaires: [try Self.shipped("border-management")], draft: AnswersDraft(respondent: .init(country: "Examplia")),
      askRespondent: false, savePath: "w.answers.yaml", width: 60)
    let lines = session.start().text.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines.filter { $0.count > 60 })")
    #expect(lines.contains { $0.hasPrefix("BM-A.1  Does national law make clear") })
    let (_, unwrapped) = try Self.session()
    #expect(unwrapped.split(separator: "\n").contains { $0.count > 100 })
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

  @Test func anAnswerThatHidesAnsweredQuestionsSaysSo() throws {
    var (session, _) = try Self.session()
    _ = session.handle("j BM-C.3")
    _ = session.handle("4")
    _ = session.handle("40")
    _ = session.handle("j BM-C.3")
    let output = session.handle("0")
    #expect(output.text.contains("With this answer BM-C.4 is no longer asked; the answer is kept in the file but not counted."))
    #expect(value(session, "BM-C.4") == .single("40"))
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

  @Test func twoQuestionnairesAreAnsweredOneAfterTheOther() throws {
    var session = AnsweringSession(
      questionnaires: [try Self.shipped("border-management"), try Self.shipped("child-protection")],
      draft: AnswersDraft(respondent: .init(country: "Examplia")), askRespondent: false, savePath: "two.answers.yaml")
    let first = session.start().text
    #expect(first.contains("(section 1 of 6, border-management)"))
    _ = session.handle("j BM-F.5")
    let next = session.handle("dk")
    #expect(next.text.contains(", child-protection)"))
    #expect(session.draft.blocks.map(\.questionnaireID) == ["border-management", "child-protection"])
    #expect(session.draft.block("child-protection")?.version == "0.1.0")
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

/// The session on a questionnaire with every kind of item, in two languages.
@Suite struct AnsweringEveryKindTests {
  static func questionnaire() throws -> CompiledQuestionnaire {
    let path = AnsweringSessionTests.root.appendingPathComponent("Tests/AssessCLITests/Fixtures/answering/every-kind.yaml").path
    let outcome = DocumentLoader.load(path: path)
    guard case .questionnaire(let document)? = outcome.document else { throw AnsweringSessionTests.Failure("\(outcome.diagnostics)") }
    return CompiledQuestionnaire(document.model)
  }

  static func session(language: String? = nil) throws -> (AnsweringSession, String) {
    var session = AnsweringSession(
      questionnaires: [try questionnaire()], draft: AnswersDraft(respondent: .init(country: "Examplia")), askRespondent: false,
      language: language, savePath: "e.answers.yaml")
    let text = session.start().text
    return (session, text)
  }

  func value(_ session: AnsweringSession, _ item: String) -> AnswersDraft.Value? {
    session.draft.block("every-kind")?.entry(item)?.value
  }

  @Test func textsAreShownInTheChosenLanguage() throws {
    let (_, text) = try Self.session(language: "fr")
    #expect(text.contains("Y a-t-il une loi ?"))
    #expect(text.contains("yes  Oui"))
    #expect(text.contains("En droit et en pratique"))
  }

  @Test func aMultipleChoiceTakesSeveralOptionsAndItsConstraint() throws {
    var (session, _) = try Self.session()
    _ = session.handle("yes")
    let refused = session.handle("none, interpreter")
    #expect(refused.text.contains("Not accepted: None stands alone."))
    #expect(session.handle("Interpreter medical").changed)
    #expect(value(session, "K-1.b") == .list(["interpreter", "medical"]))
  }

  @Test func calculatedItemsAreNeverAskedAndTextAndDatesAreTaken() throws {
    var (session, _) = try Self.session()
    _ = session.handle("no")  // K-1.b is not asked after "no"
    #expect(session.handle("0").text.contains("K-2.d"))  // K-2.b not asked with no cases; K-2.c is calculated
    #expect(session.handle("s").text.contains("K-2.e"))
    #expect(session.handle("14/03/2026").text.contains("YYYY-MM-DD"))
    let done = session.handle("2026-03-14")
    #expect(done.changed)
    #expect(done.text.contains("K-2.d"))  // the end lists what is left
    #expect(session.handle("j K-2.c").text.contains("calculated"))
    #expect(session.handle("j K-2.d").text.hasSuffix("K-2.d> "))
    #expect(session.handle("s").changed == false)
    #expect(session.handle("j K-2.d").text.hasSuffix("K-2.d> "))
    #expect(session.handle("=q").changed)
    #expect(value(session, "K-2.d") == .single("q"))
  }
}
