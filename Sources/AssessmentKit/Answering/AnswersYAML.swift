/// Writes an ``AnswersDraft`` as an answers file (`schema: assess/answers@1`) that the loader
/// reads back to the same draft: every text double-quoted and escaped, so no answer, note or
/// name can be misread as a number, a boolean, a comment or YAML structure.
public enum AnswersYAML {
  /// What a line of the written file holds, so problems found in it can be reported where the
  /// answer came from (a spreadsheet cell, a Kobo submission).
  public enum LineOwner: Hashable, Sendable {
    case respondent(String)
    case block(questionnaireID: String)
    case entry(questionnaireID: String, itemID: String)
  }

  public static func render(_ draft: AnswersDraft, header: [String] = []) -> String {
    renderTracking(draft, header: header).text
  }

  /// The text, and for each line number (from 1) what it belongs to.
  public static func renderTracking(_ draft: AnswersDraft, header: [String] = []) -> (text: String, owners: [Int: LineOwner]) {
    var owners: [Int: LineOwner] = [:]
    var out = header.map { "# \($0)\n" }.joined()
    func own(_ owner: LineOwner, from before: String) {
      let first = before.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) } + 1
      let last = out.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
      for line in first...max(first, last) { owners[line] = owner }
    }
    out += "schema: \(AnswerSet.schema)\n"
    out += "respondent:\n"
    let person = draft.respondent
    let fields: [(String, String?)] = [
      ("country", person.country ?? ""), ("agency", person.agency), ("role", person.role), ("name", person.name),
      ("date", person.date), ("round", person.round), ("language", person.language),
    ]
    for case (let key, let value?) in fields {
      let before = out
      out += "  \(key): \(quote(value))\n"
      own(.respondent(key), from: before)
    }
    out += "questionnaires:\n"
    for block in draft.blocks {
      let before = out
      out += "  - id: \(quote(block.questionnaireID))\n"
      out += "    version: \(quote(block.version))\n"
      if let profile = block.profile { out += "    profile: \(quote(profile))\n" }
      own(.block(questionnaireID: block.questionnaireID), from: before)
      guard !block.entries.isEmpty else {
        out += "    answers: {}\n"
        continue
      }
      out += "    answers:\n"
      for entry in block.entries {
        let before = out
        out += entryText(entry, indent: "      ")
        own(.entry(questionnaireID: block.questionnaireID, itemID: entry.itemID), from: before)
      }
    }
    return (out, owners)
  }

  /// One answer: the short form when it is only a value, the long form otherwise.
  static func entryText(_ entry: AnswersDraft.Entry, indent: String) -> String {
    let key = key(entry.itemID)
    if entry.notes == nil && entry.evidence.isEmpty && entry.confidence == nil {
      return "\(indent)\(key): \(entry.value.map(valueText) ?? "")\n"
    }
    var out = "\(indent)\(key):\n"
    out += "\(indent)  value: \(entry.value.map(valueText) ?? "")\n"
    if let notes = entry.notes { out += "\(indent)  notes: \(quote(notes))\n" }
    if !entry.evidence.isEmpty {
      out += "\(indent)  evidence:\n"
      for piece in entry.evidence { out += "\(indent)    - \(quote(piece))\n" }
    }
    if let confidence = entry.confidence { out += "\(indent)  confidence: \(quote(confidence))\n" }
    return out
  }

  static func valueText(_ value: AnswersDraft.Value) -> String {
    switch value {
    case .single(let text): return quote(text)
    case .list(let texts): return "[" + texts.map(quote).joined(separator: ", ") + "]"
    }
  }

  /// An item id as a mapping key: plain when it is an ordinary id (`BM-A.1`), quoted otherwise.
  static func key(_ id: String) -> String {
    let plain = id.unicodeScalars.first.map { ("A"..."Z").contains($0) || ("a"..."z").contains($0) } ?? false
      && id.unicodeScalars.allSatisfy { scalar in
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
          || scalar == "." || scalar == "_" || scalar == "-"
      }
    let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
    return plain && !reserved.contains(id.lowercased()) ? id : quote(id)
  }

  /// A YAML double-quoted scalar: `\`, `"` and every control character escaped.
  public static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
          || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
        {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
