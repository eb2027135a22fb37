/// The text of an expression as written in a YAML file, and where it sits there, so a problem
/// at character 12 of the expression can be reported at its exact line and column.
public struct ExpressionSource: Hashable, Sendable {
  public var text: String
  /// Where the expression's first character is in the file.
  public var location: SourceLocation
  /// Runs of characters written at consecutive columns of one line: the expression's offset
  /// where each run starts, and its file position. Empty when the text could not be traced
  /// (escapes in quotes, say); then every offset maps to ``location``.
  public var segments: [Segment]

  public struct Segment: Hashable, Sendable {
    public var offset: Int
    public var line: Int
    public var column: Int
  }

  public init(text: String, location: SourceLocation, segments: [Segment]) {
    self.text = text
    self.location = location
    self.segments = segments
  }

  /// The file position of a character of the expression (offset in Unicode scalars from 0).
  public func location(ofOffset offset: Int) -> SourceLocation {
    guard let segment = segments.last(where: { $0.offset <= offset }) else { return location }
    return SourceLocation(file: location.file, line: segment.line, column: segment.column + offset - segment.offset)
  }

  /// Traces a scalar's value back to the lines it was written on: YAML folds a multi-line
  /// scalar by joining its lines, without their indentation, with a space (or a line break in a
  /// `|` block), so each line's text is a run of the value.
  ///
  /// - Parameter column: the 1-based column where the value starts on `line`, or 0 when it
  ///   starts at the line's first non-blank character (the first line of a `|` or `>` block).
  /// - Parameter singleQuoted: the value is in single quotes, where `''` stands for `'`.
  static func trace(_ value: String, in lines: [Substring], line: Int, column: Int, singleQuoted: Bool = false) -> [Segment] {
    let wanted = Array(value.unicodeScalars)
    var segments: [Segment] = []
    var offset = 0
    var lineIndex = line - 1
    while offset < wanted.count {
      guard lineIndex >= 0, lineIndex < lines.count else { return [] }
      let written = Array(lines[lineIndex].unicodeScalars)
      let position =
        segments.isEmpty && column > 0 ? column - 1 : (written.firstIndex { $0 != " " } ?? written.count)
      var cursor = position
      let before = offset
      while offset < wanted.count {
        if singleQuoted, cursor + 1 < written.count, written[cursor] == "'", written[cursor + 1] == "'", wanted[offset] == "'" {
          // `''` is one character of the value written in two columns: a new run starts after it.
          segments.append(Segment(offset: offset, line: lineIndex + 1, column: cursor + 1))
          offset += 1
          cursor += 2
          continue
        }
        var length = 0
        while cursor + length < written.count, offset + length < wanted.count,
          written[cursor + length] == wanted[offset + length],
          !(singleQuoted && written[cursor + length] == "'")
        {
          length += 1
        }
        guard length > 0 else { break }
        segments.append(Segment(offset: offset, line: lineIndex + 1, column: cursor + 1))
        offset += length
        cursor += length
      }
      guard offset > before else { return [] }
      guard offset < wanted.count else { break }
      // The line break between two lines became one space (or stayed a line break).
      guard wanted[offset] == " " || wanted[offset] == "\n" else { return [] }
      offset += 1
      lineIndex += 1
    }
    return segments
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
