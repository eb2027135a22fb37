/// Writes a workbook of plain text cells as an .xlsx file (Office Open XML SpreadsheetML):
/// one worksheet per sheet, every text in the shared-strings part.
public enum XLSXWriter {
  public struct Sheet: Sendable {
    public var name: String
    public var rows: [[String]]

    public init(name: String, rows: [[String]]) {
      self.name = name
      self.rows = rows
    }
  }

  public static func bytes(_ sheets: [Sheet]) -> [UInt8] {
    var strings: [String] = []
    var stringIndex: [String: Int] = [:]
    func index(of text: String) -> Int {
      if let found = stringIndex[text] { return found }
      strings.append(text)
      stringIndex[text] = strings.count - 1
      return strings.count - 1
    }
    var archive = ZipArchive()
    var worksheets: [String] = []
    for sheet in sheets {
      var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
      xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
      for (rowNumber, row) in sheet.rows.enumerated() {
        xml += "<row r=\"\(rowNumber + 1)\">"
        for (column, text) in row.enumerated() where !text.isEmpty {
          xml += "<c r=\"\(columnName(column))\(rowNumber + 1)\" t=\"s\"><v>\(index(of: text))</v></c>"
        }
        xml += "</row>"
      }
      xml += "</sheetData></worksheet>"
      worksheets.append(xml)
    }
    let sheetEntries = sheets.indices.map { number in
      (name: sheets[number].name, part: "worksheets/sheet\(number + 1).xml", id: "rId\(number + 1)")
    }
    archive.add(
      "[Content_Types].xml",
      text: #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        + #"<Default Extension="xml" ContentType="application/xml"/>"#
        + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        + sheetEntries.map {
          #"<Override PartName="/xl/\#($0.part)" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }.joined()
        + #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        + "</Types>")
    archive.add(
      "_rels/.rels",
      text: #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>")
    archive.add(
      "xl/workbook.xml",
      text: #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        + sheetEntries.enumerated().map { number, entry in
          "<sheet name=\"\(escape(entry.name))\" sheetId=\"\(number + 1)\" r:id=\"\(entry.id)\"/>"
        }.joined()
        + "</sheets></workbook>")
    archive.add(
      "xl/_rels/workbook.xml.rels",
      text: #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + sheetEntries.map {
          #"<Relationship Id="\#($0.id)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="\#($0.part)"/>"#
        }.joined()
        + #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        + "</Relationships>")
    for (number, xml) in worksheets.enumerated() {
      archive.add("xl/worksheets/sheet\(number + 1).xml", text: xml)
    }
    archive.add(
      "xl/sharedStrings.xml",
      text: #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(strings.count)" uniqueCount="\#(strings.count)">"#
        + strings.map { "<si><t xml:space=\"preserve\">\(escape($0))</t></si>" }.joined()
        + "</sst>")
    return archive.bytes()
  }

  /// A, B, …, Z, AA, AB, …
  static func columnName(_ index: Int) -> String {
    var number = index + 1
    var name = ""
    while number > 0 {
      let remainder = (number - 1) % 26
      name = String(UnicodeScalar(UInt8(65 + remainder))) + name
      number = (number - 1) / 26
    }
    return name
  }

  /// Text as XML character data; characters XML 1.0 cannot hold at all are dropped.
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
