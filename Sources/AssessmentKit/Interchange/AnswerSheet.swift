/// The spreadsheet layout for teams who answer in Excel or LibreOffice: one row per question,
/// with the respondent's details in rows of their own at the top.
///
/// | questionnaire | version | item | section | question | type | options | value | notes | evidence |
///
/// Only `questionnaire`, `item` and `value` are needed to import; `notes` and `evidence` are read
/// when present (evidence one entry per line of the cell); the other columns are for reading.
/// A multiple choice is written as option values separated by spaces, like KoboToolbox does.
public enum AnswerSheet {
  public static let columns = ["questionnaire", "version", "item", "section", "question", "type", "options", "value", "notes", "evidence"]
  /// The `questionnaire` cell of the respondent rows.
  public static let respondentMarker = "respondent"
  /// The `item` cell of the row naming the profile answered.
  public static let profileMarker = "@profile"
  static let respondentFields: [(String, String)] = [
    ("country", "Country the answers are about (required)"), ("agency", "Agency or organisation"), ("role", "Role or position"),
    ("name", "Name (leave empty for anonymity)"), ("date", "Date of the answers, YYYY-MM-DD"), ("round", "Round, such as baseline"),
    ("language", "Language code, such as en"),
  ]

  /// The sheet for the questionnaires, filled with the draft's answers where it has them.
  public static func rows(_ questionnaires: [CompiledQuestionnaire], draft: AnswersDraft = AnswersDraft(), language: String? = nil) -> [[String]] {
    var rows = [columns]
    let person = draft.respondent
    let values: [String: String?] = [
      "country": person.country, "agency": person.agency, "role": person.role, "name": person.name, "date": person.date,
      "round": person.round, "language": person.language,
    ]
    for (field, description) in respondentFields {
      rows.append([respondentMarker, "", field, "", description, "text", "", (values[field] ?? nil) ?? "", "", ""])
    }
    for compiled in questionnaires {
      let questionnaire = compiled.questionnaire
      let fallback = questionnaire.defaultLanguage.value
      func text(_ localized: LocalizedText) -> String { localized.resolved(in: language ?? fallback, defaultLanguage: fallback) }
      let block = draft.block(questionnaire.id.value)
      if !questionnaire.profiles.isEmpty {
        let profiles = questionnaire.profiles.map { "\($0.id.value) = \(text($0.title))" }.joined(separator: " | ")
        rows.append([
          questionnaire.id.value, questionnaire.version.value, profileMarker, "", "The profile answered (empty: the whole questionnaire)",
          "profile", profiles, block?.profile ?? "", "", "",
        ])
      }
      for section in questionnaire.sections {
        for item in section.items where item.calculate == nil {
          let scale = item.scale.flatMap { questionnaire.scale($0.value) }
          var options = scale?.options.map { "\($0.value.value) = \(text($0.label))" }.joined(separator: " | ") ?? ""
          if item.kind.isNumeric {
            let (minimum, maximum) = item.bounds
            let range = [minimum, maximum].map { $0.map(ExpressionPrinter.format) ?? "" }
            options = "number \(range[0])…\(range[1])" + (options.isEmpty ? "" : " | " + options)
          }
          if item.kind == .date { options = "YYYY-MM-DD" + (options.isEmpty ? "" : " | " + options) }
          if let relevant = item.relevant { options += (options.isEmpty ? "" : " | ") + "asked only when \(relevant.text)" }
          let entry = block?.entry(item.id.value)
          let value = entry?.value.map { $0.options.joined(separator: " ") } ?? ""
          rows.append([
            questionnaire.id.value, questionnaire.version.value, item.id.value, section.id.value, text(item.text), item.kind.rawValue,
            options, value, entry?.notes ?? "", entry?.evidence.joined(separator: "\n") ?? "",
          ])
        }
      }
    }
    return rows
  }

