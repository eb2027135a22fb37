/// Reads the submissions exported from KoboToolbox or ODK Central as CSV — one row per
/// submission, a column per question named as in the form (`BM_A_1`, or `BM_A/BM_A_1` with the
/// group in front), multiple choices as values separated by spaces — into one answers draft per
/// row. Metadata columns (`start`, `end`, `_uuid`, `_submission_time`, …) are left aside.
public enum KoboImport {
  /// One submission: its draft, or nil when it has errors; every problem located at its cell.
  public struct Submission: Sendable {
    /// The row's number among the submissions, from 1.
    public var number: Int
    public var draft: AnswersDraft?
    public var diagnostics: [Diagnostic]
    /// The `_uuid` of the submission, when the export has it.
    public var uuid: String?
  }

  static let metadata: Set<String> = [
    "start", "end", "today", "deviceid", "username", "simserial", "subscriberid", "phonenumber", "audit", "instanceid",
    "instancename", "__version__", "formhub/uuid", "key", "submissiondate", "reviewstate", "edited", "status",
    "submitterid", "submittername", "attachmentspresent", "attachmentsexpected",
  ]

  public struct Options: Sendable {
    public var country: String?
    public var round: String?

    public init(country: String? = nil, round: String? = nil) {
      self.country = country
      self.round = round
    }
  }

  public static func read(
    _ table: CSVTable, questionnaire compiled: CompiledQuestionnaire, known: [CompiledQuestionnaire], options: Options = Options(),
    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
  ) -> (submissions: [Submission], diagnostics: [Diagnostic]) {
    let questionnaire = compiled.questionnaire
    let names = XLSFormNames(questionnaire)
    let start = SourceLocation.start(of: table.path)
    guard let header = table.records.first else {
      return ([], [.error(.csvMissingColumn, "the file is empty", hint: "export the submissions with a header row", at: start)])
    }
    enum Column {
      case item(String), respondent(String), uuid, date, ignored
    }
    var columns: [Column] = []
    var diagnostics: [Diagnostic] = []
    for (index, written) in header.fields.enumerated() {
      let trimmed = written.trimmingWhitespace()
      // KoboToolbox joins group and question names with `/`, ODK Central with `-`; an original
      // item id (`BM-A.1`) holds `-` itself, so the whole header is tried first.
      let path = trimmed.split(separator: "/").map(String.init)
      let dashed = (path.last ?? "").split(separator: "-").map(String.init)
      let name =
        names.itemID(forName: trimmed) != nil ? trimmed
        : names.itemID(forName: path.last ?? "") != nil || dashed.count < 2 ? path.last ?? "" : dashed.last ?? ""
      let location = table.location(record: 0, field: index)
      if path.count >= 2, let parent = names.itemID(forName: path[path.count - 2]), questionnaire.item(parent)?.kind == .multi {
        // Kobo adds a 0/1 column per option of a multiple choice; the space-separated column is read instead.
        columns.append(.ignored)
      } else if let item = names.itemID(forName: name) {
        columns.append(.item(item))
      } else if ["country", "agency", "role"].contains(name) {
        columns.append(.respondent(name))
      } else if name == "_uuid" || name == "instanceID" {
        columns.append(.uuid)
      } else if name == "today" || name == "end" || name == "_submission_time" || name == "SubmissionDate" {
        columns.append(.date)
      } else if name.hasPrefix("_") || name.lowercased().hasPrefix("meta") || metadata.contains(name.lowercased())
        || metadata.contains(written.lowercased())
        || names.sectionNames.values.contains(name) || name == "respondent" || name.isEmpty
      {
        columns.append(.ignored)
      } else {
        columns.append(.ignored)
        diagnostics.append(
          .warning(
            .csvUnknownColumn, "column `\(written)` names no question of `\(questionnaire.id.value)`, so it is not imported",
            hint: Suggestion.hint(for: name, among: names.itemNames.values) ?? "check that the export belongs to this questionnaire",
            at: location))
      }
    }
    if !columns.contains(where: { if case .respondent("country") = $0 { return true } else { return false } }) && options.country == nil {
      diagnostics.append(
        .error(
          .csvMissingColumn, "the export has no `country` column", hint: "pass --country, or collect with the form `assess export xlsform` writes",
          at: start))
      return ([], diagnostics)
    }
    var submissions: [Submission] = []
    for (index, record) in table.records.enumerated().dropFirst() {
      var draft = AnswersDraft()
      draft.respondent.country = options.country
      draft.respondent.round = options.round
      var block = AnswersDraft.Block(questionnaireID: questionnaire.id.value, version: questionnaire.version.value)
      var origins: [AnswersYAML.LineOwner: SourceLocation] = [:]
      var uuid: String?
      var problems: [Diagnostic] = []
      if record.fields.count > columns.count, record.fields[columns.count...].contains(where: { !$0.trimmingWhitespace().isEmpty }) {
        problems.append(
          .error(.csvSyntax, "this row has \(record.fields.count) fields, the header \(columns.count)",
            hint: "quote cells that hold the separator", at: table.location(record: index, field: columns.count)))
      }
      for (position, column) in columns.enumerated() where position < record.fields.count {
        let value = record.fields[position].trimmingWhitespace()
        let location = table.location(record: index, field: position)
        guard !value.isEmpty else { continue }
        switch column {
        case .item(let id):
          guard let item = questionnaire.item(id) else { continue }
          let scale = item.scale.flatMap { questionnaire.scale($0.value) }
          // A "labels" export writes the option's label; map it back to its value.
          func optionValue(_ written: String) -> String {
            guard let scale, scale.option(written) == nil else { return written }
            return scale.options.first { option in
              option.label.translations.values.contains { $0.lowercased() == written.lowercased() }
            }?.value.value ?? written
          }
          let parsed: AnswersDraft.Value =
            item.kind == .multi
            ? .list(value.split(separator: " ").map { optionValue(String($0)) }) : .single(item.kind == .choice ? optionValue(value) : value)
          block.update(id) { $0.value = parsed }
          origins[.entry(questionnaireID: questionnaire.id.value, itemID: id)] = location
        case .respondent(let field):
          switch field {
          case "country": draft.respondent.country = value
          case "agency": draft.respondent.agency = value
          default: draft.respondent.role = value
          }
          origins[.respondent(field)] = location
        case .uuid:
          uuid = value
        case .date:
          let day = String(value.prefix(10))
          if draft.respondent.date == nil, IdentifierRules.isValidDate(day) {
            draft.respondent.date = day
            origins[.respondent("date")] = location
          }
        case .ignored:
          break
        }
      }
      let rowStart = table.location(record: index, field: 0)
      origins[.block(questionnaireID: questionnaire.id.value)] = rowStart
      if draft.respondent.country == nil {
        problems.append(.error(.schemaMissingKey, "this submission has no country", hint: "fill in the `country` cell, or pass --country", at: rowStart))
      }
      draft.blocks = [block]
      if !problems.hasErrors {
        problems += AnswersFile.check(draft, against: known, fallback: rowStart) { owner, _ in origins[owner] }
      }
      submissions.append(Submission(number: index, draft: problems.hasErrors ? nil : draft, diagnostics: problems, uuid: uuid))
      progress(index, table.records.count - 1)
    }
    return (submissions, diagnostics)
  }
}
