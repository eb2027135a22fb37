import AssessmentKit
import Foundation
import Testing

/// YAML 1.1 reads `no` as false, `1.10` as 1.1 and `NO` (Norway) as false. These files are read
/// as the text people wrote; these tests keep it that way.
@Suite("YAML pitfalls")
struct YAMLPitfallTests {
  private func load(_ text: String, path: String = "pitfall.yaml") -> LoadOutcome {
    DocumentLoader.load(SourceText(path: path, text: text))
  }

  private func answers(_ text: String) throws -> AnswerSet {
    let outcome = load(text)
    #expect(outcome.diagnostics.isEmpty, "\(render(outcome.diagnostics))")
    guard case .answers(let document)? = outcome.document else {
      throw LoadFailure(description: "not read as an answers file: \(render(outcome.diagnostics))")
    }
    return document.model
  }

  private func questionnaire(_ text: String) throws -> Document<Questionnaire> {
    let outcome = load(text)
    #expect(outcome.diagnostics.isEmpty, "\(render(outcome.diagnostics))")
    guard case .questionnaire(let document)? = outcome.document else {
      throw LoadFailure(description: "not read as a questionnaire: \(render(outcome.diagnostics))")
    }
    return document
  }

  private func answersFile(_ answerLines: String, country: String = "Examplia") -> String {
    """
    schema: assess/answers@1
    respondent:
      country: \(country)
    questionnaires:
      - id: mini
        version: 1.2.0
        answers:
    \(answerLines)
    """
  }

  // MARK: - Answers are the text people wrote

  @Test(
    "an unquoted answer stays the text written",
    arguments: [
      "no", "yes", "off", "on", "y", "n", "Y", "N", "NO", "Yes", "OFF", "True", "false",
      "none", "None", "nil", "Null", "NULL", "1.10", "1.0", "012", "0o17", "0x1F", "1e3", "1_000", "+1",
      ".inf", ".NaN", "1:20", "2024-05-01", "0.50",
    ])
  func answerStaysText(word: String) throws {
    let set = try answers(answersFile("      S2.3: \(word)\n      S1.3:\n        value: \(word)\n      S1.2: [\(word), \(word)x]"))
    let block = try #require(set.questionnaires.first)
    guard case .single(let short)? = block.answer("S2.3")?.value else {
      Issue.record("short form of `\(word)` was not read as one value")
      return
    }
    #expect(short.value == word)
    #expect(short.location.line == 8 && short.location.column == 13)
    guard case .single(let long)? = block.answer("S1.3")?.value else {
      Issue.record("long form of `\(word)` was not read as one value")
      return
    }
    #expect(long.value == word)
    guard case .list(let list)? = block.answer("S1.2")?.value else {
      Issue.record("list with `\(word)` was not read as a list")
      return
    }
    #expect(list.map(\.value) == [word, word + "x"])
  }

  @Test("`null`, `~` and nothing at all mean “not answered yet”", arguments: ["null", "~", ""])
  func unansweredWords(word: String) throws {
    let set = try answers(answersFile("      S2.3: \(word)\n      S1.3:\n        value: \(word)\n        notes: Ask the legal unit."))
    let block = try #require(set.questionnaires.first)
    #expect(block.answers.map(\.itemID.value) == ["S2.3", "S1.3"])
    #expect(block.answer("S2.3")?.value == nil)
    #expect(block.answer("S1.3")?.value == nil)
    #expect(block.answer("S1.3")?.notes == "Ask the legal unit.")
  }

