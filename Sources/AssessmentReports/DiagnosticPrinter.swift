import AssessmentKit

/// The one way diagnostics are shown to people: `file:line:col: severity: message; hint [code]`,
/// coloured only when asked to (the CLI asks only for a terminal without `NO_COLOR`).
public struct DiagnosticPrinter: Sendable {
  public var colour: Bool

  public init(colour: Bool) {
    self.colour = colour
  }

  public func line(for diagnostic: Diagnostic) -> String {
    let severity: String
    switch diagnostic.severity {
    case .error: severity = paint("error", "1;31")
    case .warning: severity = paint("warning", "1;33")
    }
    return "\(paint(diagnostic.location.description, "1")): \(severity): \(diagnostic.text) \(paint("[\(diagnostic.code)]", "2"))"
  }

  /// Every diagnostic, one per line, each line ending in a newline; a problem inside an
  /// expression is followed by the expression and a caret under the spot.
  public func text(for diagnostics: [Diagnostic]) -> String {
    diagnostics.map { diagnostic in
      var text = line(for: diagnostic) + "\n"
      if let snippet = diagnostic.snippet {
        text += caret(snippet)
      }
      return text
    }.joined()
  }

  /// The expression on one line (line breaks shown as spaces, so offsets keep their column)
  /// and `^~~` under the characters at fault.
  func caret(_ snippet: Diagnostic.Snippet) -> String {
    let shown = String(String.UnicodeScalarView(snippet.text.unicodeScalars.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 }))
    let length = shown.unicodeScalars.count
    let start = min(max(0, snippet.start), length)
    let width = max(1, min(snippet.end, max(length, start + 1)) - start)
    let marker = "^" + String(repeating: "~", count: width - 1)
    return "    \(shown)\n    \(String(repeating: " ", count: start))\(paint(marker, "1;32"))\n"
  }

  /// "2 errors, 1 warning in 5 files" — the closing line of a check.
  public func summary(errors: Int, warnings: Int, files: Int) -> String {
    func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
    let checked = count(files, "file")
    if errors == 0 && warnings == 0 { return "\(checked) valid" }
    return "\(count(errors, "error")), \(count(warnings, "warning")) in \(checked)"
  }

  private func paint(_ text: String, _ code: String) -> String {
    colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
