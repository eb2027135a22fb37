/// Makes invisible characters in people's text visible, before any output format sees it.
///
/// Direction overrides and isolates (U+202A–U+202E, U+2066–U+2069) can reorder what a reader
/// sees — a note could appear to say the opposite of what it says — and invisible characters
/// (zero-width space, word joiner, byte-order mark, control characters) can hide text in a cell.
/// Each is written as `[U+XXXX]`, so a reader sees that it was there. Zero-width joiners and
/// non-joiners are kept: scripts such as Persian and emoji sequences need them.
public enum UserText {
  public static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isHidden) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      if isHidden(scalar) {
        result += "[U+" + hex(scalar.value) + "]"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: return false  // line breaks and tabs are text
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // direction marks and overrides
    case 0x200B, 0x2060, 0xFEFF, 0x180E: return true  // zero-width space, word joiner, BOM, Mongolian vowel separator
    default: return false
    }
  }

  private static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
