import Foundation
import Testing

/// Checks the text output of a failing `assess validate` run against the contract: nothing on
/// stdout, every stderr line a located diagnostic but the last, which is the summary.
/// Returns the parsed diagnostics and summary.
@discardableResult
func expectFailingTextOutput(
  _ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation
) throws -> (diagnostics: [DiagnosticLine], summary: SummaryLine) {
  #expect(!result.uncaughtSignal, "assess crashed\n\(result)", sourceLocation: sourceLocation)
  #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
  #expect(result.stdout.isEmpty, "a failing run writes nothing on stdout\n\(result)", sourceLocation: sourceLocation)
  #expect(leaks(in: result.stdout + result.stderr).isEmpty, "internal details leaked\n\(result)", sourceLocation: sourceLocation)
  #expect(result.stderr.hasSuffix("\n"), "stderr ends with a newline\n\(result)", sourceLocation: sourceLocation)
  let lines = result.stderrLines
  let last = try #require(lines.last, "no output on stderr\n\(result)", sourceLocation: sourceLocation)
  let summary = try #require(SummaryLine(last), "the last stderr line is not a summary: \(last)", sourceLocation: sourceLocation)
  var diagnostics: [DiagnosticLine] = []
  for line in lines.dropLast() {
    if let diagnostic = DiagnosticLine(line) {
      diagnostics.append(diagnostic)
    } else if line.hasPrefix(DiagnosticLine.snippetIndent) && !diagnostics.isEmpty {
      continue  // the expression and caret shown under a diagnostic about an expression
    } else {
      Issue.record("not a `file:line:col: severity: message [code]` line: \(line)", sourceLocation: sourceLocation)
    }
  }
  #expect(summary.errors == diagnostics.count { $0.severity == "error" }, "\(result)", sourceLocation: sourceLocation)
  #expect(summary.warnings == diagnostics.count { $0.severity == "warning" }, "\(result)", sourceLocation: sourceLocation)
  return (diagnostics, summary)
}

@Suite("assess validate")
struct ValidateCommandTests {
  // MARK: 1. The shipped content

