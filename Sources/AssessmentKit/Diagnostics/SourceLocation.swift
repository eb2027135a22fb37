/// A place in a file that a person can jump to: `file:line:column`.
///
/// Lines and columns start at 1. Columns count Unicode scalars, as libyaml does, so a
/// column points at the same character whatever the script of the text before it.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// The start of a file, for problems that concern the file as a whole.
  public static func start(of file: String) -> SourceLocation {
    SourceLocation(file: file, line: 1, column: 1)
  }

  public var description: String { "\(file):\(line):\(column)" }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}
