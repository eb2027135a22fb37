/// The text of an expression as written in a YAML file, and where it sits there, so a problem
/// at character 12 of the expression can be reported at its exact line and column.
public struct ExpressionSource: Hashable, Sendable {
  public var text: String
  /// Where the expression's first character is in the file.
  public var location: SourceLocation
  /// Whether the expression is written on one line exactly as it reads (no folding, no
  /// escapes), so its characters sit at consecutive columns of the file.
  public var mapsColumns: Bool

  public init(text: String, location: SourceLocation, mapsColumns: Bool) {
    self.text = text
    self.location = location
    self.mapsColumns = mapsColumns
  }

  /// The file position of a character of the expression (offset in Unicode scalars from 0);
  /// the expression's start when its columns do not map one to one.
  public func location(ofOffset offset: Int) -> SourceLocation {
    guard mapsColumns else { return location }
    var shifted = location
    shifted.column += max(0, min(offset, text.unicodeScalars.count))
    return shifted
  }

  /// A located diagnostic about characters `range` of this expression, with the expression
  /// and a caret under them.
  func diagnostic(
    _ severity: Diagnostic.Severity, _ code: DiagnosticCode, _ message: String, hint: String?, range: Range<Int>
  ) -> Diagnostic {
    var diagnostic = Diagnostic(severity, code, message, hint: hint, at: location(ofOffset: range.lowerBound))
    diagnostic.snippet = Diagnostic.Snippet(text: text, start: range.lowerBound, end: max(range.upperBound, range.lowerBound + 1))
    return diagnostic
  }
}
