import Foundation

/// Folds many respondents' answers files into a ``WorkshopSummary``, one file at a time: each
/// file is loaded, checked, scored, folded into per-item counts and dropped, so thousands of
/// files take the memory of a few. Per-respondent answers (for the heatmap and the consensus
/// file) are kept only up to ``detailLimit`` respondents.
public final class WorkshopAggregator {
  /// Above this many respondents, only counts are kept.
  public static let detailLimit = 200

  private let questionnaires: [CompiledQuestionnaire]
  private let anonymous: Bool
  private let loadOptions: LoadOptions
  private var reference: Reference?
  private var areas: [AreaAccumulator] = []
  private var respondents: [WorkshopRespondent] = []
  private var labels = Set<String>()
  public private(set) var respondentCount = 0
  private var rounds = Set<String>()
  private var language: String?

  /// The first file's questionnaires and country, which every other file must share.
  private struct Reference {
    var path: String
    var country: String
    var majors: [String: Int?]
  }

  public init(questionnaires: [CompiledQuestionnaire], anonymous: Bool, loadOptions: LoadOptions = .default) {
    self.questionnaires = questionnaires
    self.anonymous = anonymous
    self.loadOptions = loadOptions
  }

  public var keepsDetail: Bool { respondentCount <= Self.detailLimit }

  /// Loads, checks and folds one answers file. Returns its problems; a file with errors is not folded.
  public func add(path: String) -> [Diagnostic] {
    let outcome = DocumentLoader.load(path: path, options: loadOptions)
    switch outcome.document {
    case .answers(let document)?:
      // A file read with errors (an unknown key, say) is reported, never folded in half-read.
      guard !outcome.diagnostics.hasErrors else { return outcome.diagnostics }
      return outcome.diagnostics + add(document)
    case nil:
      return outcome.diagnostics
    case let other?:
      return outcome.diagnostics + [
        .error(
          .workshopInput, "this is a \(other.kind.rawValue) file, not an answers file", hint: "name the respondents' *.answers.yaml files",
          at: .start(of: path))
      ]
    }
  }

  /// Checks and folds one decoded answers file.
  public func add(_ document: Document<AnswerSet>) -> [Diagnostic] {
    // A consensus written into the respondents' folder would otherwise count as one more respondent on the next run.
    if let agreed = document.model.questionnaires.lazy.flatMap(\.answers).first(where: { $0.consensus != nil }) {
      return [
        .error(
          .workshopInput, "this is a workshop's consensus file (`\(agreed.itemID.value)` has `consensus:`), not one respondent's answers",
          hint: "leave it out of the respondents, or keep consensus files in another folder", at: agreed.itemID.location)
      ]
    }
    var problems = AnswersValidator.validate(document, against: questionnaires)
    guard !problems.hasErrors else { return problems }
    problems += checkMatchesReference(document)
    guard !problems.hasErrors else { return problems }
    let answers = document.model
    respondentCount += 1
    let label = label(for: answers.respondent, path: document.path)
    if keepsDetail {
      respondents.append(
        WorkshopRespondent(
          label: label, agency: anonymous ? nil : answers.respondent.agency, role: anonymous ? nil : answers.respondent.role,
          round: answers.respondent.round, source: anonymous ? nil : document.path))
    } else if respondentCount == Self.detailLimit + 1 {
      for index in areas.indices { areas[index].dropDetail() }
    }
    if let round = answers.respondent.round { rounds.insert(round) }
    for block in answers.questionnaires {
      guard let compiled = CompiledQuestionnaire.match(
        questionnaires.filter { $0.questionnaire.id.value == block.questionnaireID.value }, version: block.version.value)
      else { continue }
      let questionnaire = compiled.questionnaire
      let areaLanguage = language ?? answers.respondent.language?.value ?? questionnaire.defaultLanguage.value
      language = areaLanguage
      let area = ScoringEngine.score(AnswerEnvironment(compiled, answers: block), answers: block, language: areaLanguage)
      let index = areaIndex(for: questionnaire, language: areaLanguage)
      areas[index].fold(area, profile: block.profile?.value, respondent: label, keepDetail: keepsDetail)
    }
    return problems
  }

