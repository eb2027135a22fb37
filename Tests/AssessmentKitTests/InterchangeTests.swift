import AssessmentKit
import Foundation
import Testing

/// The pieces answers travel through: the YAML writer, CSV, zip, XLSForm names and XPath.
@Suite struct InterchangeTests {
  // MARK: Answers YAML

  @Test func aDraftSurvivesWritingAndReadingBack() throws {
    var draft = AnswersDraft(respondent: .init(country: "Côte d'Ivoire", agency: "Police \"aux frontières\"", role: "yes", date: "2026-03-14"))
    draft.blocks = [AnswersDraft.Block(questionnaireID: "border-management", version: "0.1.0")]
    draft.updateBlock("border-management") { block in
      block.update("BM-A.1") { $0.value = .single("no") }
      block.update("BM-C.3") { $0.value = .single("12") }
      block.update("BM-A.2") {
        $0.value = .single("partial")
        $0.notes = "Line one\nline two: with # a hash and 'quotes'\t\u{7}"
        $0.evidence = ["- a dash", "null", "~"]
        $0.confidence = "low"
      }
      block.update("BM-B.1") { $0.notes = "only a note" }
    }
    let text = AnswersYAML.render(draft)
    let outcome = DocumentLoader.load(SourceText(path: "t.answers.yaml", text: text))
    guard case .answers(let document)? = outcome.document else {
      Issue.record("did not load: \(outcome.diagnostics)\n\(text)")
      return
    }
    #expect(outcome.diagnostics.isEmpty)
    #expect(AnswersDraft(document.model) == draft)
  }

  // MARK: CSV

