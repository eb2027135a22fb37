import Foundation
import Testing

/// `assess answer`, `template`, `export` and `import` through the built binary.
@Suite struct AnsweringCLITests {
  static let shippedQuestionnaires = ["border-management", "child-protection", "crime-prevention-strategy", "prisoners-special-needs", "vam-integration"]

  func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  // MARK: assess answer

  @Test func aScriptedSessionWritesAFileThatValidatesAndScores() throws {
    let folder = try TemporaryFolder()
    let run = try InteractiveProcess.run(
      ["answer", "border-management", "-o", "bp.answers.yaml"],
      input: ["Examplia", "Border Police", "Head of training", "yes", "maybe", "partial", "n Seen at two posts", "3", "q"], in: folder.url)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("`maybe` is not an option"))
    #expect(run.stdout.contains("Note added to BM-A.3"))
    #expect(run.stdout.contains("3 of 32 asked questions answered"))
    let written = try text(folder.url.appendingPathComponent("bp.answers.yaml"))
    #expect(written.contains("country: \"Examplia\""))
    #expect(written.contains("BM-A.1: \"yes\""))
    #expect(written.contains("BM-A.2: \"partial\""))
    #expect(written.contains("value: \"3\"\n        notes: \"Seen at two posts\""))
    let path = folder.url.appendingPathComponent("bp.answers.yaml").path
    let validated = try AssessCLI.run(["validate", path])
    #expect(validated.status == 0, "\(validated)")
    let scored = try AssessCLI.run(["score", path])
    #expect(scored.status == 0, "\(scored)")
  }

  @Test func aKilledSessionLosesNothingAnsweredAndResumes() throws {
    let folder = try TemporaryFolder()
    let arguments = ["answer", "border-management", "-o", "k.answers.yaml", "--country", "Examplia", "--agency", "Border Police", "--role", "Analyst"]
    let session = try InteractiveProcess(arguments, in: folder.url)
    #expect(session.wait(for: "BM-A.1> "))
    session.send("no")
    #expect(session.wait(for: "BM-A.2> "))
    session.send("dk")
    // The next prompt is written only after the answer is on disk.
    #expect(session.wait(for: "BM-A.3> "))
    session.kill()
    #expect(session.process.terminationReason == .uncaughtSignal)

    let file = folder.url.appendingPathComponent("k.answers.yaml")
    let saved = try text(file)
    #expect(saved.contains("BM-A.1: \"no\""))
    #expect(saved.contains("BM-A.2: \"dk\""))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0 != "k.answers.yaml" }
    #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")

    let resumed = try InteractiveProcess.run(["answer", "--resume", "k.answers.yaml"], input: ["4", "q"], in: folder.url)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains("Continuing at the first unanswered question"))
    #expect(resumed.stdout.contains("BM-A.3> "))
    #expect(!resumed.stdout.contains("Country the answers are about"))
    let after = try text(file)
    for line in ["BM-A.1: \"no\"", "BM-A.2: \"dk\"", "BM-A.3: \"4\"", "agency: \"Border Police\""] {
      #expect(after.contains(line), "\(line) missing from\n\(after)")
    }
  }

  @Test func aFollowUpStartsFromTheBaselineWithEveryAnswerCarried() throws {
    let folder = try TemporaryFolder()
    let baseline = AssessCLI.packageRoot.appendingPathComponent("Examples/examplia/border-police.answers.yaml").path
    // Every answer is carried, so the session opens on the first question to review it; "yes" changes it.
    let run = try InteractiveProcess.run(
      ["answer", "--from", baseline, "--round", "follow-up-2027", "-o", "next.answers.yaml"], input: ["yes", "q"], in: folder.url)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("carried 33 answer(s) from"), "\(run.stderr)")
    #expect(run.stdout.contains("Current answer: partial"))
    let written = try text(folder.url.appendingPathComponent("next.answers.yaml"))
    #expect(written.contains("round: \"follow-up-2027\""))
    #expect(written.contains("agency: \"Border Police\""))
    #expect(written.contains("BM-A.1:\n        value: \"yes\""), "\(written)")
    #expect(written.contains("BM-A.2:"), "the baseline's other answers are carried")
    let validated = try AssessCLI.run(["validate", "--strict", folder.url.appendingPathComponent("next.answers.yaml").path])
    #expect(validated.status == 0, "\(validated)")
  }

  @Test func fromAndResumeTogetherAreAUsageError() throws {
    let folder = try TemporaryFolder()
    let run = try InteractiveProcess.run(["answer", "--from", "a.answers.yaml", "--resume", "b.answers.yaml"], input: [], in: folder.url)
    #expect(run.status == 64)
    #expect(run.stderr.contains("use one of them") || run.stderr.contains("no such file"), "\(run.stderr)")
  }

  @Test func endOfInputSavesAndExitsCleanly() throws {
    let folder = try TemporaryFolder()
    let run = try InteractiveProcess.run(
      ["answer", "child-protection", "--country", "Examplia", "--agency", "", "--role", ""], input: ["", "x"], in: folder.url)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("End of input."))
    #expect(run.stdout.contains("Continue later with: assess answer --resume child-protection.answers.yaml"))
    #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("child-protection.answers.yaml").path))
  }

  @Test func anExistingFileIsNotOverwritten() throws {
    let folder = try TemporaryFolder()
    try folder.write("a.answers.yaml", "keep me\n")
    let run = try InteractiveProcess.run(["answer", "border-management", "-o", "a.answers.yaml"], input: [], in: folder.url)
    #expect(run.status == 64)
    #expect(run.stderr.contains("--resume a.answers.yaml"))
    #expect(try text(folder.url.appendingPathComponent("a.answers.yaml")) == "keep me\n")
  }

  @Test func resumingABrokenFileReportsWhere() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "b.answers.yaml",
      "schema: assess/answers@1\nrespondent:\n  country: Examplia\nquestionnaires:\n  - id: border-management\n    version: \"0.1.0\"\n    answers:\n      BM-A.1: maybe\n")
    let run = try InteractiveProcess.run(["answer", "--resume", "b.answers.yaml"], input: [], in: folder.url)
    #expect(run.status == 1)
    #expect(run.stderr.contains("b.answers.yaml:8:15: error: `maybe` is not an option of item `BM-A.1`"))
  }

  @Test(arguments: [
    (["answer"], "name a questionnaire"),
    (["answer", "border-managment"], "did you mean `border-management`?"),
    (["answer", "--resume", "nowhere.answers.yaml"], "no such file"),
    (["answer", "border-management", "-o", "missing/a.answers.yaml"], "there is no folder missing; create it first"),
  ])
  func usageErrorsSayWhatToDo(_ arguments: [String], _ expected: String) throws {
    let folder = try TemporaryFolder()
    let run = try InteractiveProcess.run(arguments, input: [], in: folder.url)
    #expect(run.status == 64)
    #expect(run.stderr.contains(expected), "\(run.stderr)")
  }

  @Test func resumingAQuestionnaireSaysWhatToDoInstead() throws {
    let run = try InteractiveProcess.run(["answer", "--resume", "Questionnaires/border-management.yaml"], input: [], in: AssessCLI.packageRoot)
    #expect(run.status == 64)
    #expect(run.stderr.contains("is a questionnaire, not an answers file; answer it with `assess answer Questionnaires/border-management.yaml`"))
  }

  @Test(arguments: ["answer", "template", "export xlsform", "export csv"])
  func aBrokenQuestionnaireFileIsReportedWhereItIsBroken(_ command: String) throws {
    let run = try InteractiveProcess.run(
      command.split(separator: " ").map(String.init) + [AssessCLI.fixture("bad/typos.yaml")], input: [], in: AssessCLI.packageRoot)
    #expect(run.status == 1)
    #expect(run.stderr.contains("Tests/AssessCLITests/Fixtures/bad/typos.yaml:4:1: error: unknown key `titel`"), "\(run.stderr)")
  }

  // MARK: assess template

  @Test(arguments: shippedQuestionnaires)
  func aTemplateValidatesAsWritten(_ id: String) throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("\(id).answers.yaml").path
    let made = try AssessCLI.run(["template", id, "-o", path, "--country", "Examplia"])
    #expect(made.status == 0, "\(made)")
    let validated = try AssessCLI.run(["validate", path])
    #expect(validated.status == 0, "\(validated)")
  }

  @Test func aFilledTemplateValidatesAndScores() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("t.answers.yaml").path
    #expect(try AssessCLI.run(["template", "border-management", "-o", path]).status == 0)
    let template = try String(contentsOfFile: path, encoding: .utf8)
    #expect(template.contains("#   \"partial\" — Partly: In place only for some borders"))
    #expect(template.contains("# Guidance:"))
    var filled = template.replacingOccurrences(of: "country: \"\"", with: "country: \"Examplia\"")
    filled = filled.replacingOccurrences(of: "  value:\n", with: "  value: \"dk\"\n")
    filled = filled.replacingOccurrences(of: "BM-A.1:\n        value: \"dk\"", with: "BM-A.1:\n        value: \"yes\"")
    try filled.write(toFile: path, atomically: true, encoding: .utf8)
    let validated = try AssessCLI.run(["validate", path])
    #expect(validated.status == 0, "\(validated)")
    let scored = try AssessCLI.run(["score", path])
    #expect(scored.status == 0, "\(scored)")
  }

  // MARK: assess export xlsform

  @Test(
    .enabled(if: Pyxform.available || Pyxform.required, "pyxform is not installed (python3 -m pip install pyxform); ASSESS_REQUIRE_PYXFORM=1 makes this a failure"),
    arguments: shippedQuestionnaires)
  func theXLSFormOfEveryShippedQuestionnairePassesPyxform(_ id: String) throws {
    try #require(Pyxform.available, "pyxform is required (ASSESS_REQUIRE_PYXFORM=1) but `python3 -m pyxform.xls2xform` does not run")
    let folder = try TemporaryFolder()
    let form = folder.url.appendingPathComponent("\(id).xlsx").path
    let exported = try AssessCLI.run(["export", "xlsform", id, "-o", form])
    #expect(exported.status == 0, "\(exported)")
    #expect(!exported.stderr.contains("warning"), "\(exported.stderr)")
    let xml = folder.url.appendingPathComponent("\(id).xml").path
    let converted = try Pyxform.convert(form, to: xml)
    #expect(converted.status == 0, "\(converted.output)")
    #expect(!converted.output.lowercased().contains("warning"), "\(converted.output)")
    let xform = try String(contentsOfFile: xml, encoding: .utf8)
    #expect(xform.contains("<h:title>"))
    #expect(xform.contains("jr:constraintMsg") || id != "border-management")
  }

  // MARK: assess import kobo

  /// The same answers as a Kobo export (group/name headers, `;`, metadata, labels for one choice)
  /// and as YAML.
  static let koboAnswers: [(item: String, value: String)] = [
    ("BM-A.1", "yes"), ("BM-A.2", "partial"), ("BM-A.3", "3"), ("BM-B.1", "2"), ("BM-C.1", "partial"), ("BM-C.2", "no"),
    ("BM-C.3", "4"), ("BM-C.4", "25"), ("BM-D.1", "dk"), ("BM-E.1", "na"), ("BM-F.1", "4"),
  ]

  static func koboCSV(badRow: Bool) -> String {
    let items = koboAnswers.map(\.item)
    func column(_ id: String) -> String {
      let section = String(id.split(separator: ".")[0]).replacingOccurrences(of: "-", with: "_")
      return "\(section)/" + id.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
    }
    var lines = ["start;end;today;respondent/country;respondent/agency;respondent/role;" + items.map(column).joined(separator: ";") + ";_id;_uuid;_submission_time;_index"]
    let values = koboAnswers.map { $0.item == "BM-A.2" ? "Partly" : $0.value }
    lines.append(
      "2026-03-14T09:00:00.000+01:00;2026-03-14T09:40:00.000+01:00;2026-03-14;Examplia;\"Border Police; North\";Analyst;"
        + values.joined(separator: ";") + ";17;9f1c-uuid;2026-03-14T09:41:02;1")
    if badRow {
      var wrong = values
      wrong[0] = "maybe"
      wrong[7] = "250"
      lines.append("2026-03-15T09:00:00;2026-03-15T09:20:00;2026-03-15;Examplia;Customs;;" + wrong.joined(separator: ";") + ";18;aa-uuid;2026-03-15T09:21:00;2")
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  static func yamlAnswers() -> String {
    "schema: assess/answers@1\nrespondent:\n  country: Examplia\n  agency: \"Border Police; North\"\n  role: Analyst\n  date: \"2026-03-14\"\n"
      + "questionnaires:\n  - id: border-management\n    version: \"0.1.0\"\n    answers:\n"
      + koboAnswers.map { "      \($0.item): \"\($0.value)\"\n" }.joined()
  }

  /// The `areas` of `assess score --format json`, as JSON values.
  static func areas(_ path: String, home: ScoreCLI.Home) throws -> NSArray {
    let scored = try ScoreCLI.score(["--format", "json", path], home: home)
    #expect(scored.status == 0, "\(scored)")
    let payload = try JSONSerialization.jsonObject(with: Data(scored.stdout.utf8)) as? [String: Any]
    let results = try #require(payload?["results"] as? [[String: Any]])
    return try #require(results.first?["areas"] as? NSArray)
  }

  @Test func koboSubmissionsScoreTheSameAsTheSameAnswersInYAML() throws {
    let folder = try TemporaryFolder()
    let export = try folder.write("export.csv", Self.koboCSV(badRow: false))
    let yaml = try folder.write("same.answers.yaml", Self.yamlAnswers())
    let out = folder.url.appendingPathComponent("imported").path
    let imported = try AssessCLI.run(["import", "kobo", export.path, "--questionnaire", "border-management", "-o", out])
    #expect(imported.status == 0, "\(imported)")
    let written = out + "/border-police-north-1.answers.yaml"
    #expect(imported.stdout.contains("wrote \(written)"))
    let home = try ScoreCLI.Home()
    #expect(try Self.areas(written, home: home) == Self.areas(yaml.path, home: home))
  }

  @Test func badKoboRowsAreLocatedAndGoodRowsStillWritten() throws {
    let folder = try TemporaryFolder()
    let export = try folder.write("export.csv", Self.koboCSV(badRow: true))
    let out = folder.url.appendingPathComponent("imported").path
    let imported = try AssessCLI.run(["import", "kobo", export.path, "--questionnaire", "border-management", "-o", out])
    #expect(imported.status == 1)
    #expect(imported.stderr.contains("export.csv:3:7: error: `maybe` is not an option of item `BM-A.1`"), "\(imported.stderr)")
    #expect(imported.stderr.contains("export.csv:3:14: error: 250 is above the maximum 100 of item `BM-C.4`"), "\(imported.stderr)")
    #expect(imported.stderr.contains("1 of 2 submissions imported; 1 with errors were not written"))
    let files = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(files == ["border-police-north-1.answers.yaml"])
  }

  @Test func anODKCentralExportWithDashedGroupNamesIsRead() throws {
    let folder = try TemporaryFolder()
    let export = try folder.write(
      "central.csv",
      "SubmissionDate,respondent-country,respondent-agency,BM_A-BM_A_1,BM_C-BM_C_3,BM-A.2,meta-instanceID,KEY,SubmitterName\n"
        + "2026-03-14T10:00:00.000Z,Examplia,Coast Guard,no,0,yes,uuid:7,uuid:7,enumerator\n")
    let out = folder.url.appendingPathComponent("out").path
    let imported = try AssessCLI.run(["import", "kobo", export.path, "--questionnaire", "border-management", "-o", out, "--round", "baseline"])
    #expect(imported.status == 0, "\(imported)")
    let written = try String(contentsOfFile: out + "/coast-guard-1.answers.yaml", encoding: .utf8)
    for line in ["BM-A.1: \"no\"", "BM-C.3: \"0\"", "BM-A.2: \"yes\"", "date: \"2026-03-14\"", "round: \"baseline\"", "# Imported from central.csv, row 1, submission uuid:7"] {
      #expect(written.contains(line), "\(line) missing from\n\(written)")
    }
  }

  @Test func progressIsShownOnATerminalOnly() throws {
    let folder = try TemporaryFolder()
    let rows = (1...60).map { "Examplia,Agency \($0),yes" }
    let export = try folder.write("many.csv", (["country,agency,BM_A/BM_A_1"] + rows).joined(separator: "\n") + "\n")
    let arguments = ["import", "kobo", export.path, "--questionnaire", "border-management", "-o", folder.url.appendingPathComponent("out").path]
    let onTerminal = try AssessCLI.runWithTerminalStderr(arguments)
    #expect(onTerminal.status == 0, "\(onTerminal)")
    #expect(onTerminal.stderr.contains("checking submissions: 60 of 60"))
    let piped = try AssessCLI.run(arguments)
    #expect(piped.status == 0, "\(piped)")
    #expect(!piped.stderr.contains("checking submissions"))
    #expect(piped.stderr.contains("60 of 60 submissions imported"))
  }

  @Test func aKoboExportWithoutCountryIsRefused() throws {
    let folder = try TemporaryFolder()
    let export = try folder.write("export.csv", "start,BM_A/BM_A_1,mystery\n2026-01-01,yes,1\n")
    let imported = try AssessCLI.run(["import", "kobo", export.path, "--questionnaire", "border-management", "-o", folder.url.path])
    #expect(imported.status == 1)
    #expect(imported.stderr.contains("export.csv:1:1: error: the export has no `country` column"))
    #expect(imported.stderr.contains("export.csv:1:3: warning: column `mystery` names no question"))
  }

  // MARK: assess export csv / import csv

  @Test func aSpreadsheetRoundTripScoresTheSame() throws {
    let folder = try TemporaryFolder()
    let sheet = folder.url.appendingPathComponent("bp.csv").path
    let examplia = AssessCLI.packageRoot.appendingPathComponent("Examples/examplia/border-police.answers.yaml").path
    let exported = try AssessCLI.run(["export", "csv", "border-management", "--answers", examplia, "-o", sheet, "--separator", "semicolon"])
    #expect(exported.status == 0, "\(exported)")
    let imported = try AssessCLI.run(["import", "csv", sheet])
    #expect(imported.status == 0, "\(imported)")
    let home = try ScoreCLI.Home()
    #expect(try Self.areas(folder.url.appendingPathComponent("bp.answers.yaml").path, home: home) == Self.areas(examplia, home: home))
  }

  @Test func aBadCellIsLocatedAndNothingIsWritten() throws {
    let folder = try TemporaryFolder()
    let sheet = try folder.write(
      "s.csv",
      "\u{FEFF}questionnaire,item,value,notes\r\nrespondent,country,Examplia,\r\nborder-management,BM-A.1,yes,\"two\r\nlines\"\r\nborder-management,BM-C.3,lots,\r\n")
    let imported = try AssessCLI.run(["import", "csv", sheet.path])
    #expect(imported.status == 1)
    #expect(imported.stderr.contains("s.csv:5:3: error: item `BM-C.3` takes a number, not `lots`"), "\(imported.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("s.answers.yaml").path))
  }
}

/// Whether pyxform can be run, and running it.
enum Pyxform {
  static let required = ProcessInfo.processInfo.environment["ASSESS_REQUIRE_PYXFORM"] == "1"
  static let available: Bool = (try? run(["-c", "import pyxform"]).status) == 0

  static func convert(_ form: String, to xml: String) throws -> (status: Int32, output: String) {
    try run(["-m", "pyxform.xls2xform", form, xml])
  }

  private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    try runCollectingOutput("/usr/bin/env", ["python3"] + arguments)
  }
}