  /// Problems only the whole set shows: fewer than two respondents.
  public func finishDiagnostics(paths: [String]) -> [Diagnostic] {
    guard respondentCount < 2 else { return [] }
    let location = SourceLocation.start(of: reference?.path ?? paths.first ?? "")
    return [
      .error(
        .workshopInput,
        respondentCount == 0 ? "no respondent's answers could be read" : "a workshop needs at least two respondents; only this file was given",
        hint: "name every respondent's answers file, e.g. `assess workshop Examples/examplia/workshop/*.answers.yaml`", at: location)
    ]
  }

  public func summary() -> WorkshopSummary {
    WorkshopSummary(
      country: reference?.country ?? "", respondents: respondents, anonymous: anonymous, perRespondentDetail: keepsDetail,
      areas: areas.map { $0.summary(respondentCount: respondentCount, keepDetail: keepsDetail) })
  }

  /// The round shared by every respondent, if they share one.
  public var commonRound: String? { rounds.count == 1 ? rounds.first : nil }
  public var summaryLanguage: String? { language }
  /// The profile each questionnaire was answered under, when every respondent used the same one.
  public func commonProfile(of questionnaire: String) -> String? {
    areas.first { $0.questionnaire.id.value == questionnaire }?.commonProfile
  }

  // MARK: - Checks across files

  private func checkMatchesReference(_ document: Document<AnswerSet>) -> [Diagnostic] {
    let answers = document.model
    var majors: [String: Int?] = [:]
    for block in answers.questionnaires {
      majors[block.questionnaireID.value] = SemanticVersion(block.version.value)?.major
    }
    guard let reference else {
      reference = Reference(path: document.path, country: answers.respondent.country, majors: majors)
      return []
    }
    var problems: [Diagnostic] = []
    let first = reference.path
    if answers.respondent.country != reference.country {
      problems.append(
        .error(
          .workshopInput, "these answers are about `\(answers.respondent.country)`, but \(first) is about `\(reference.country)`",
          hint: "a workshop brings together answers about one country; run one workshop per country", at: answers.location))
    }
    for block in answers.questionnaires {
      guard let expected = reference.majors[block.questionnaireID.value] else {
        problems.append(
          .error(
            .workshopInput, "this file answers `\(block.questionnaireID.value)`, which \(first) does not",
            hint: "every respondent in one workshop answers the same questionnaires; run a workshop per questionnaire, or remove this entry",
            at: block.questionnaireID.location))
        continue
      }
      if let major = majors[block.questionnaireID.value] ?? nil, let expected, major != expected {
        problems.append(
          .error(
            .workshopInput, "these answers are for version \(block.version.value) of `\(block.questionnaireID.value)`, but \(first) answers major version \(expected)",
            hint: "carry the older answers forward first: `assess carry-forward \(document.path) -o NEW.answers.yaml`", at: block.version.location))
      }
    }
    for id in reference.majors.keys.sorted() where majors[id] == nil {
      problems.append(
        .error(
          .workshopInput, "this file does not answer `\(id)`, which \(first) answers",
          hint: "add its answers, or run a workshop per questionnaire", at: answers.location))
    }
    return problems
  }

  private func label(for respondent: Respondent, path: String) -> String {
    if anonymous { return "Respondent \(respondentCount)" }
    let base = respondent.agency ?? respondent.role ?? respondent.name
      ?? ((path as NSString).lastPathComponent.components(separatedBy: ".").first ?? path)
    var label = base
    var suffix = 2
    while keepsDetail && labels.contains(label) {
      label = "\(base) (\(suffix))"
      suffix += 1
    }
    if keepsDetail { labels.insert(label) }
    return label
  }

  private func areaIndex(for questionnaire: Questionnaire, language: String) -> Int {
    if let index = areas.firstIndex(where: { $0.questionnaire.id.value == questionnaire.id.value }) { return index }
    areas.append(AreaAccumulator(questionnaire: questionnaire, language: language))
    return areas.count - 1
  }
}
