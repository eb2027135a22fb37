import Foundation
import Testing

/// One line of `assess validate` text output: `file:line:col: severity: message; hint [code]`.
struct DiagnosticLine: Equatable, CustomStringConvertible {
  var file: String
  var line: Int
  var column: Int
  var severity: String
  var text: String
  var code: String

  /// The contract's pattern for a diagnostic line.
  static func pattern() -> Regex<(Substring, Substring, Substring, Substring, Substring, Substring, Substring)> {
    #/^([^:]+):(\d+):(\d+): (error|warning): (.+) \[([a-z0-9.-]+)\]$/#
  }

  init?(_ text: String) {
    guard let match = text.wholeMatch(of: Self.pattern()), let line = Int(match.2), let column = Int(match.3) else {
      return nil
    }
    file = String(match.1)
    self.line = line
    self.column = column
    severity = String(match.4)
    self.text = String(match.5)
    code = String(match.6)
  }

  var description: String { "\(file):\(line):\(column): \(severity): \(text) [\(code)]" }

  /// How the lines under a diagnostic about an expression (the expression, then a caret) start.
  static let snippetIndent = "    "

  /// The diagnostic lines of text output, without the expression-and-caret lines under some of them.
  static func withoutSnippets(_ lines: some Sequence<String>) -> [String] {
    lines.filter { !$0.hasPrefix(snippetIndent) }
  }
}

/// The closing line of `assess validate`: "2 files valid" or "3 errors, 1 warning in 2 files",
/// with " (warnings fail with --strict)" when only warnings failed a strict run.
struct SummaryLine: Equatable {
  var errors: Int
  var warnings: Int
  var files: Int
  var strictNote: Bool

  init?(_ text: String) {
    if let match = text.wholeMatch(of: #/^(\d+) files? valid$/#), let files = Int(match.1) {
      self.errors = 0
      self.warnings = 0
      self.files = files
      strictNote = false
      return
    }
    guard
      let match = text.wholeMatch(of: #/^(\d+) errors?, (\d+) warnings? in (\d+) files?( \(warnings fail with --strict\))?$/#),
      let errors = Int(match.1), let warnings = Int(match.2), let files = Int(match.3)
    else { return nil }
    self.errors = errors
    self.warnings = warnings
    self.files = files
    strictNote = match.4 != nil
  }
}

/// The `--format json` report of `assess validate`.
struct ValidationReportJSON: Decodable, Equatable {
  struct File: Decodable, Equatable {
    var path: String
    var kind: String?
  }

  struct Entry: Decodable, Equatable {
    var file: String
    var line: Int
    var column: Int
    var severity: String
    var code: String
    var message: String
    var hint: String?

    /// The same diagnostic as the text format prints it.
    var textLine: String {
      "\(file):\(line):\(column): \(severity): \(message)\(hint.map { "; \($0)" } ?? "") [\(code)]"
    }
  }

  struct Summary: Decodable, Equatable {
    var files: Int
    var errors: Int
    var warnings: Int
  }

  var format: String
  var files: [File]
  var diagnostics: [Entry]
  var summary: Summary
}

/// The `--format json` output of `assess list`.
struct ListingJSON: Decodable, Equatable {
  struct Row: Decodable, Equatable {
    var id: String
    var version: String
    var title: String
    var kind: String
    var origin: String
    var path: String
  }

  var questionnaires: [Row]
  var modules: [Row]
  var searched: [String]
}

/// A row of the `assess list` text table, split into its columns.
struct ListingRow: Equatable {
  var id: String
  var version: String
  var kind: String
  var origin: String
  var file: String
  var title: String

  /// Parses every table row (two-space indent, not the header) of `assess list` text output.
  static func rows(in output: String) -> [ListingRow] {
    CommandResult.lines(output).compactMap { line in
      guard line.hasPrefix("  "), !line.hasPrefix("  ID "), !line.hasPrefix("  (") else { return nil }
      let cells = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true).map(String.init)
      guard cells.count == 6 else { return nil }
      return ListingRow(
        id: cells[0], version: cells[1], kind: cells[2], origin: cells[3], file: cells[4],
        title: cells[5].trimmingCharacters(in: .whitespaces))
    }
  }
}

/// Words that must never reach a person: crash reports and Swift's own error descriptions.
let internalLeaks = [
  "Fatal error", "Stack dump", "Stack trace", "Backtrace", "DecodingError", "EncodingError", "YamlError",
  "Swift.", "Yams.", "AssessmentKit.", "Optional(", "Error Domain=", "NSCocoaErrorDomain", "keyNotFound",
  "typeMismatch", "valueNotFound", "dataCorrupted", "codingPath",
]

/// The leaks found in `text`, for an expectation that names them.
func leaks(in text: String) -> [String] {
  internalLeaks.filter { text.contains($0) }
}

/// A scratch folder that removes itself; files are written relative to it.
final class TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("assess-cli-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: file)
    return file
  }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> URL {
    try write(name, Array(text.utf8))
  }

  @discardableResult
  func makeFolder(_ name: String) throws -> URL {
    let folder = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }
}

extension AssessCLI {
  /// The YAML files under the package's folders, as `assess validate` finds them.
  static func shippedFiles(in folders: [String]) -> [String] {
    folders.flatMap { folder -> [String] in
      let base = packageRoot.appendingPathComponent(folder)
      let names = (FileManager.default.enumerator(atPath: base.path)?.allObjects as? [String]) ?? []
      return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { folder + "/" + $0 }
    }.sorted()
  }

  /// The ids of the shipped questionnaires, in the order `assess list` gives them (by file path).
  static var shippedQuestionnaireIDs: [String] {
    shippedFiles(in: ["Questionnaires"]).map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
  }

  /// "N files valid" for the shipped questionnaires and examples.
  static var shippedSummary: String { "\(shippedFiles(in: ["Questionnaires", "Examples"]).count) files valid" }
}

/// Runs a program to its end with no input; standard output and error together.
func runCollectingOutput(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
