/// A fillable answers file: every question, its options and guidance as YAML comments above an
/// empty `value:`. Empty means "not answered yet", so the file validates as written and once
/// filled in.
public enum AnswersTemplate {
  public static func render(_ questionnaires: [CompiledQuestionnaire], respondent: AnswersDraft.RespondentDraft, language: String? = nil) -> String {
    var out = """
      # Answers template. Fill in each `value:` (leave it empty while unanswered) and, where you
      # have them, add `notes:` and `evidence:` lines under it. Check the file with
      #   assess validate FILE
      # and score it with `assess score FILE`. Quote answers that look like numbers or yes/no, e.g. "2".

      """
    out += "schema: \(AnswerSet.schema)\n"
    out += "respondent:\n"
    out += "  country: \(AnswersYAML.quote(respondent.country ?? ""))   # required: the country the answers are about\n"
    out += "  agency: \(AnswersYAML.quote(respondent.agency ?? ""))\n"
    out += "  role: \(AnswersYAML.quote(respondent.role ?? ""))\n"
    if let date = respondent.date { out += "  date: \(AnswersYAML.quote(date))\n" }
    if let round = respondent.round { out += "  round: \(AnswersYAML.quote(round))\n" }
    out += "questionnaires:\n"
    for compiled in questionnaires {
      let questionnaire = compiled.questionnaire
      let fallback = questionnaire.defaultLanguage.value
      func text(_ localized: LocalizedText) -> String { localized.resolved(in: language ?? fallback, defaultLanguage: fallback) }
      out += "  - id: \(AnswersYAML.quote(questionnaire.id.value))   # \(oneLine(text(questionnaire.title)))\n"
      out += "    version: \(AnswersYAML.quote(questionnaire.version.value))\n"
      out += "    answers:\n"
      let indent = "      "
      for section in questionnaire.sections {
        out += "\n\(indent)# ══ \(section.id.value) \(oneLine(text(section.title)))\n"
        for item in section.items {
          out += "\n"
          if let calculation = item.calculate {
            out += comment("\(item.id.value) is calculated (\(calculation.text)); do not answer it.", indent: indent)
            continue
          }
          out += comment("\(item.id.value)\(item.critical ? " (critical)" : ""): \(text(item.text))", indent: indent)
          if let relevant = item.relevant { out += comment("Asked only when: \(relevant.text)", indent: indent) }
          let scale = item.scale.flatMap { questionnaire.scale($0.value) }
          let options = scale?.options ?? []
          switch item.kind {
          case .choice: out += comment("Write one of:", indent: indent)
          case .multi: out += comment("Write a list of one or more, such as [\(options.prefix(2).map(\.value.value).joined(separator: ", "))]:", indent: indent)
          case .number, .percent:
            let (minimum, maximum) = item.bounds
            var what = item.kind == .percent ? "A percentage" : item.integer == true ? "A whole number" : "A number"
            if let minimum, let maximum { what += " from \(ExpressionPrinter.format(minimum)) to \(ExpressionPrinter.format(maximum))" }
            if let unit = item.unit { what += " (\(text(unit)))" }
            out += comment(what + (options.isEmpty ? "." : ", or one of:"), indent: indent)
          case .date: out += comment("A date, \"YYYY-MM-DD\"" + (options.isEmpty ? "." : ", or one of:"), indent: indent)
          case .text: out += comment("Text" + (options.isEmpty ? "." : ", or one of:"), indent: indent)
          }
          for option in options {
            var line = "\(AnswersYAML.quote(option.value.value)) — \(text(option.label))"
            if let description = option.description { line += ": \(text(description))" }
            out += comment(line, indent: indent, lead: "  ", continuation: "      ")
          }
          if let guidance = item.guidance { out += comment("Guidance: \(text(guidance))", indent: indent) }
          if let constraint = item.constraintMessage { out += comment("Rule: \(text(constraint))", indent: indent) }
          out += "\(indent)\(AnswersYAML.key(item.id.value)):\n\(indent)  value:\n"
        }
      }
    }
    return out
  }

  private static func oneLine(_ text: String) -> String {
    String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }

  /// Text as `# ` comment lines no wider than about 100 columns.
  static func comment(_ text: String, indent: String, lead: String = "", continuation: String = "  ") -> String {
    let width = 100 - indent.count - 2
    var lines: [String] = []
    var current = lead
    for word in oneLine(text).split(separator: " ", omittingEmptySubsequences: false) {
      if current.count > lead.count && current.count + 1 + word.count > width {
        lines.append(current)
        current = continuation + word
      } else {
        current += (lines.isEmpty && current.count == lead.count ? "" : " ") + word
      }
    }
    lines.append(current)
    return lines.map { "\(indent)# \($0)\n" }.joined()
  }
}
