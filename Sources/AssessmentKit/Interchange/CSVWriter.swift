/// Writes CSV per RFC 4180: CR LF line ends, and quotes around fields holding the separator,
/// a quote, a line break or surrounding spaces.
public enum CSVWriter {
  public static func render(_ rows: [[String]], separator: Character = ",") -> String {
    rows.map { row in row.map { quote($0, separator: separator) }.joined(separator: String(separator)) + "\r\n" }.joined()
  }

  static func quote(_ field: String, separator: Character) -> String {
    let needsQuotes =
      field.contains(separator) || field.contains("\"") || field.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }
      || field.first == " " || field.last == " "
    guard needsQuotes else { return field }
    return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
  }
}
