import Foundation
import Testing

@Suite("help and version")
struct HelpTests {
  static let helpInvocations: [[String]] = [
    ["--help"], ["validate", "--help"], ["list", "--help"], ["help", "validate"], ["help", "list"], ["-h"],
  ]

  @Test("every --help exits 0 on stdout and shows a worked example", arguments: helpInvocations)
  func help(arguments: [String]) throws {
    let result = try AssessCLI.run(arguments)
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(result.stdoutLines.contains { $0.hasPrefix("  assess ") }, "a line starting with `  assess `\n\(result)")
    #expect(result.stdout.contains("USAGE: assess"), "\(result)")
  }

  @Test("subcommand help names its own options", arguments: [
    ("validate", ["--strict", "--format", "--max-file-size", "Exit codes"]),
    ("list", ["--format", "--plugins", "ASSESS_PLUGIN_PATH", "ASSESS_HOME"]),
  ])
  func subcommandHelpContent(command: String, words: [String]) throws {
    let result = try AssessCLI.run([command, "--help"])
    #expect(result.status == 0)
    for word in words {
      #expect(result.stdout.contains(word), "`\(word)` in `assess \(command) --help`\n\(result)")
    }
  }

  @Test("worked examples do not wrap into the left margin at 80 columns", arguments: [["--help"], ["validate", "--help"], ["list", "--help"]])
  func examplesStayIndented(arguments: [String]) throws {
    let result = try AssessCLI.run(arguments, environment: ["COLUMNS": "80"])
    let lines = result.stdoutLines
    var broken: [String] = []
    for (index, line) in lines.enumerated() where line.hasPrefix("  assess ") && index + 1 < lines.count {
      let next = lines[index + 1]
      if !next.isEmpty && !next.hasPrefix(" ") { broken.append(line + "⏎" + next) }
    }
    #expect(broken.isEmpty, "\(broken)")
  }

  @Test("the help's pointer to the diagnostic codes leads to a file that exists")
  func diagnosticsDocumentExists() throws {
    let result = try AssessCLI.run(["validate", "--help"])
    #expect(result.stdout.contains("Docs/diagnostics.md"), "\(result)")
    let document = AssessCLI.packageRoot.appendingPathComponent("Docs/diagnostics.md")
    #expect(FileManager.default.fileExists(atPath: document.path), "\(document.path)")
  }

  @Test("--version prints the version alone")
  func version() throws {
    let result = try AssessCLI.run(["--version"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdoutLines.count == 1, "\(result)")
    #expect(result.stdoutLines.first?.wholeMatch(of: #/\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?/#) != nil, "\(result)")
  }

  @Test("no subcommand prints the overview, with its worked examples, and exits 0")
  func noSubcommand() throws {
    let result = try AssessCLI.run([])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    #expect(result.stdout.contains("USAGE: assess <subcommand>"), "\(result)")
    #expect(result.stdoutLines.contains { $0.hasPrefix("  assess validate ") }, "\(result)")
  }
}

@Suite("colour")
struct ColourTests {
  static let escape = "\u{1B}["
  static let failing = ["validate", AssessCLI.fixture("bad/typos.yaml")]

  @Test(
    "no ANSI escapes when stderr is a pipe, whatever NO_COLOR says",
    arguments: [
      (["validate"] + [AssessCLI.fixture("bad/typos.yaml")], nil as String?),
      (["validate"] + [AssessCLI.fixture("bad/typos.yaml")], "1"),
      (["validate", "Questionnaires", "Examples"], nil),
      (["validate", "--format", "json", AssessCLI.fixture("bad/typos.yaml")], nil),
      (["list", "--plugins", AssessCLI.fixture("partner-modules")], nil),
      (["validate", "--bogus"], nil),
    ])
  func noColourThroughPipes(arguments: [String], noColour: String?) throws {
    let result = try AssessCLI.run(arguments, environment: ["NO_COLOR": noColour, "TERM": "xterm-256color"])
    #expect(!result.stdout.isEmpty || !result.stderr.isEmpty, "\(result)")
    #expect(!result.stdout.contains(Self.escape), "\(result)")
    #expect(!result.stderr.contains(Self.escape), "\(result)")
  }

  @Test("stderr on a terminal is coloured, unless NO_COLOR is set to something", arguments: [
    (nil as String?, true), ("", true), ("1", false), ("0", false),
  ])
  func colourOnTerminal(noColour: String?, coloured: Bool) throws {
    let result = try AssessCLI.runWithTerminalStderr(Self.failing, environment: ["NO_COLOR": noColour, "TERM": "xterm-256color"])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("[ref.unknown-scale]") || result.stderr.contains("ref.unknown-scale"), "\(result)")
    #expect(result.stderr.contains(Self.escape) == coloured, "\(result)")
    #expect(!result.stdout.contains(Self.escape), "stdout is a pipe\n\(result)")
  }

  @Test("TERM=dumb turns colour off on a terminal")
  func dumbTerminal() throws {
    let result = try AssessCLI.runWithTerminalStderr(Self.failing, environment: ["NO_COLOR": nil, "TERM": "dumb"])
    #expect(result.status == 1, "\(result)")
    #expect(!result.stderr.contains(Self.escape), "\(result)")
  }
}