  @Test("`no`, `yes` and `\"no\"` answer a yes/no item, and validate against it")
  func yesNoAnswersValidate() throws {
    let mini = try #require(FixtureRunner.miniOutcome.questionnaire)
    let text = answersFile("      S1.3: no\n      S1.1: 0\n      S2.1: 012\n      S1.2: [phone]")
    let outcome = load(text)
    guard case .answers(let document)? = outcome.document else {
      Issue.record("\(render(outcome.diagnostics))")
      return
    }
    let found = AnswersValidator.validate(document, against: [mini])
    #expect(found.isEmpty, "\(render(found))")
    for quoted in ["\"no\"", "'no'", "\"yes\"", "yes", "partial"] {
      let outcome = load(answersFile("      S1.3: \(quoted)"))
      guard case .answers(let document)? = outcome.document else { continue }
      #expect(AnswersValidator.validate(document, against: [mini]).isEmpty, "\(quoted)")
    }
  }

  @Test("a respondent from Norway stays in Norway, and an unquoted date stays text")
  func norway() throws {
    let set = try answers(
      """
      schema: assess/answers@1
      respondent:
        country: NO
        date: 2026-03-14
        round: on
      questionnaires:
        - id: mini
          version: 1.2.0
          answers: {}
      """)
    #expect(set.respondent.country == "NO")
    #expect(set.respondent.date?.value == "2026-03-14")
    #expect(set.respondent.round == "on")
  }

  // MARK: - Ids, option values and versions

  private let numberedQuestionnaire = """
    schema: assess/questionnaire@1
    id: numbered
    version: 1.10.0
    title: Numbered
    references:
      - {id: ref-a, title: Reference A}
    scales:
      - id: levels
        options:
          - {value: 0, label: Absent, score: 0}
          - {value: 1, label: Initial, score: 0.25}
          - {value: 2, label: Formalised, score: 0.5}
          - {value: 3, label: Implemented, score: 0.75}
          - {value: 4, label: Monitored, score: 1}
          - {value: no, label: "No", score: 0}
          - {value: 1.10, label: Odd, score: 0}
    sections:
      - id: 1
        title: One
        items:
          - {id: 1.1, text: First, scale: levels, references: [{ref: ref-a}]}
          - {id: 1.10, text: Tenth, scale: levels, references: [{ref: ref-a}]}
          - {id: 1.2, text: Second, scale: levels, references: [{ref: ref-a}]}
    """

  @Test("item ids `1.1` and `1.10` stay distinct text, and so do option values and the version")
  func numericLookingIDs() throws {
    let document = try questionnaire(numberedQuestionnaire)
    let model = document.model
    #expect(model.version.value == "1.10.0")
    #expect(model.sections.map(\.id.value) == ["1"])
    #expect(model.items.map(\.id.value) == ["1.1", "1.10", "1.2"])
    #expect(model.scales.first?.options.map(\.value.value) == ["0", "1", "2", "3", "4", "no", "1.10"])
    let found = QuestionnaireValidator.validate(document)
    #expect(found.isEmpty, "\(render(found))")
  }

  @Test("unquoted option values `0`…`4` match unquoted answers")
  func unquotedOptionValuesMatchAnswers() throws {
    let numbered = try questionnaire(numberedQuestionnaire).model
    let text = """
      schema: assess/answers@1
      respondent: {country: Examplia}
      questionnaires:
        - id: numbered
          version: 1.10.0
          answers:
            1.1: 0
            1.10: 4
            1.2: "2"
      """
    let outcome = load(text)
    guard case .answers(let document)? = outcome.document else {
      Issue.record("\(render(outcome.diagnostics))")
      return
    }
    let block = try #require(document.model.questionnaires.first)
    #expect(block.answers.map(\.itemID.value) == ["1.1", "1.10", "1.2"])
    let found = AnswersValidator.validate(document, against: [numbered])
    #expect(found.isEmpty, "\(render(found))")

    // `1.10` answered with the option `1.10`, and `1.1` with `no`: both written unquoted.
    let odd = load(text.replacingOccurrences(of: "1.1: 0", with: "1.1: no").replacingOccurrences(of: "1.10: 4", with: "1.10: 1.10"))
    guard case .answers(let oddDocument)? = odd.document else { return }
    #expect(AnswersValidator.validate(oddDocument, against: [numbered]).isEmpty)
  }

