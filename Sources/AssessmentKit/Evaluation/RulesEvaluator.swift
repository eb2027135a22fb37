/// Runs a rules module's rules over one area: each rule whose `when` holds raises a finding,
/// with the answers its condition read — in this area, or in the other areas (`peers`) of the
/// same answers file for a rule across areas.
public struct RulesEvaluator: Sendable {
  public let manifest: EvaluatorManifest
  public let questionnaire: CompiledQuestionnaire
  /// The other questionnaires the module applies to, which rules may read.
  public let peers: [CompiledQuestionnaire]
  private let conditions: [(rule: Rule, condition: Expression)]
  /// Problems met while preparing the rules (a condition that does not check): the module
  /// is then not run at all, and this is its evaluator error.
  public let problem: String?

  public init(manifest: EvaluatorManifest, questionnaire: CompiledQuestionnaire, peers: [CompiledQuestionnaire] = []) {
    self.manifest = manifest
    self.questionnaire = questionnaire
    let home = questionnaire.questionnaire.id.value
    self.peers = peers.filter { $0.questionnaire.id.value != home }
    var conditions: [(Rule, Expression)] = []
    var problems: [String] = []
    for rule in manifest.rules where rule.runs(in: home) {
      let (expression, diagnostics) = questionnaire.check(rule.when, role: .condition, peers: self.peers.map(\.questionnaire))
      if let expression, diagnostics.isEmpty {
        conditions.append((rule, expression))
      } else {
        problems += diagnostics.map { "rule \(rule.id.value): \($0.text) (\($0.location))" }
      }
    }
    self.conditions = conditions
    problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
  }

  /// - Parameter peers: the other areas of the same answers file, by questionnaire id, for
  ///   rules across areas; an area missing here reads as unanswered.
  public func evaluate(
    _ environment: AnswerEnvironment, area: AreaResult, language: String, peers: [String: (AnswerEnvironment, AreaResult)] = [:]
  ) -> [Finding] {
    guard problem == nil else { return [] }
    let defaultLanguage = manifest.defaultLanguage.value
    let references = Dictionary(manifest.references.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
    var itemsByID = Dictionary(area.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for (questionnaireID, (_, peerArea)) in peers where questionnaireID != area.questionnaire {
      for item in peerArea.items { itemsByID["\(questionnaireID):\(item.id)"] = item }
    }
    let ruleEnvironment = RuleEnvironment(home: environment, peers: peers.mapValues { $0.0 })
    func text(_ value: LocalizedText) -> String { value.resolved(in: language, defaultLanguage: defaultLanguage) }
    return conditions.compactMap { rule, condition in
      guard ExpressionEvaluator.holds(condition, in: ruleEnvironment) else { return nil }
      var read: [String] = []
      for written in rule.items.map(\.value) + condition.references.map(\.id) {
        // `${border-management:BM-A.1}` in a border-management rule is plain `BM-A.1`.
        let id = RuleEnvironment.split(written).flatMap { $0.questionnaire == area.questionnaire ? $0.item : nil } ?? written
        if !read.contains(id) && itemsByID[id] != nil { read.append(id) }
      }
      let recommendation = rule.recommendation
      return Finding(
        id: "\(manifest.id.value)/\(rule.id.value)", module: manifest.id.value, rule: rule.id.value,
        questionnaire: questionnaire.questionnaire.id.value, severity: rule.severity, title: text(rule.title),
        summary: text(rule.finding.summary), why: text(rule.finding.why),
        items: rule.items.isEmpty ? read : rule.items.map(\.value),
        triggers: read.compactMap { id in
          itemsByID[id].map { Finding.Trigger(item: id, status: $0.status, answer: $0.answer) }
        },
        recommendation: RecommendationContent(
          title: text(recommendation.title), actions: recommendation.actions.map(text), actors: recommendation.actors.map(\.value),
          horizon: recommendation.horizon, component: recommendation.component,
          references: recommendation.references.map { citation in
            CitedReference(
              title: references[citation.ref.value].map { reference in
                text(reference.title)
              } ?? citation.ref.value,
              pinpoint: citation.pinpoint)
          }))
    }
  }
}