/// What people read, kept as golden files: re-record with `ASSESS_RECORD_GOLDEN=1`.
@Suite struct AnsweringGoldenTests {
  @Test func aSessionTranscript() throws {
    let folder = try TemporaryFolder()
    let run = try InteractiveProcess.run(
      ["answer", "border-management", "-o", "g.answers.yaml", "--country", "Examplia", "--agency", "Border Police", "--role", "Analyst"],
      input: ["partial", "?", "j BM-C.3", "0", "b", "x", "p", "q"], in: folder.url)
    #expect(run.status == 0, "\(run.stderr)")
    Golden.check(run.stdout, against: "answer-session.txt")
  }

  @Test func theBorderManagementTemplate() throws {
    let made = try AssessCLI.run(["template", "border-management", "--country", "Examplia"])
    #expect(made.status == 0, "\(made)")
    Golden.check(made.stdout, against: "template-border-management.yaml")
  }

  @Test func answerHelpTeachesWithExamples() throws {
    let help = try AssessCLI.run(["answer", "--help"])
    #expect(help.status == 0)
    Golden.check(help.stdout, against: "help-answer.txt")
  }
}

/// Export and import on a questionnaire with every kind of item, in English and French.
@Suite struct EveryKindInterchangeTests {
  static let questionnaire = AssessCLI.fixture("answering/every-kind.yaml")

