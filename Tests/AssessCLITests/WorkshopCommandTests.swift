import Foundation
import Testing

/// `assess workshop` through the built binary: the discussion list, the consensus file (which
/// must validate and score), anonymity, malformed inputs and progress.
@Suite("assess workshop")
struct WorkshopCommandTests {
  static let examplia = "Examples/examplia/workshop"
  static let files = ["child-protection", "ngo", "police"].map { "\(examplia)/\($0).answers.yaml" }
  static let disagreements: Set<String> = ["BM-A.2", "BM-A.3", "BM-B.5", "BM-C.1", "BM-C.6", "BM-D.1", "BM-D.4"]
  static let agencies = ["National Police", "Child Protection Agency", "Safe Passage Examplia"]

  /// The item ids of the discussion list in text output: lines such as `    1. BM-C.1 critical  IQR 4 …`.
  static func discussed(_ stdout: String) -> [String] {
    CommandResult.lines(stdout).compactMap { line in
      line.firstMatch(of: #/^\s+\d+\. ([A-Z]+-[A-Z]+\.\d+) /#).map { String($0.1) }
    }
  }

  @Test("the three Examplia respondents: the items they disagree on are listed for discussion")
  func exampliaDiscussion() throws {
    let result = try AssessCLI.run(["workshop"] + Self.files)
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(Set(Self.discussed(result.stdout)) == Self.disagreements, "\(result)")
    #expect(Self.discussed(result.stdout).count == Self.disagreements.count)
    #expect(result.stdout.contains("To discuss: 7 of 33 items"))
  }

  struct WorkshopJSON: Decodable {
    struct Area: Decodable {
      struct Entry: Decodable {
        var item: String
        var rank: Int
      }
      struct Item: Decodable {
        struct Spread: Decodable { var iqr: Double }
        var id: String
        var agreement: Double?
        var levels: Spread?
        var proposed: [String]?
      }
      var discussion: [Entry]
      var items: [Item]
    }
    var format: String
    var areas: [Area]
  }

  @Test("--format json gives every statistic, and the same bytes twice")
  func json() throws {
    let first = try AssessCLI.run(["workshop", "--format", "json", Self.examplia])
    let second = try AssessCLI.run(["workshop", "--format", "json", Self.examplia])
    #expect(first.status == 0, "\(first)")
    #expect(first.stdout == second.stdout)
    let summary = try JSONDecoder().decode(WorkshopJSON.self, from: Data(first.stdout.utf8))
    #expect(summary.format == "assess/workshop@1")
    let area = try #require(summary.areas.first)
    #expect(Set(area.discussion.map(\.item)) == Self.disagreements)
    let force = try #require(area.items.first { $0.id == "BM-C.1" })
    #expect(force.levels?.iqr == 4)
    #expect(abs((force.agreement ?? 0) - 1.0 / 3) < 1e-9)
    #expect(force.proposed == ["partial"])
  }

  @Test("-o writes a consensus file that validates with --strict, keeps each respondent's answer, and scores")
  func consensusFile() throws {
    let folder = try TemporaryFolder()
    let consensus = folder.url.appendingPathComponent("consensus.answers.yaml").path
    let result = try AssessCLI.run(["workshop", "-o", consensus] + Self.files)
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.contains("wrote \(consensus)"), "\(result)")
    let text = try String(contentsOfFile: consensus, encoding: .utf8)
    for agency in ["National Police, border directorate", "Child Protection Agency", "Safe Passage Examplia"] {
      #expect(text.components(separatedBy: "respondent: \"\(agency)\"").count - 1 == 33, "every item (BM-B.1 answered not applicable too) keeps \(agency)'s answer")
    }
    #expect(text.contains("# DISCUSS #1: IQR of 4 levels is above 1; critical"))
    let validate = try AssessCLI.run(["validate", "--strict", consensus])
    #expect(validate.status == 0, "\(validate)")
    let score = try AssessCLI.run(["score", consensus])
    #expect(score.status == 0, "\(score)")
    #expect(score.stdout.contains("Workshop consensus (workshop-2026-04)"), "\(score)")
    // A second run refuses to overwrite the facilitator's edits.
    let again = try AssessCLI.run(["workshop", "-o", consensus] + Self.files)
    #expect(again.status == 64, "\(again)")
    #expect(again.stderr.contains("--force"), "\(again)")
    let forced = try AssessCLI.run(["workshop", "--force", "-o", consensus] + Self.files)
    #expect(forced.status == 0, "\(forced)")
  }

