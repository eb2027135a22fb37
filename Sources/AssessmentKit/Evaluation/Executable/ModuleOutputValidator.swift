import EvaluatorProtocol

/// The rules every result of an executable module must keep (`Docs/evaluator-protocol.md`,
/// "Output validation"). One broken rule makes the whole result an evaluator error: a result is
/// never passed on in part.
public enum ModuleOutputValidator {
  /// Every problem with `result` as an answer to `request`; empty when it may be used.
  /// - Parameter knownActors: the actor ids a recommendation may name: the built-in ones and
  ///   those the module's manifest declares.
  public static func problems(
    in result: EvaluateResult, for request: EvaluateRequest, knownActors: Set<String> = BuiltInActors.ids
  ) -> [String] {
    var problems: [String] = []
    if result.requestId != request.requestId {
      problems.append("the result answers request `\(ModuleText.line(result.requestId, limit: 80))`, not `\(request.requestId)`")
    }
    let itemIDs = Set(request.items.map(\.id))
    let severities = Set(Rule.Severity.allCases.map(\.rawValue))
    let horizons = Set(Rule.Recommendation.Horizon.allCases.map(\.rawValue))
    let components = Set(Rule.Recommendation.Component.allCases.map(\.rawValue))
    var seen = Set<String>()
    for (index, finding) in result.findings.enumerated() {
      let name = finding.id.isEmpty ? "finding \(index + 1)" : "finding `\(ModuleText.line(finding.id, limit: 80))`"
      func problem(_ text: String) { problems.append("\(name): \(text)") }

      if finding.id.isEmpty {
        problem("`id` is empty")
      } else if !IdentifierRules.isValidID(finding.id) {
        problem("`id` may hold only letters, digits, `.`, `_` and `-`, start with a letter or digit, and be at most 64 characters")
      } else if !seen.insert(finding.id).inserted {
        problem("the id is used by an earlier finding too; finding ids must be unique")
      }
      for item in finding.items where !itemIDs.contains(item) {
        problem("item `\(ModuleText.line(item, limit: 80))` is not among the items of \(request.questionnaire.id) \(request.questionnaire.version) in the request")
      }
      if !severities.contains(finding.severity) {
        problem("severity \(ModuleText.quoted(finding.severity)) is not one of \(list(Rule.Severity.allCases.map(\.rawValue)))")
      }
      let recommendation = finding.recommendation
      if !horizons.contains(recommendation.horizon) {
        problem("horizon \(ModuleText.quoted(recommendation.horizon)) is not one of \(list(Rule.Recommendation.Horizon.allCases.map(\.rawValue)))")
      }
      if !components.contains(recommendation.component) {
        problem(
          "component \(ModuleText.quoted(recommendation.component)) is not one of \(list(Rule.Recommendation.Component.allCases.map(\.rawValue)))")
      }
      if recommendation.actors.isEmpty { problem("the recommendation names no actor") }
      for actor in recommendation.actors where !knownActors.contains(actor) {
        problem("actor \(ModuleText.quoted(actor)) is neither built in nor declared in the module's manifest")
      }
      for (field, text) in [
        ("title", finding.title), ("summary", finding.summary), ("why", finding.why),
        ("recommendation.title", recommendation.title),
      ] where isBlank(text) {
        problem("`\(field)` is empty")
      }
      if recommendation.actions.isEmpty {
        problem("the recommendation has no action")
      } else if recommendation.actions.contains(where: isBlank) {
        problem("the recommendation has an empty action")
      }
      if recommendation.references.contains(where: { isBlank($0.title) }) {
        problem("a reference has an empty title")
      }
    }
    return problems
  }

  private static func isBlank(_ text: String) -> Bool {
    text.allSatisfy { $0.isWhitespace || $0.isNewline }
  }

  private static func list(_ words: [String]) -> String {
    words.map { "`\($0)`" }.joined(separator: ", ")
  }
}
