/// Why an executable module produced no usable result. Each one is an evaluator error in the
/// report — never a pass, never a default score.
public struct EvaluatorFailure: Error, Hashable, Sendable, CustomStringConvertible {
  public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
    /// The program could not be started, exited before answering `hello`, or introduced itself
    /// as another module.
    case startFailed = "start-failed"
    /// The module and the toolkit share no protocol version.
    case noCommonVersion = "no-common-version"
    /// No answer within the start or request time limit.
    case timeout
    /// The module exited, or closed its standard output, while it owed an answer.
    case crashed
    /// Bytes on stdout that are not a framed message, JSON that cannot be read, a message out
    /// of turn, or an answer to another request.
    case malformedMessage = "malformed-message"
    /// A message larger than the module's `max_message_bytes`.
    case messageTooLarge = "message-too-large"
    /// A well-formed result that breaks the output rules (unknown item, unknown severity …).
    case invalidOutput = "invalid-output"
    /// The module answered `evaluateError`: it could not evaluate this request.
    case contentError = "content-error"

    /// Whether the session stays usable after a failure of this kind.
    public var keepsSession: Bool { self == .contentError || self == .invalidOutput }
  }

  public var kind: Kind
  /// The module's id, as its manifest gives it.
  public var module: String
  /// One plain sentence a person can act on, naming the module.
  public var message: String
  /// The end of what the module wrote to stderr, when it wrote anything.
  public var logExcerpt: String

  public init(kind: Kind, module: String, message: String, logExcerpt: String = "") {
    self.kind = kind
    self.module = module
    self.message = message
    self.logExcerpt = logExcerpt
  }

  public var description: String {
    logExcerpt.isEmpty ? message : "\(message)\n--- log of \(module) ---\n\(logExcerpt)"
  }
}

/// Text a module wrote, made safe to put in a message: control characters (terminal escapes
/// included) become spaces or are dropped, runs of white space shrink to one, and long text is cut.
enum ModuleText {
  /// One line, at most `limit` characters.
  static func line(_ text: String, limit: Int = 300) -> String {
    var result = ""
    var lastWasSpace = false
    for scalar in text.unicodeScalars {
      let isSpace = scalar.properties.isWhitespace || isControl(scalar)
      if isSpace {
        if !lastWasSpace && !result.isEmpty { result.append(" ") }
        lastWasSpace = true
      } else {
        result.unicodeScalars.append(scalar)
        lastWasSpace = false
      }
    }
    result = result.trimmingTrailingSpace
    return result.count > limit ? String(result.prefix(limit)) + "…" : result
  }

  /// A short value in quotes, with white space and control characters escaped so that
  /// `"high "` and `"high"` look different.
  static func quoted(_ text: String, limit: Int = 60) -> String {
    let cut = text.count > limit ? String(text.prefix(limit)) + "…" : text
    return String(reflecting: cut)
  }

  /// Several lines: newlines and tabs are kept, other control characters dropped.
  static func block(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 == "\n" || $0 == "\t" || !isControl($0) }))
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }
}

extension String {
  fileprivate var trimmingTrailingSpace: String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
