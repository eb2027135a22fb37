/// A questionnaire as an XLSForm (https://xlsform.org) for KoboToolbox and ODK Collect: the
/// survey sheet (a group per section, respondent questions first), the choices sheet (one list
/// per scale), and the settings sheet.
public struct XLSForm: Sendable {
  public var survey: [[String]]
  public var choices: [[String]]
  public var settings: [[String]]
  /// What could not be carried over, such as a relevance using `score()`; each names the item.
  public var warnings: [String]
  public let names: XLSFormNames

  /// Language names as XLSForm writes them: `English (en)`.
  public static func languageColumn(_ code: String) -> String {
    let known: [String: String] = [
      "en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "ru": "Russian", "zh": "Chinese", "pt": "Portuguese",
      "de": "German", "it": "Italian", "tr": "Turkish", "fa": "Persian", "uk": "Ukrainian", "sw": "Swahili",
    ]
    let primary = String(code.split(separator: "-").first ?? "")
    return "\(known[primary] ?? code) (\(code))"
  }

  public init(_ questionnaire: Questionnaire) {
    let names = XLSFormNames(questionnaire)
    self.names = names
    let translator = XPathTranslator(questionnaire: questionnaire, names: names)
    let languages = questionnaire.languages.map(\.value)
    let fallback = questionnaire.defaultLanguage.value
    func texts(_ localized: LocalizedText?) -> [String] {
      languages.map { language in
        guard let localized else { return "" }
        return localized.translations[language] ?? localized.resolved(in: language, defaultLanguage: fallback)
      }
    }
    func repeated(_ text: String) -> [String] { languages.map { _ in text } }
    let labelColumns = languages.map { "label::\(Self.languageColumn($0))" }
    let hintColumns = languages.map { "hint::\(Self.languageColumn($0))" }
    // The guidance is long: ODK Collect and Enketo show a guidance hint on demand, not always.
    let guidanceColumns = languages.map { "guidance_hint::\(Self.languageColumn($0))" }
    let messageColumns = languages.map { "constraint_message::\(Self.languageColumn($0))" }
    var survey: [[String]] = [
      ["type", "name"] + labelColumns + hintColumns + guidanceColumns + ["required", "relevant", "constraint"] + messageColumns
        + ["calculation"]
    ]
    var warnings: [String] = []
    func row(
      _ type: String, _ name: String, label: [String] = [], hint: [String] = [], guidance: [String] = [], required: Bool = false,
      relevant: String = "",
      constraint: String = "", message: [String] = [], calculation: String = ""
    ) {
      let pad = { (values: [String]) in values.isEmpty ? languages.map { _ in "" } : values }
      survey.append(
        [type, name] + pad(label) + pad(hint) + pad(guidance) + [required ? "yes" : "", relevant, constraint] + pad(message)
          + [calculation])
    }
    row("start", "start")
    row("end", "end")
    row("today", "today")
    row("begin_group", "respondent", label: repeated("Respondent"))
    row("text", "country", label: repeated("Country the answers are about"), required: true)
    row("text", "agency", label: repeated("Your agency or organisation"))
    row("text", "role", label: repeated("Your role or position"))
    row("end_group", "respondent")
    for section in questionnaire.sections {
      let sectionName = names.sectionNames[section.id.value] ?? XLSFormNames.sanitise(section.id.value)
      row("begin_group", sectionName, label: texts(section.title).map { "\(section.id.value) \($0)" })
      for item in section.items {
        let id = item.id.value
        let name = names.itemNames[id] ?? XLSFormNames.sanitise(id)
        let scale = item.scale.flatMap { questionnaire.scale($0.value) }
        let listName = item.scale.flatMap { names.scaleNames[$0.value] } ?? ""
        let special = scale?.options.filter { !$0.isScored }.map(\.value.value) ?? []
        var relevant = ""
        if let source = item.relevant {
          do {
            relevant = try translator.translate(source)
          } catch {
            warnings.append("\(id): relevance `\(source.text)` is not carried over (\(error.reason)); the form asks it always")
          }
        }
        if let source = item.calculate {
          do {
            row("calculate", name, calculation: try translator.translate(source))
          } catch {
            warnings.append("\(id): calculation `\(source.text)` is not carried over (\(error.reason)); the item is left out")
          }
          continue
        }
        var constraints: [String] = []
        let (minimum, maximum) = item.bounds
        var type: String
        switch item.kind {
        case .choice: type = "select_one \(listName)"
        case .multi: type = "select_multiple \(listName)"
        case .number, .percent:
          let integer = item.integer == true
          if special.isEmpty {
            type = integer ? "integer" : "decimal"
            if let minimum { constraints.append(". >= \(ExpressionPrinter.format(minimum))") }
            if let maximum { constraints.append(". <= \(ExpressionPrinter.format(maximum))") }
          } else {
            // A number field cannot hold "na" or "dk": a text field that takes a number or one of them.
            type = "text"
            var numeric = [integer ? "regex(., '^-?[0-9]+$')" : "regex(., '^-?[0-9]+([.][0-9]+)?$')"]
            if let minimum { numeric.append(". >= \(ExpressionPrinter.format(minimum))") }
            if let maximum { numeric.append(". <= \(ExpressionPrinter.format(maximum))") }
            constraints.append(
              "((" + numeric.joined(separator: " and ") + ") or " + special.map { ". = '\($0)'" }.joined(separator: " or ") + ")")
          }
        case .date:
          if special.isEmpty {
            type = "date"
          } else {
            type = "text"
            constraints.append(
              "(regex(., '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') or " + special.map { ". = '\($0)'" }.joined(separator: " or ") + ")")
          }
        case .text: type = "text"
        }
        if let source = item.constraint {
          do {
            let rule = try translator.translate(source, currentItem: id)
            // The toolkit checks no constraint on "not applicable" or "don't know".
            constraints.append(special.isEmpty ? rule : "(" + special.map { ". = '\($0)'" }.joined(separator: " or ") + " or \(rule))")
          } catch {
            warnings.append("\(id): constraint `\(source.text)` is not carried over (\(error.reason))")
          }
        }
        // A text field standing in for a number says which special values it takes: `na = Not applicable · dk = Don't know`.
        var hints: [String] = []
        if !special.isEmpty && !item.kind.needsScale {
          let options = scale?.options.filter { !$0.isScored } ?? []
          hints = languages.map { language in
            options.map { "\($0.value.value) = \($0.label.translations[language] ?? $0.label.resolved(in: language, defaultLanguage: fallback))" }
              .joined(separator: " · ")
          }
        }
        let label = texts(item.text).map { "\(id)\(item.critical ? " ★" : "") \($0)" }
        row(
          type, name, label: label, hint: hints, guidance: texts(item.guidance), required: item.kind.needsScale || !special.isEmpty, relevant: relevant,
          constraint: constraints.count == 1 ? constraints[0] : constraints.map { "(\($0))" }.joined(separator: " and "),
          message: item.constraintMessage.map(texts) ?? [])
      }
      row("end_group", sectionName)
    }
    var choices: [[String]] = [["list_name", "name"] + labelColumns]
    for scale in questionnaire.scales {
      let listName = names.scaleNames[scale.id.value] ?? XLSFormNames.sanitise(scale.id.value)
      for option in scale.options {
        let labels = zip(texts(option.label), texts(option.description)).map { label, description in
          description.isEmpty ? label : "\(label): \(description)"
        }
        choices.append([listName, option.value.value] + labels)
      }
    }
    self.survey = survey
    self.choices = choices
    settings = [
      ["form_title", "form_id", "version", "default_language"],
      [
        questionnaire.title.resolved(in: fallback, defaultLanguage: fallback), XLSFormNames.sanitise(questionnaire.id.value),
        questionnaire.version.value, Self.languageColumn(fallback),
      ],
    ]
    self.warnings = warnings
  }

  /// The form as an .xlsx workbook.
  public func xlsx() -> [UInt8] {
    XLSXWriter.bytes([
      XLSXWriter.Sheet(name: "survey", rows: survey), XLSXWriter.Sheet(name: "choices", rows: choices),
      XLSXWriter.Sheet(name: "settings", rows: settings),
    ])
  }
}