  @Test("--anonymous hides agencies and file names, in the summary and in the consensus file")
  func anonymous() throws {
    let folder = try TemporaryFolder()
    let consensus = folder.url.appendingPathComponent("anonymous.answers.yaml").path
    let result = try AssessCLI.run(["workshop", "--anonymous", "-o", consensus] + Self.files)
    #expect(result.status == 0, "\(result)")
    let text = try String(contentsOfFile: consensus, encoding: .utf8)
    for agency in Self.agencies {
      #expect(!result.stdout.contains(agency), "\(agency) in the summary")
      #expect(!text.contains(agency), "\(agency) in the consensus file")
    }
    #expect(!result.stdout.contains(".answers.yaml"))
    #expect(result.stdout.contains("Respondent 1") && result.stdout.contains("Respondent 3"))
    #expect(text.contains("respondent: \"Respondent 2\""))
  }

  @Test("a single respondent is refused with a located error that says what to name")
  func singleRespondent() throws {
    let alone = AssessCLI.fixture("workshop/alone.answers.yaml")
    let result = try AssessCLI.run(["workshop", alone])
    #expect(result.status == 1, "\(result)")
    #expect(result.stdout.isEmpty)
    let line = try #require(result.stderrLines.compactMap(DiagnosticLine.init).first, "\(result)")
    #expect(line.file == alone && line.line == 1 && line.column == 1 && line.code == "workshop.input")
    #expect(line.text.contains("at least two respondents"))
  }

  @Test("respondents who answer different questionnaires are refused, each file located")
  func mixedQuestionnaires() throws {
    let other = AssessCLI.fixture("workshop/other-questionnaire.answers.yaml")
    let result = try AssessCLI.run(["workshop", Self.files[0], other])
    #expect(result.status == 1, "\(result)")
    let lines = result.stderrLines.compactMap(DiagnosticLine.init)
    #expect(lines.map(\.code) == ["workshop.input", "workshop.input"], "\(result)")
    #expect(lines.map { "\($0.file):\($0.line):\($0.column)" } == ["\(other):1:1", "\(other):6:9"])
    #expect(lines.contains { $0.text.contains("answers `child-protection`, which \(Self.files[0]) does not") })
  }

  @Test("a consensus file among the respondents is refused, not counted as one more respondent")
  func consensusAmongRespondents() throws {
    let folder = try TemporaryFolder()
    for file in Self.files {
      try folder.write((file as NSString).lastPathComponent, try String(contentsOfFile: AssessCLI.packageRoot.appendingPathComponent(file).path, encoding: .utf8))
    }
    let consensus = folder.url.appendingPathComponent("consensus.answers.yaml").path
    let first = try AssessCLI.run(["workshop", "-o", consensus, folder.url.path])
    #expect(first.status == 0, "\(first)")
    let second = try AssessCLI.run(["workshop", folder.url.path])
    #expect(second.status == 1, "\(second)")
    let line = try #require(second.stderrLines.compactMap(DiagnosticLine.init).first, "\(second)")
    #expect(line.file == consensus && line.code == "workshop.input" && line.text.contains("consensus file"), "\(second)")
  }

  @Test("an answers file with errors stops the workshop before anything is written")
  func invalidAnswers() throws {
    let folder = try TemporaryFolder()
    let consensus = folder.url.appendingPathComponent("c.answers.yaml").path
    let result = try AssessCLI.run(["workshop", "-o", consensus, Self.files[0], AssessCLI.fixture("bad/wrong.answers.yaml")])
    #expect(result.status == 1, "\(result)")
    #expect(!result.stderrLines.compactMap(DiagnosticLine.init).isEmpty, "\(result)")
    #expect(!FileManager.default.fileExists(atPath: consensus))
  }

  @Test("progress shows on a terminal, and never in a pipe")
  func progress() throws {
    let terminal = try AssessCLI.runWithTerminalStderr(["workshop"] + Self.files)
    #expect(terminal.status == 0, "\(terminal)")
    #expect(terminal.stderr.contains("[3/3] answers files"), "\(terminal)")
    let piped = try AssessCLI.run(["workshop"] + Self.files)
    #expect(!piped.stderr.contains("answers files"))
  }
}