  @Test func csvFollowsRFC4180() throws {
    let text = "\u{FEFF}item;value;notes\r\nBM-A.1;yes;\"two\r\nlines; and \"\"quotes\"\"\"\r\n\r\nBM-A.2;\"no\";\r\nBM-A.3;2"
    let table = try CSVTable.parse(text, path: "s.csv")
    #expect(table.separator == ";")
    #expect(table.records.map(\.fields) == [
      ["item", "value", "notes"], ["BM-A.1", "yes", "two\r\nlines; and \"quotes\""], ["BM-A.2", "no", ""], ["BM-A.3", "2"],
    ])
    #expect(table.records.map(\.line) == [1, 2, 5, 6])
  }

  @Test func anUnclosedQuoteIsLocated() {
    #expect {
      try CSVTable.parse("a,b\n1,\"open\n2,3\n", path: "bad.csv")
    } throws: { error in
      guard let diagnostic = error as? Diagnostic else { return false }
      return diagnostic.code == .csvSyntax && diagnostic.location == SourceLocation(file: "bad.csv", line: 2, column: 2)
    }
  }

  @Test(arguments: [",", ";"] as [Character])
  func writtenCSVReadsBack(_ separator: Character) throws {
    let rows = [["a", "b,c", "d;e"], ["\"quoted\"", "new\nline", " padded "], ["", "é ✓", ""]]
    let table = try CSVTable.parse(CSVWriter.render(rows, separator: separator), path: "r.csv")
    #expect(table.records.map(\.fields) == rows)
  }

  // MARK: Zip and xlsx

  @Test func crc32MatchesTheStandardCheckValue() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum([]) == 0)
  }

  @Test func aZipHasItsSignaturesAndEntries() {
    var archive = ZipArchive()
    archive.add("a.txt", text: "hello")
    archive.add("b/c.xml", text: "<x/>")
    let bytes = archive.bytes()
    #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
    let end = Array(bytes.suffix(22))
    #expect(Array(end.prefix(4)) == [0x50, 0x4B, 0x05, 0x06])
    #expect(end[10] == 2)  // two entries
    #expect(archive.bytes() == bytes)  // the same bytes every time
  }

  // MARK: XLSForm

  @Test func formNamesAreXMLNamesAndReversible() throws {
    let questionnaire = try AnsweringSessionTests.shipped("border-management").questionnaire
    let names = XLSFormNames(questionnaire)
    for item in questionnaire.items {
      let name = try #require(names.itemNames[item.id.value])
      #expect(name.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) != nil)
      #expect(names.itemID(forName: name) == item.id.value)
    }
    #expect(names.itemNames["BM-A.1"] == "BM_A_1")
    #expect(Set(names.itemNames.values).count == questionnaire.items.count)
  }

  static let translations: [(String, String)] = [
    ("${BM-C.3} > 0", "(${BM_C_3} != 'na' and ${BM_C_3} != 'dk' and ${BM_C_3} > 0)"),
    ("${BM-A.1} in ['yes', 'dk']", "(${BM_A_1} != 'na' and ${BM_A_1} != 'dk' and (${BM_A_1} = 'yes' or ${BM_A_1} = 'dk'))"),
    ("not(${BM-A.1} = 'no')", "not((${BM_A_1} != 'na' and ${BM_A_1} != 'dk' and ${BM_A_1} = 'no'))"),
    ("${BM-A.1} != 'no'", "(string-length(${BM_A_1}) > 0 and ${BM_A_1} != 'na' and ${BM_A_1} != 'dk' and ${BM_A_1} != 'no')"),
    ("selected(${BM-A.1}, 'yes') and answered(${BM-A.2})",
     "(selected(${BM_A_1}, 'yes') and string-length(${BM_A_2}) > 0 and ${BM_A_2} != 'na' and ${BM_A_2} != 'dk')"),
    ("if(${BM-C.3} > 0, 1, 2) = 1", "(if((${BM_C_3} != 'na' and ${BM_C_3} != 'dk' and ${BM_C_3} > 0), 1, 2) = 1)"),
    ("coalesce(${BM-C.3}, ${BM-C.4}, 0) / 2 >= 1", "((coalesce(${BM_C_3}, coalesce(${BM_C_4}, 0)) div 2) >= 1)"),
  ]

  @Test(arguments: translations)
  func expressionsBecomeXPath(_ written: String, _ expected: String) throws {
    let questionnaire = try AnsweringSessionTests.shipped("border-management").questionnaire
    let translator = XPathTranslator(questionnaire: questionnaire, names: XLSFormNames(questionnaire))
    let source = ExpressionSource(text: written, location: .start(of: "x"), segments: [])
    #expect(try translator.translate(source) == expected)
  }

  @Test func scoreHasNoXPathCounterpart() throws {
    let questionnaire = try AnsweringSessionTests.shipped("border-management").questionnaire
    let translator = XPathTranslator(questionnaire: questionnaire, names: XLSFormNames(questionnaire))
    #expect(throws: XPathTranslator.Untranslatable.self) {
      try translator.translate(ExpressionSource(text: "score(${BM-A}) < 0.5", location: .start(of: "x"), segments: []))
    }
  }

  @Test func theFormHasAGroupPerSectionAndLabelsPerLanguage() throws {
    let questionnaire = try AnsweringSessionTests.shipped("border-management").questionnaire
    let form = XLSForm(questionnaire)
    #expect(form.survey[0].contains("label::English (en)"))
    #expect(form.survey[0].contains("hint::English (en)"))
    #expect(form.survey[0].contains("guidance_hint::English (en)"))
    let header = form.survey[0]
    let numberRow = try #require(form.survey.first { $0.count > 1 && $0[1] == "BM_C_3" })
    #expect(numberRow[header.firstIndex(of: "hint::English (en)")!] == "na = Not applicable · dk = Don't know")
    #expect(numberRow[header.firstIndex(of: "guidance_hint::English (en)")!].hasPrefix("Give the total recorded by the agency"))
    #expect(form.survey.filter { $0.first == "begin_group" }.count == questionnaire.sections.count + 1)
    #expect(form.survey.contains { $0.prefix(2) == ["select_one maturity", "BM_A_3"] })
    #expect(form.warnings.isEmpty)
    #expect(form.settings[1].last == "English (en)")
  }
}

