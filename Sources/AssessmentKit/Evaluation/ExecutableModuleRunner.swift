import EvaluatorProtocol

/// One executable module for a batch: started on first use, asked once per area, its output
/// checked, its failures turned into evaluator errors — never into findings or scores.
final class ExecutableModuleRunner {
  let session: ExecutableModuleSession
  private var started = false
  private var requests = 0
  private var startFailure: EvaluatorFailure?
  /// Where the log stood when the current answers file began.
  private var fileLogMark = 0

  init(manifest: EvaluatorManifest, path: String, toolkitVersion: String) {
    session = ExecutableModuleSession(manifest: manifest, manifestPath: path, toolkitVersion: toolkitVersion)
  }

  var protocolVersion: Int? { session.protocolVersion }
  /// What the module logged for the current answers file (and, for the first, while starting):
  /// a result shows its own file's lines, never another respondent's, and a long batch does
  /// not copy the whole log into every result.
  var log: String { session.log(since: fileLogMark) }

  /// Marks the start of the next answers file's evaluations.
  func beginFile() {
    fileLogMark = started ? session.logMark : 0
  }

  func evaluate(area: AreaResult, respondent: Respondent, language: String, questionnaire: Questionnaire) -> Result<[Finding], ModuleFailure> {
    if !started {
      started = true
      do {
        try session.start()
      } catch {
        startFailure = error
      }
    }
    if let startFailure { return .failure(ModuleFailure(message: startFailure.message)) }
    requests += 1
    let request = Self.request(id: "r\(requests)", area: area, respondent: respondent, language: language, questionnaire: questionnaire)
    switch session.evaluate(request) {
    case .failure(let failure):
      return .failure(ModuleFailure(message: failure.message))
    case .success(let result):
      // The session has checked the result against the output rules already.
      let items = Dictionary(area.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      return .success(
        result.findings.compactMap { finding in
          guard let severity = Rule.Severity(rawValue: finding.severity),
            let horizon = Rule.Recommendation.Horizon(rawValue: finding.recommendation.horizon),
            let component = Rule.Recommendation.Component(rawValue: finding.recommendation.component)
          else { return nil }
          return Finding(
            id: "\(session.moduleID)/\(finding.id)", module: session.moduleID, rule: finding.id, questionnaire: area.questionnaire,
            severity: severity, title: finding.title, summary: finding.summary, why: finding.why, items: finding.items,
            triggers: finding.items.compactMap { id in items[id].map { Finding.Trigger(item: id, status: $0.status, answer: $0.answer) } },
            recommendation: RecommendationContent(
              title: finding.recommendation.title, actions: finding.recommendation.actions, actors: finding.recommendation.actors,
              horizon: horizon, component: component,
              references: finding.recommendation.references.map { CitedReference(title: $0.title, pinpoint: $0.pinpoint) }))
        })
    }
  }

  func finish() {
    if started { session.shutdown() }
  }

  /// What a module is told about one area: every item's answer and score, every section's score.
  static func request(
    id: String, area: AreaResult, respondent: Respondent, language: String, questionnaire: Questionnaire
  ) -> EvaluateRequest {
    EvaluateRequest(
      requestId: id, questionnaire: QuestionnaireIdentity(id: area.questionnaire, version: area.version), language: language,
      respondent: RespondentSummary(country: respondent.country, agency: respondent.agency, round: respondent.round),
      profile: area.profile,
      items: area.items.map { item in
        ItemState(
          id: item.id, section: item.section, type: questionnaire.item(item.id)?.kind.rawValue ?? "choice", critical: item.critical,
          weight: item.weight, status: status(item.status), value: value(item, in: questionnaire), score: item.score,
          level: item.level, deficient: item.deficient)
      },
      sections: area.sections.map { section in
        SectionState(
          id: section.id, score: section.score, level: section.level?.level, target: section.target?.target,
          answered: section.coverage.answered, applicable: section.coverage.applicable)
      })
  }

  private static func status(_ status: ItemResult.Status) -> ItemState.Status {
    switch status {
    case .answered, .calculated: return .answered
    case .unanswered: return .unanswered
    case .notApplicable: return .notApplicable
    case .unknown: return .unknown
    case .notAsked, .outOfProfile: return .notAsked
    }
  }

  private static func value(_ item: ItemResult, in questionnaire: Questionnaire) -> AnswerJSON? {
    guard item.status == .answered || item.status == .calculated, let answer = item.answer, let first = answer.first else { return nil }
    switch questionnaire.item(item.id)?.kind {
    case .multi?: return .list(answer)
    case .number?, .percent?: return Double(first).map(AnswerJSON.number) ?? .text(first)
    default: return .text(first)
    }
  }
}