  /// Reads a filled sheet back into a draft; every problem is located at its cell.
  public static func read(_ table: CSVTable, questionnaires: [CompiledQuestionnaire]) -> (draft: AnswersDraft?, diagnostics: [Diagnostic]) {
    let start = SourceLocation.start(of: table.path)
    guard let header = table.records.first else {
      return (nil, [.error(.csvMissingColumn, "the file is empty", hint: "the first row names the columns: \(columns.joined(separator: ", "))", at: start)])
    }
    let names = header.fields.map { $0.trimmingWhitespace().lowercased() }
    var diagnostics: [Diagnostic] = []
    for required in ["questionnaire", "item", "value"] where !names.contains(required) {
      diagnostics.append(
        .error(
          .csvMissingColumn, "the header row has no `\(required)` column",
          hint: "the first row names the columns: \(columns.joined(separator: ", "))", at: start))
    }
    guard diagnostics.isEmpty else { return (nil, diagnostics) }
    func column(_ name: String) -> Int? { names.firstIndex(of: name) }
    var draft = AnswersDraft()
    var origins: [AnswersYAML.LineOwner: SourceLocation] = [:]
    var itemCells: [String: SourceLocation] = [:]
    for (index, record) in table.records.enumerated().dropFirst() {
      func cell(_ name: String) -> String? {
        guard let position = column(name), position < record.fields.count else { return nil }
        return record.fields[position]
      }
      func location(_ name: String) -> SourceLocation {
        table.location(record: index, field: (column(name) ?? 0))
      }
      if record.fields.count > names.count, record.fields[names.count...].contains(where: { !$0.trimmingWhitespace().isEmpty }) {
        diagnostics.append(
          .error(.csvSyntax, "this row has \(record.fields.count) fields, the header \(names.count)",
            hint: "quote cells that hold the separator", at: table.location(record: index, field: names.count)))
        continue
      }
      let questionnaireID = (cell("questionnaire") ?? "").trimmingWhitespace()
      let itemID = (cell("item") ?? "").trimmingWhitespace()
      let value = (cell("value") ?? "").trimmingWhitespace()
      if questionnaireID.isEmpty && itemID.isEmpty && value.isEmpty { continue }
      if questionnaireID == respondentMarker {
        let text = value.isEmpty ? nil : value
        switch itemID {
        case "country": draft.respondent.country = text
        case "agency": draft.respondent.agency = text
        case "role": draft.respondent.role = text
        case "name": draft.respondent.name = text
        case "date": draft.respondent.date = text
        case "round": draft.respondent.round = text
        case "language": draft.respondent.language = text
        default:
          diagnostics.append(
            .error(.schemaUnknownKey, "`\(itemID)` is not a respondent detail",
              hint: "write one of: \(respondentFields.map(\.0).joined(separator: ", "))", at: location("item")))
        }
        origins[.respondent(itemID)] = location("value")
        continue
      }
      let compiled = questionnaires.first { $0.questionnaire.id.value == questionnaireID }
      if draft.block(questionnaireID) == nil {
        let written = (cell("version") ?? "").trimmingWhitespace()
        draft.blocks.append(
          AnswersDraft.Block(questionnaireID: questionnaireID, version: written.isEmpty ? compiled?.questionnaire.version.value ?? "" : written))
        origins[.block(questionnaireID: questionnaireID)] = location("questionnaire")
      }
      if itemID == profileMarker {
        draft.updateBlock(questionnaireID) { $0.profile = value.isEmpty ? nil : value }
        continue
      }
      let notes = (cell("notes") ?? "").trimmingWhitespace()
      let evidence = (cell("evidence") ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
      let kind = compiled?.questionnaire.item(itemID)?.kind
      let parsed: AnswersDraft.Value? =
        value.isEmpty ? nil
        : kind == .multi ? .list(value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map(String.init)) : .single(value)
      guard parsed != nil || !notes.isEmpty || !evidence.isEmpty else { continue }
      draft.updateBlock(questionnaireID) { block in
        block.update(itemID) { entry in
          entry.value = parsed
          entry.notes = notes.isEmpty ? nil : notes
          entry.evidence = evidence
        }
      }
      origins[.entry(questionnaireID: questionnaireID, itemID: itemID)] = location(parsed == nil ? "item" : "value")
      itemCells[questionnaireID + "\u{0}" + itemID] = location("item")
    }
    if draft.respondent.country == nil {
      diagnostics.append(
        .error(.schemaMissingKey, "no respondent country", hint: "fill in the value of the row `respondent, , country`", at: start))
    }
    if draft.blocks.isEmpty && !diagnostics.hasErrors {
      diagnostics.append(.error(.schemaEmptyList, "the sheet holds no answers", hint: "fill in the `value` column", at: start))
    }
    guard !diagnostics.hasErrors else { return (nil, diagnostics) }
    diagnostics += AnswersFile.check(draft, against: questionnaires, fallback: start) { owner, diagnostic in
      if diagnostic.code == .answerUnknownItem, case .entry(let questionnaireID, let itemID) = owner {
        return itemCells[questionnaireID + "\u{0}" + itemID] ?? origins[owner]
      }
      return origins[owner]
    }
    return (draft, diagnostics)
  }
}