/// Saving answers: validated first, written atomically.
@Suite struct AnswersFileTests {
  static func questionnaires() throws -> [CompiledQuestionnaire] { [try AnsweringSessionTests.shipped("border-management")] }

  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("assess-answers-file-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func draft(_ value: String) -> AnswersDraft {
    var draft = AnswersDraft(respondent: .init(country: "Examplia"))
    draft.blocks = [AnswersDraft.Block(questionnaireID: "border-management", version: "0.1.0")]
    draft.updateBlock("border-management") { $0.update("BM-A.1") { $0.value = .single(value) } }
    return draft
  }

  @Test func aValidDraftReplacesTheFileAndLeavesNoTemporaryFile() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("a.answers.yaml").path
    try "old contents\n".write(toFile: path, atomically: false, encoding: .utf8)
    try AnswersFile.save(Self.draft("yes"), to: path, against: Self.questionnaires())
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("BM-A.1: \"yes\""))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.answers.yaml"])
  }

  @Test func anInvalidDraftIsRefusedAndTheFileKept() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("a.answers.yaml").path
    try "old contents\n".write(toFile: path, atomically: false, encoding: .utf8)
    #expect {
      try AnswersFile.save(Self.draft("maybe"), to: path, against: Self.questionnaires())
    } throws: { error in
      guard case AnswersFile.SaveError.invalid(let diagnostics) = error else { return false }
      return diagnostics.map(\.code) == [.answerInvalidOption]
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents\n")
  }

  @Test func aFolderThatCannotBeWrittenIsReported() throws {
    #expect(throws: AtomicFile.WriteError.self) {
      try AtomicFile.write("x", to: "/nonexistent-folder-\(UUID().uuidString)/a.answers.yaml")
    }
  }

  @Test(arguments: [
    ("item,value\nBM-A.1,yes\n", "the header row has no `questionnaire` column"),
    ("questionnaire,item,value\nborder-management,BM-A.1,yes\n", "no respondent country"),
    ("questionnaire,item,value\nrespondent,country,Examplia\n", "the sheet holds no answers"),
    ("questionnaire,item,value\nrespondent,nationality,X\n", "`nationality` is not a respondent detail"),
  ])
  func aSheetThatCannotBeReadSaysWhy(_ text: String, _ message: String) throws {
    let (draft, diagnostics) = AnswerSheet.read(try CSVTable.parse(text, path: "s.csv"), questionnaires: try Self.questionnaires())
    #expect(draft == nil)
    #expect(diagnostics.contains { $0.message == message }, "\(diagnostics)")
  }

  @Test func aRowLongerThanTheHeaderIsLocated() throws {
    let text = "questionnaire,item,value\nrespondent,country,Examplia\nborder-management,BM-A.1,yes,and more\n"
    let (draft, diagnostics) = AnswerSheet.read(try CSVTable.parse(text, path: "s.csv"), questionnaires: try Self.questionnaires())
    #expect(draft == nil)
    #expect(diagnostics.map(\.code) == [.csvSyntax])
    #expect(diagnostics.first?.location == SourceLocation(file: "s.csv", line: 3, column: 4))
  }

  @Test func sheetProblemsPointAtTheirCell() throws {
    let text = "questionnaire,item,value\nrespondent,country,Examplia\nborder-management,BM-A.1,maybe\nborder-management,BM-A.33,yes\n"
    let (_, diagnostics) = AnswerSheet.read(try CSVTable.parse(text, path: "s.csv"), questionnaires: try Self.questionnaires())
    let located = diagnostics.map { "\($0.location.line):\($0.location.column) \($0.code)" }
    #expect(located.contains("3:3 answer.invalid-option"), "\(located)")
    #expect(located.contains("4:2 answer.unknown-item"), "\(located)")
  }
}