  @Test(.enabled(if: Pyxform.available || Pyxform.required, "pyxform is not installed (python3 -m pip install pyxform)"))
  func everyKindInTwoLanguagesPassesPyxform() throws {
    try #require(Pyxform.available, "pyxform is required (ASSESS_REQUIRE_PYXFORM=1) but `python3 -m pyxform.xls2xform` does not run")
    let folder = try TemporaryFolder()
    let form = folder.url.appendingPathComponent("every-kind.xlsx").path
    let exported = try AssessCLI.run(["export", "xlsform", Self.questionnaire, "-o", form])
    #expect(exported.status == 0, "\(exported)")
    #expect(exported.stderr.contains("warning: K-2.d: relevance `score(${K-1}) < 0.5` is not carried over"), "\(exported.stderr)")
    let xml = folder.url.appendingPathComponent("every-kind.xml").path
    let converted = try Pyxform.convert(form, to: xml)
    #expect(converted.status == 0, "\(converted.output)")
    let xform = try String(contentsOfFile: xml, encoding: .utf8)
    for expected in [
      "lang=\"French (fr)\"", "Y a-t-il une loi ?", "nodeset=\"/data/K_1/K_1_b\" type=\"string\"", "calculate=\"( /data/K_2/K_2_a  * 2)\"",
      "nodeset=\"/data/K_2/K_2_e\" type=\"date\"", "None stands alone.",
    ] {
      #expect(xform.contains(expected), "\(expected)")
    }
  }

