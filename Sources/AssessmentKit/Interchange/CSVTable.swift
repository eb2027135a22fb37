/// A CSV file read per RFC 4180: fields in double quotes may hold the separator, line breaks
/// and doubled quotes; CR LF and LF both end a record; a UTF-8 byte order mark is ignored. The
/// separator (`,` or `;`, as spreadsheets in many locales write) is told from the header line.
public struct CSVTable: Sendable {
  public struct Record: Sendable {
    public var fields: [String]
    /// The line the record starts on (from 1): records with quoted line breaks span several.
    public var line: Int
  }

  public var path: String
  public var separator: Character
  public var records: [Record]

  /// Where a field is: the record's first line and the field's number (from 1), as a
  /// spreadsheet user counts columns.
  public func location(record: Int, field: Int) -> SourceLocation {
    SourceLocation(file: path, line: records[record].line, column: field + 1)
  }

  public static func parse(_ text: String, path: String) throws(Diagnostic) -> CSVTable {
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    let separator = detectSeparator(scalars)
    var records: [Record] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var recordLine = 1
    var index = 0
    var inQuotes = false
    var quoteLine = 1
    var fieldStarted = false
    func endField() {
      fields.append(String(field))
      field = String.UnicodeScalarView()
      fieldStarted = false
    }
    func endRecord() {
      endField()
      // A blank line is no record.
      if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(fields: fields, line: recordLine)) }
      fields = []
    }
    while index < scalars.count {
      let scalar = scalars[index]
      if inQuotes {
        if scalar == "\"" {
          if index + 1 < scalars.count && scalars[index + 1] == "\"" {
            field.append("\"")
            index += 2
            continue
          }
          inQuotes = false
        } else {
          if scalar == "\n" { line += 1 }
          field.append(scalar)
        }
        index += 1
        continue
      }
      switch scalar {
      case "\"" where !fieldStarted:
        inQuotes = true
        quoteLine = line
        fieldStarted = true
      case Unicode.Scalar(String(separator))!:
        endField()
      case "\r" where index + 1 < scalars.count && scalars[index + 1] == "\n":
        break
      case "\n", "\r":
        endRecord()
        line += 1
        recordLine = line
      default:
        field.append(scalar)
        fieldStarted = true
      }
      index += 1
    }
    if inQuotes {
      throw .error(
        .csvSyntax, "a quoted field opened here is never closed",
        hint: "close it with `\"`, and write a quote inside a field as `\"\"`", at: SourceLocation(file: path, line: quoteLine, column: fields.count + 1))
    }
    if !field.isEmpty || !fields.isEmpty || fieldStarted { endRecord() }
    return CSVTable(path: path, separator: separator, records: records)
  }

  /// `;` when the first line has more semicolons than commas outside quotes, else `,`.
  private static func detectSeparator(_ scalars: [Unicode.Scalar]) -> Character {
    var commas = 0
    var semicolons = 0
    var inQuotes = false
    for scalar in scalars {
      if scalar == "\"" { inQuotes.toggle() }
      if inQuotes { continue }
      if scalar == "\n" || scalar == "\r" { break }
      if scalar == "," { commas += 1 }
      if scalar == ";" { semicolons += 1 }
    }
    return semicolons > commas ? ";" : ","
  }
}
