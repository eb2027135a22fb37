/// Runs a rules module's rules over one area: each rule whose `when` holds raises a finding,
/// with the answers its condition read.
public struct RulesEvaluator: Sendable {
  public let manifest: EvaluatorManifest
  public let questionnaire: CompiledQuestionnaire
  private let conditions: [(rule: Rule, condition: Expression)]
  /// Problems met while preparing the rules (a condition that does not check): the module
  /// is then not run at all, and this is its evaluator error.
  public let problem: String?

  public init(manifest: EvaluatorManifest, questionnaire: CompiledQuestionnaire) {
    self.manifest = manifest
    self.questionnaire = questionnaire
    var conditions: [(Rule, Expression)] = []
    var problems: [String] = []
    for rule in manifest.rules {
      let (expression, diagnostics) = questionnaire.check(rule.when, role: .condition)
      if let expression, diagnostics.isEmpty {
        conditions.append((rule, expression))
      } else {
        problems += diagnostics.map { "rule \(rule.id.value): \($0.text) (\($0.location))" }
      }
    }
    self.conditions = conditions
    problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
  }

  public func evaluate(_ environment: AnswerEnvironment, area: AreaResult, language: String) -> [Finding] {
    guard problem == nil else { return [] }
    let defaultLanguage = manifest.defaultLanguage.value
    let references = Dictionary(manifest.references.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
    let itemsByID = Dictionary(area.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    func text(_ value: LocalizedText) -> String { value.resolved(in: language, defaultLanguage: defaultLanguage) }
    return conditions.compactMap { rule, condition in
      guard ExpressionEvaluator.holds(condition, in: environment) else { return nil }
      var read: [String] = []
      for id in rule.items.map(\.value) + condition.references.map(\.id) where !read.contains(id) && itemsByID[id] != nil {
        read.append(id)
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
