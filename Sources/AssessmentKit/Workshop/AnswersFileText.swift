/// Pieces of answers files written by the toolkit (consensus and follow-up files): every
/// scalar double-quoted, so `no` stays the text "no" and `1.10` stays "1.10" whatever the reader.
enum AnswersFileText {
  static func quote(_ text: String) -> String { AnswersYAML.quote(text) }

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
