/// One problem found in a file, with where it is and what to do about it.
///
/// Every check in the toolkit reports through this one type, so every problem reads the same
/// way: `file:line:col: severity: message; hint [code]`.
public struct Diagnostic: Error, Hashable, Sendable, Codable {
  public enum Severity: String, Hashable, Sendable, Codable, Comparable {
    case error
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
      lhs == .error && rhs == .warning
    }
  }

  public var severity: Severity
  public var code: DiagnosticCode
  /// What is wrong, in one sentence without a trailing full stop.
  public var message: String
  /// What to write instead, when the toolkit can tell ("did you mean `BM-A.2`?").
  public var hint: String?
  public var location: SourceLocation
  /// The expression a problem is in, to show under the diagnostic with a caret.
  public var snippet: Snippet?

  /// A line of text and the characters (Unicode-scalar offsets from 0) a caret points at.
  public struct Snippet: Hashable, Sendable, Codable {
    public var text: String
    public var start: Int
    public var end: Int

    public init(text: String, start: Int, end: Int) {
      self.text = text
      self.start = start
      self.end = end
    }
  }

  public init(
    _ severity: Severity, _ code: DiagnosticCode, _ message: String, hint: String? = nil,
    at location: SourceLocation
  ) {
    self.severity = severity
    self.code = code
    self.message = Self.oneLine(message)
    self.hint = hint.map(Self.oneLine)
    self.location = location
    snippet = nil
  }

  public static func error(
    _ code: DiagnosticCode, _ message: String, hint: String? = nil, at location: SourceLocation
  ) -> Diagnostic {
    Diagnostic(.error, code, message, hint: hint, at: location)
  }

  public static func warning(
    _ code: DiagnosticCode, _ message: String, hint: String? = nil, at location: SourceLocation
  ) -> Diagnostic {
    Diagnostic(.warning, code, message, hint: hint, at: location)
  }

  /// Messages quote what people wrote, which may span lines; a diagnostic stays one line.
  private static func oneLine(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\r": continue
      case "\n": result += "\\n"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// The message and the hint as one sentence, the way a person reads them.
  public var text: String {
    guard let hint, !hint.isEmpty else { return message }
    return "\(message); \(hint)"
  }
}

extension Diagnostic: Comparable {
  /// Diagnostics sort by place, so output follows the files from top to bottom.
  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    if lhs.location != rhs.location { return lhs.location < rhs.location }
    if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
    if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
    return lhs.text < rhs.text
  }
}

extension Array where Element == Diagnostic {
  public var errorCount: Int { count { $0.severity == .error } }
  public var warningCount: Int { count { $0.severity == .warning } }
  public var hasErrors: Bool { contains { $0.severity == .error } }
}