  @Test func koboImportReadsEveryKindAndLocatesAConstraint() throws {
    let folder = try TemporaryFolder()
    let header = "country,agency,K_1/K_1_a,K_1/K_1_b,K_1/K_1_b/interpreter,K_1/K_1_b/medical,K_1/K_1_b/none,K_2/K_2_a,K_2/K_2_b,K_2/K_2_c,K_2/K_2_d,K_2/K_2_e,meta/instanceID"
    let good = "Examplia,Ministry,Oui,interpreter medical,1,1,0,1,100,2,\"By phone, then \"\"in person\"\"\",2026-03-14,uuid:1"
    let bad = "Examplia,Police,yes,none interpreter,1,0,1,1,50,2,,2026-02-30,uuid:2"
    let export = try folder.write("e.csv", [header, good, bad].joined(separator: "\n") + "\n")
    let out = folder.url.appendingPathComponent("out").path
    let imported = try AssessCLI.run(["import", "kobo", export.path, "--questionnaire", Self.questionnaire, "-o", out])
    #expect(imported.status == 1)
    #expect(imported.stderr.contains("e.csv:3:4: error: item `K-1.b`: None stands alone."), "\(imported.stderr)")
    #expect(imported.stderr.contains("e.csv:3:9: error: item `K-2.b`: With one case the share is 0 or 100."), "\(imported.stderr)")
    #expect(imported.stderr.contains("e.csv:3:12: error: `2026-02-30` is not a date"), "\(imported.stderr)")
    #expect(imported.stderr.contains("e.csv:2:10: warning: item `K-2.c` is calculated"), "\(imported.stderr)")
    let written = try String(contentsOfFile: out + "/ministry-1.answers.yaml", encoding: .utf8)
    for line in ["K-1.a: \"yes\"", "K-1.b: [\"interpreter\", \"medical\"]", "K-2.d: \"By phone, then \\\"in person\\\"\"", "K-2.e: \"2026-03-14\""] {
      #expect(written.contains(line), "\(line) missing from\n\(written)")
    }
  }
}