  @Test("a version written `1.0` is the text `1.0`, and reported as such")
  func shortVersion() throws {
    let document = try questionnaire(numberedQuestionnaire.replacingOccurrences(of: "version: 1.10.0", with: "version: 1.0"))
    #expect(document.model.version.value == "1.0")
    let found = QuestionnaireValidator.validate(document)
    let diagnostic = expectDiagnostic(found, .versionInvalid, line: 3, column: 10)
    #expect(diagnostic?.message.contains("`1.0`") == true)
  }

  // MARK: - Booleans are only true and false

  @Test("YAML 1.1 booleans are refused where a boolean belongs", arguments: ["yes", "no", "on", "off", "y", "n", "True", "FALSE", "1", "0", "\"true\""])
  func booleanWords(word: String) throws {
    let text = numberedQuestionnaire.replacingOccurrences(
      of: "{id: 1.1, text: First,", with: "{id: 1.1, critical: \(word), text: First,")
    let outcome = load(text)
    let column = "      - {id: 1.1, critical: ".unicodeScalars.count + 1
    let found = expectDiagnostic(outcome.diagnostics, .schemaTypeMismatch, line: 21, column: column)
    #expect(found?.message.contains("`true` or `false`") == true)
  }

  // MARK: - Real files

  @Test("a bilingual file with French apostrophes in flow mappings is not “too deeply nested”")
  func frenchApostrophes() throws {
    var text = """
      schema: assess/questionnaire@1
      id: francais
      version: 1.0.0
      title: {en: French, fr: Français}
      languages: [en, fr]
      references:

      """
    for number in 1...150 {
      text += "  - {id: ref-\(number), title: {en: The State report \(number), fr: Rapport de l'État \(number)}}\n"
    }
    text += """
      scales:
        - id: yes-no
          options:
            - {value: "yes", label: {en: "Yes", fr: Oui}, score: 1}
            - {value: "no", label: {en: "No", fr: Non}, score: 0}
      sections:
        - id: S1
          title: {en: Section one, fr: Section un}
          items:
            - {id: S1.1, text: {en: Is it so?, fr: Est-ce l'usage ?}, scale: yes-no, references: [{ref: ref-1}]}
      """
    let outcome = load(text)
    #expect(outcome.diagnostics.isEmpty, "\(render(outcome.diagnostics))")
  }

  @Test("the shipped questionnaires and examples validate with no errors")
  func shippedFiles() throws {
    let questionnaires = packageRoot + "/Questionnaires"
    let examples = packageRoot + "/Examples"
    #expect(FileManager.default.fileExists(atPath: packageRoot + "/Package.swift"))
    let files = ValidationRun.expand([questionnaires, examples])
    #expect(files.contains { $0.hasSuffix("border-management.yaml") })
    #expect(files.contains { $0.hasSuffix("border-police.answers.yaml") })
    let report = ValidationRun.validate(paths: [questionnaires, examples])
    #expect(report.files.allSatisfy { $0.kind != nil }, "\(report.files)")
    #expect(report.diagnostics.errorCount == 0, "\(render(report.diagnostics))")
  }

  @Test("the shipped example answers keep `yes`, `no` and `\"2\"` as text")
  func shippedAnswersAreText() throws {
    let outcome = DocumentLoader.load(path: packageRoot + "/Examples/examplia/border-police.answers.yaml")
    guard case .answers(let document)? = outcome.document else {
      Issue.record("\(render(outcome.diagnostics))")
      return
    }
    let block = try #require(document.model.questionnaires.first)
    guard case .single(let value)? = block.answer("BM-A.4")?.value else {
      Issue.record("BM-A.4 is not a single answer")
      return
    }
    #expect(value.value == "yes")
    guard case .single(let level)? = block.answer("BM-A.3")?.value else {
      Issue.record("BM-A.3 is not a single answer")
      return
    }
    #expect(level.value == "2")
  }
}
