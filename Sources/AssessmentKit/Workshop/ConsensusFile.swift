/// Writes the consensus answers file a workshop starts from: one answer per item, pre-filled
/// with the respondents' median, each keeping every respondent's own answer and notes, ready
/// for the facilitator to edit as the room agrees.
public enum ConsensusFile {
  public static let defaultAgency = "Workshop consensus"

  /// - Parameters:
  ///   - round: the respondents' common round, if any.
  ///   - language: the language the respondents answered in.
  public static func text(for summary: WorkshopSummary, round: String?, language: String?) -> String {
    let who = summary.anonymous ? "\(summary.respondents.count) anonymous respondents"
      : "\(summary.respondents.count) respondents (\(summary.respondents.map(\.label).joined(separator: "; ")))"
    var lines = [
      "# Consensus of a workshop on \(summary.country): \(who).",
      "# Each answer starts as the respondents' median; items marked DISCUSS diverge most. During the discussion,",
      "# edit `value`, record who still disagrees and why under `dissent:`, and raise `rounds` after each further round.",
      "schema: assess/answers@1",
      "respondent:",
      "  country: \(AnswersFileText.quote(summary.country))",
      "  agency: \(AnswersFileText.quote(defaultAgency))",
    ]
    if let round { lines.append("  round: \(AnswersFileText.quote(round))") }
    if let language { lines.append("  language: \(AnswersFileText.quote(language))") }
    lines.append("questionnaires:")
    for area in summary.areas {
      lines.append("  - id: \(AnswersFileText.quote(area.questionnaire))")
      lines.append("    version: \(AnswersFileText.quote(area.version))")
      if let profile = area.profile { lines.append("    profile: \(AnswersFileText.quote(profile))") }
      lines.append("    answers:")
      let ranks = Dictionary(area.discussion.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
      for item in area.items {
        lines += answerLines(item, discussion: ranks[item.id])
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func answerLines(_ item: WorkshopItem, discussion: DiscussionEntry?) -> [String] {
    let responses = (item.answers ?? []).filter { $0.answer != nil || $0.notes != nil }
    guard item.proposed != nil || !responses.isEmpty else { return [] }
    var lines: [String] = []
    if let discussion {
      lines.append("      # DISCUSS #\(discussion.rank): \(item.reasons.joined(separator: "; "))\(item.critical ? "; critical" : "")")
    }
    lines.append("      \(AnswersFileText.quote(item.id)):")
    let isList = item.kind == Item.Kind.multi.rawValue
    if let proposed = item.proposed {
      lines.append("        value: \(AnswersFileText.value(proposed, isList: isList))")
    }
    lines.append("        consensus:")
    lines.append("          rounds: 1")
    if !responses.isEmpty {
      lines.append("          responses:")
      for response in responses {
        lines.append("            - respondent: \(AnswersFileText.quote(response.respondent))")
        if let answer = response.answer {
          lines.append("              value: \(AnswersFileText.value(answer, isList: isList))")
        }
        if let notes = response.notes {
          lines.append("              notes: \(AnswersFileText.quote(notes))")
        }
      }
    }
    return lines
  }
}
