import Mustache

/// Escapes people's text for Markdown, so it reads as the words written and never as markup:
/// no emphasis, code, links, images, raw HTML, table cells or headings can start inside it.
///
/// Backslash-escapes `\ ` * _ [ ] < > | ~ &` and backticks everywhere; `#`, `+`, `-`, `=` and
/// the `.` or `)` of a leading number followed by a space, only at the start, where they would
/// begin a heading, list or rule. Line breaks become spaces, so a value cannot break out of a table row or list item.
public enum MarkdownText {
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    // "\r\n" is one Character, so each line break of any kind becomes one space.
    let characters = text.map { $0.isNewline ? " " : $0 }
    var atStart = true
    var leadingDigits = false
    for (index, character) in characters.enumerated() {
      if atStart, character == " " || character == "\t" {
        result.append(character)
        continue
      }
      let next = index + 1 < characters.count ? characters[index + 1] : " "
      // "1. " or "1) " would start an ordered list; "0.50" or "1.0.0" would not.
      let listMarker = leadingDigits && (character == "." || character == ")") && (next == " " || next == "\t")
      if always.contains(character) || (atStart && leading.contains(character)) || listMarker {
        result.append("\\")
      }
      leadingDigits = (atStart || leadingDigits) && character.isASCII && character.isNumber
      atStart = false
      result.append(character)
    }
    return result
  }

  private static let always: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&"]
  private static let leading: Set<Character> = ["#", "+", "-", "="]

  /// The Mustache content type that applies ``escape(_:)`` to every `{{value}}`.
  struct ContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { MarkdownText.escape(text) }
  }

  static let contentTypeName = "MARKDOWN"
}