  @Test("the shipped questionnaire and Examplia answers are valid")
  func shippedContentIsValid() throws {
    let result = try AssessCLI.run(["validate", "Questionnaires", "Examples"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(result.stdoutLines.count == 1, "\(result)")
    let summary = try #require(result.stdoutLines.last.flatMap(SummaryLine.init), "\(result)")
    #expect(summary == SummaryLine(AssessCLI.shippedSummary), "\(result)")
  }

  @Test("a passing run with warnings prints them on stderr and the summary on stdout")
  func warningsAloneDoNotFail() throws {
    let file = AssessCLI.fixture("warn-only/missing-translation.yaml")
    let result = try AssessCLI.run(["validate", file])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdoutLines == ["0 errors, 1 warning in 1 file"], "\(result)")
    let diagnostics = result.stderrLines.compactMap(DiagnosticLine.init)
    #expect(diagnostics.count == result.stderrLines.count, "\(result)")
    #expect(diagnostics.map(\.code) == ["i18n.missing-translation"], "\(result)")
    #expect(diagnostics.first?.file == file, "\(result)")
  }

  // MARK: 2. One malformed file

  @Test(
    "a malformed file gives located, coded diagnostics and no internals",
    arguments: [
      ("bad/broken-syntax.yaml", "yaml.syntax"),
      ("bad/wrong-shapes.yaml", "schema.type-mismatch"),
      ("bad/typos.yaml", "schema.unknown-key"),
      ("bad/wrong.answers.yaml", "answer.invalid-option"),
      ("bad/modules/org.example.no-program/evaluator.yaml", "module.program"),
      ("bad/modules/org.example.misnamed/evaluator.yaml", "ref.unknown-actor"),
      ("bad/modules/org.example.bad-expressions/evaluator.yaml", "expr.syntax"),
      ("hostile/billion-laughs.yaml", "yaml.alias-budget"),
    ])
  func malformedFile(fixture: String, expectedCode: String) throws {
    let file = AssessCLI.fixture(fixture)
    let result = try AssessCLI.run(["validate", file])
    let (diagnostics, summary) = try expectFailingTextOutput(result)
    #expect(!diagnostics.isEmpty, "\(result)")
    #expect(diagnostics.allSatisfy { $0.file == file }, "every diagnostic names the file as given\n\(result)")
    #expect(diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 }, "\(result)")
    #expect(diagnostics.contains { $0.code == expectedCode }, "expected [\(expectedCode)]\n\(result)")
    #expect(summary.files == 1, "\(result)")
  }

  /// Files that are not YAML text at all, written at test time (no binary files in the repository).
  static let unreadableFiles: [(name: String, bytes: [UInt8], code: String)] = [
    ("empty.yaml", [], "file.empty"),
    ("binary.yaml", Array("schema: assess/questionnaire@1".utf8) + [0, 1, 2, 10], "file.binary"),
    ("latin1.yaml", Array("schema: assess/answers@1\ntitle: caf".utf8) + [0xE9, 10], "file.encoding"),
    ("no-schema.yaml", Array("title: what am I?\n".utf8), "file.unknown-kind"),
    ("future.yaml", Array("schema: assess/questionnaire@2\n".utf8), "file.unknown-kind"),
    ("two-documents.yaml", Array("---\nschema: assess/answers@1\n---\nschema: assess/answers@1\n".utf8), "yaml.multiple-documents"),
    ("duplicate-key.yaml", Array("schema: assess/answers@1\nschema: assess/answers@1\n".utf8), "yaml.duplicate-key"),
    ("notes.txt", Array("just some text\n".utf8), "schema.type-mismatch"),
  ]

  @Test("a file that is not a YAML document of a known kind is reported, not crashed on", arguments: unreadableFiles)
  func unreadableFile(name: String, bytes: [UInt8], code: String) throws {
    let folder = try TemporaryFolder()
    try folder.write(name, bytes)
    let result = try AssessCLI.run(["validate", name], in: folder.url)
    let (diagnostics, _) = try expectFailingTextOutput(result)
    #expect(diagnostics.map(\.code) == [code], "\(result)")
    #expect(diagnostics.allSatisfy { $0.file == name }, "\(result)")
  }

  @Test("a problem in an expression is followed by the expression and a caret under the spot")
  func expressionSnippets() throws {
    let file = AssessCLI.fixture("bad/modules/org.example.bad-expressions/evaluator.yaml")
    let result = try AssessCLI.run(["validate", file])
    let (diagnostics, _) = try expectFailingTextOutput(result)
    #expect(diagnostics.map(\.code) == ["expr.syntax", "expr.unknown-reference", "expr.unknown-option"], "\(result)")
    let lines = Array(result.stderrLines.dropLast())
    var index = 0
    while index < lines.count {
      guard DiagnosticLine(lines[index]) != nil else {
        Issue.record("expected a diagnostic line at \(index): \(lines[index])")
        break
      }
      let snippet = lines.dropFirst(index + 1).prefix { $0.hasPrefix(DiagnosticLine.snippetIndent) }
      #expect(snippet.count == 2, "an expression diagnostic shows the expression and a caret line\n\(result)")
      if snippet.count == 2 {
        let expression = String(snippet[snippet.startIndex].dropFirst(4))
        let caret = String(snippet[snippet.startIndex + 1].dropFirst(4))
        #expect(caret.wholeMatch(of: #/ *\^~*/#) != nil, "a caret line: `\(caret)`")
        let start = caret.prefix { $0 == " " }.count
        #expect(start <= expression.count && caret.count <= expression.count + 1, "the caret lies under the expression\n\(result)")
      }
      index += 1 + snippet.count
    }
    // The caret marks the text the message is about.
    let unknownItem = try #require(lines.firstIndex { $0.contains("[expr.unknown-reference]") })
    let expression = String(lines[unknownItem + 1].dropFirst(4))
    let caret = String(lines[unknownItem + 2].dropFirst(4))
    let start = caret.prefix { $0 == " " }.count
    let marked = expression.dropFirst(start).prefix(caret.count - start)
    #expect(marked == "${BM-A.99}", "\(result)")
  }

  // MARK: 3. Several files at once

  static let badFiles = ["bad/typos.yaml", "bad/wrong.answers.yaml", "bad/broken-syntax.yaml", "bad/wrong-shapes.yaml"]

  @Test(
    "several files: each reported, in the order given, by line within a file",
    arguments: [badFiles, badFiles.reversed(), [badFiles[1], badFiles[3], badFiles[0], badFiles[2]]])
  func severalFiles(order: [String]) throws {
    let files = order.map(AssessCLI.fixture)
    let result = try AssessCLI.run(["validate"] + files)
    let (diagnostics, summary) = try expectFailingTextOutput(result)
    #expect(summary.files == files.count, "\(result)")
    // The files in the order their diagnostics appear, each once.
    var reported: [String] = []
    for diagnostic in diagnostics where reported.last != diagnostic.file {
      reported.append(diagnostic.file)
    }
    #expect(reported == files, "diagnostics grouped by file, in the order the files were named\n\(result)")
    for file in files {
      let places = diagnostics.filter { $0.file == file }.map { [$0.line, $0.column] }
      #expect(places == places.sorted { $0.lexicographicallyPrecedes($1) }, "\(file) sorted by line and column\n\(result)")
    }
  }

  @Test("a folder is searched for YAML files, each reported once, in path order")
  func folderExpansion() throws {
    let folder = AssessCLI.fixture("bad")
    let result = try AssessCLI.run(["validate", folder, AssessCLI.fixture("bad/typos.yaml")])
    let (diagnostics, summary) = try expectFailingTextOutput(result)
    #expect(summary.files == 7, "the typos file is named twice but checked once\n\(result)")
    let reported = diagnostics.map(\.file).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
    #expect(reported == reported.sorted(), "\(result)")
    #expect(Set(reported).count == reported.count, "\(result)")
    #expect(reported.allSatisfy { $0.hasPrefix(folder + "/") }, "\(result)")
  }

  // MARK: 4. JSON

  @Test("--format json reports files, diagnostics and summary on stdout", arguments: [false, true])
  func jsonReport(failing: Bool) throws {
    let paths = failing ? Self.badFiles.map(AssessCLI.fixture) : ["Questionnaires", "Examples"]
    let result = try AssessCLI.run(["validate", "--format", "json"] + paths)
    #expect(result.status == (failing ? 1 : 0), "\(result)")
    #expect(result.stderr.isEmpty, "JSON mode keeps stderr clean for scripts\n\(result)")
    let report = try JSONDecoder().decode(ValidationReportJSON.self, from: Data(result.stdout.utf8))
    #expect(report.format == "assess/validation@1")
    #expect(report.summary.files == report.files.count)
    #expect(report.summary.errors == report.diagnostics.count { $0.severity == "error" })
    #expect(report.summary.warnings == report.diagnostics.count { $0.severity == "warning" })
    #expect(report.diagnostics.allSatisfy { ["error", "warning"].contains($0.severity) })
    #expect(report.diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 && !$0.message.isEmpty && !$0.code.isEmpty })
    if failing {
      #expect(report.files.map(\.path) == paths)
      #expect(report.summary.errors > 0)
      // The JSON and text reports say the same thing, in the same order.
      let text = try AssessCLI.run(["validate"] + paths)
      #expect(report.diagnostics.map(\.textLine) == DiagnosticLine.withoutSnippets(text.stderrLines.dropLast()), "\(text)")
    } else {
      #expect(report.diagnostics.isEmpty)
      #expect(Set(report.files.compactMap(\.kind)) == ["questionnaire", "answers"])
      #expect(report.files.count == AssessCLI.shippedFiles(in: ["Questionnaires", "Examples"]).count)
    }
  }

  @Test("--format json with --strict fails on warnings and still prints the report")
  func jsonStrict() throws {
    let file = AssessCLI.fixture("warn-only/missing-translation.yaml")
    let lenient = try AssessCLI.run(["validate", "--format", "json", file])
    let strict = try AssessCLI.run(["validate", "--format", "json", "--strict", file])
    #expect(lenient.status == 0, "\(lenient)")
    #expect(strict.status == 1, "\(strict)")
    #expect(lenient.stdout == strict.stdout)
    let report = try JSONDecoder().decode(ValidationReportJSON.self, from: Data(strict.stdout.utf8))
    #expect(report.summary == .init(files: 1, errors: 0, warnings: 1))
  }

  // MARK: 5. --strict

  @Test("--strict makes a warning fail the run")
  func strictFailsOnWarnings() throws {
    let file = AssessCLI.fixture("warn-only/missing-translation.yaml")
    let lenient = try AssessCLI.run(["validate", file])
    #expect(lenient.status == 0, "\(lenient)")
    let strict = try AssessCLI.run(["validate", "--strict", file])
    let (diagnostics, summary) = try expectFailingTextOutput(strict)
    #expect(diagnostics.map(\.code) == ["i18n.missing-translation"], "\(strict)")
    #expect(summary.strictNote, "the summary says why a warnings-only run failed\n\(strict)")
    #expect(summary.errors == 0 && summary.warnings == 1)
  }

  @Test("--strict on clean files still passes")
  func strictOnCleanFiles() throws {
    let result = try AssessCLI.run(["validate", "--strict", "Questionnaires", "Examples"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdoutLines == [AssessCLI.shippedSummary], "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
  }

  // MARK: 6. Usage errors

  @Test(
    "usage errors exit 64 and name the problem",
    arguments: [
      (["validate", "--bogus"], "--bogus"),
      (["validate", "no/such/file.yaml"], "no/such/file.yaml"),
      (["validate", "Questionnaires", "missing-folder"], "missing-folder"),
      (["validate", "--max-file-size", "nonsense", "Questionnaires"], "nonsense"),
      (["validate", "--max-file-size", "0", "Questionnaires"], "--max-file-size"),
      (["validate", "--format", "xml", "Questionnaires"], "xml"),
      (["list", "--plugins", "no-such-plugins"], "no-such-plugins"),
      (["list", "--format", "yaml"], "yaml"),
      (["frobnicate"], "frobnicate"),
    ])
  func usageError(arguments: [String], mentioned: String) throws {
    let result = try AssessCLI.run(arguments)
    #expect(result.status == 64, "\(result)")
    #expect(!result.uncaughtSignal, "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    #expect(result.stderr.contains(mentioned), "the message names `\(mentioned)`\n\(result)")
    #expect(result.stderr.contains("Usage: assess") || result.stderr.contains("--help"), "\(result)")
    #expect(leaks(in: result.stderr).isEmpty, "\(result)")
  }

  // MARK: 7. --max-file-size

  @Test("--max-file-size refuses larger files with file.too-large")
  func maxFileSize() throws {
    let result = try AssessCLI.run(["validate", "--max-file-size", "1KB", "Questionnaires/border-management.yaml"])
    let (diagnostics, _) = try expectFailingTextOutput(result)
    #expect(diagnostics.map(\.code) == ["file.too-large"], "\(result)")
    #expect(diagnostics.first?.file == "Questionnaires/border-management.yaml")
    #expect(diagnostics.first?.text.contains("--max-file-size") == true, "the message says how to raise the cap\n\(result)")

    let roomy = try AssessCLI.run(["validate", "--max-file-size", "1MB", "Questionnaires/border-management.yaml"])
    #expect(roomy.status == 0, "\(roomy)")
    let bytes = try AssessCLI.run(["validate", "--max-file-size", "1048576", "Questionnaires/border-management.yaml"])
    #expect(bytes.status == 0, "\(bytes)")
  }

  @Test("a file just above the cap is described with sizes that differ")
  func tooLargeMessageIsPrecise() throws {
    // The partner rules manifest is about 1.7 KB; with a 1 KB cap the message must not read
    // "file is 1 KB, above the 1 KB cap".
    let file = AssessCLI.fixture("partner-modules/org.example.partner-rules/evaluator.yaml")
    let result = try AssessCLI.run(["validate", "--max-file-size", "1KB", file])
    let (diagnostics, _) = try expectFailingTextOutput(result)
    let message = try #require(diagnostics.first { $0.code == "file.too-large" }, "\(result)").text
    let sizes = message.matches(of: #/(\d+(?:\.\d+)?) ?(KB|MB|GB|bytes|B)\b/#).map { "\($0.1) \($0.2)" }
    #expect(sizes.count == 2 && sizes[0] != sizes[1], "the file's size and the cap read differently: \(message)")
  }

  @Test("--max-file-size limits the files checked, not the toolkit's own questionnaires")
  func maxFileSizeDoesNotHideToolkitQuestionnaires() throws {
    // The executable module's manifest is small; the toolkit questionnaire it applies to is not.
    let file = AssessCLI.fixture("partner-modules/org.example.partner-ranker/evaluator.yaml")
    let result = try AssessCLI.run(["validate", "--max-file-size", "1KB", file])
    #expect(result.status == 0, "\(result)")
    #expect(!result.stderr.contains("was found"), "\(result)")
  }

  // MARK: Defaults and odd inputs

  @Test("with no path, the current folder is checked")
  func defaultPathIsCurrentFolder() throws {
    let folder = AssessCLI.fixtures.appendingPathComponent("partner-modules")
    let result = try AssessCLI.run(["validate"], in: folder)
    #expect(result.status == 0, "\(result)")
    #expect(result.stdoutLines == ["2 files valid"], "\(result)")
    let bad = try AssessCLI.run(["validate"], in: AssessCLI.fixtures.appendingPathComponent("hostile"))
    let (diagnostics, _) = try expectFailingTextOutput(bad)
    #expect(diagnostics.map(\.code) == ["yaml.alias-budget"], "\(bad)")
  }

  @Test("a folder with no YAML files is reported rather than passed as valid")
  func emptyFolderIsReported() throws {
    let folder = try TemporaryFolder()
    try folder.makeFolder("nothing-here")
    try folder.write("nothing-here/readme.txt", "not YAML\n")
    let result = try AssessCLI.run(["validate", "nothing-here"], in: folder.url)
    #expect(!result.uncaughtSignal)
    #expect(result.stderr.contains("nothing-here"), "the empty folder is named in a message\n\(result)")
    #expect(result.stdout != "0 files valid\n", "\(result)")
    #expect(result.status == 1, "\(result)")
  }

  // MARK: 10. The partner module fixtures

  @Test("the partner modules validate cleanly against the toolkit questionnaire")
  func partnerModulesAreValid() throws {
    let ranker = AssessCLI.fixtures.appendingPathComponent("partner-modules/org.example.partner-ranker/bin/rank.sh")
    #expect(FileManager.default.isExecutableFile(atPath: ranker.path), "the fixture program must be executable (chmod +x)")
    let result = try AssessCLI.run(["validate", "--strict", AssessCLI.fixture("partner-modules")])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(result.stdoutLines == ["2 files valid"], "\(result)")
  }

  @Test("the partner modules are matched against the toolkit questionnaire, found through ASSESS_HOME")
  func partnerModulesNeedTheQuestionnaire() throws {
    // Without a toolkit, the rules module applies to nothing: a warning, not silence.
    let home = try TemporaryFolder()
    let result = try AssessCLI.run(
      ["validate", AssessCLI.fixture("partner-modules/org.example.partner-rules/evaluator.yaml")],
      environment: ["ASSESS_HOME": home.url.path])
    #expect(result.status == 0, "\(result)")
    let diagnostics = result.stderrLines.compactMap(DiagnosticLine.init)
    #expect(diagnostics.map(\.code) == ["catalog.unmatched"], "\(result)")
  }

  // MARK: 12. Hostile input

  @Test("a billion-laughs file is refused with yaml.alias-budget")
  func billionLaughs() throws {
    let result = try AssessCLI.run(["validate", AssessCLI.fixture("hostile/billion-laughs.yaml")])
    let (diagnostics, _) = try expectFailingTextOutput(result)
    #expect(diagnostics.map(\.code) == ["yaml.alias-budget"], "\(result)")
    #expect(result.stderr.contains("[yaml.alias-budget]"))
  }

  @Test("deeply nested input is refused, not a stack overflow")
  func deepNesting() throws {
    let folder = try TemporaryFolder()
    let depth = 100_000
    try folder.write("deep.yaml", "schema: assess/questionnaire@1\nx: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n")
    let result = try AssessCLI.run(["validate", "deep.yaml"], in: folder.url)
    let (diagnostics, _) = try expectFailingTextOutput(result)
    #expect(diagnostics.count == 1, "\(result)")
    #expect(diagnostics.allSatisfy { $0.file == "deep.yaml" }, "\(result)")
  }
}
