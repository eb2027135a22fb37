/// Pieces of answers files written by the toolkit (consensus and follow-up files): every
/// scalar double-quoted, so `no` stays the text "no" and `1.10` stays "1.10" whatever the reader.
enum AnswersFileText {
  static func quote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0xFEFF {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// One value, or a flow list for a multiple choice.
  static func value(_ values: [String], isList: Bool) -> String {
    isList ? "[" + values.map(quote).joined(separator: ", ") + "]" : quote(values.first ?? "")
  }

  static func value(_ value: AnswerValue) -> String {
    switch value {
    case .single(let text): return quote(text.value)
    case .list(let texts): return self.value(texts.map(\.value), isList: true)
    }
  }
}
