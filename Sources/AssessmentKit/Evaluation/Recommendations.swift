import EvaluatorProtocol

/// A recommendation for the action plan: what to do, its priority from 0 to 100 with the
/// formula and inputs behind it, why, and the findings (from one module or several) it answers.
public struct ScoredRecommendation: Hashable, Sendable, Codable {
  /// `REC-01`, `REC-02` … in order of priority.
  public var id: String
  public var questionnaire: String
  public var title: String
  public var actions: [String]
  public var actors: [String]
  public var horizon: Rule.Recommendation.Horizon
  public var component: Rule.Recommendation.Component
  public var references: [CitedReference]
  public var severity: Rule.Severity
  public var priority: Int
  public var priorityFormula: Formula
  /// Why it matters, in one or two sentences: the findings' reasons and the factors of the priority.
  public var why: String
  public var items: [String]
  /// The findings this recommendation answers: two modules recommending the same action appear once.
  public var sources: [String]
}

/// The one formula behind every priority:
///
///     priority = round(100 × (0.45 × S + 0.30 × G + 0.15 × W + 0.10 × C))
///
/// - S, severity: critical 1, high 0.75, medium 0.5, low 0.25, info 0;
/// - G, gap: the mean over the finding's items of (aim − score), never below 0, where the aim
///   is the section's target level ÷ 4 when the profile sets one and 1 otherwise, and an item
///   without a score counts as 0;
/// - W, weight: the largest, among the finding's items, of the item's weight ÷ the largest item
///   weight of its questionnaire;
/// - C, critical: 1 when one of the items is a critical safeguard, else 0.
///
/// A finding that names no item counts G = 0.5 and W = 0.5.
public enum PriorityFormula {
  public static let rule = "round(100 × (0.45×S + 0.30×G + 0.15×W + 0.10×C)); S severity, G gap to aim, W item weight, C critical safeguard"

  /// - Parameter peers: the other areas of the answers file, by questionnaire id, where a rule
  ///   across areas names items as `questionnaire:item`.
  public static func score(_ finding: Finding, area: AreaResult, peers: [String: AreaResult] = [:]) -> (Int, Formula) {
    var items: [String: (item: ItemResult, aim: Double, heaviest: Double)] = [:]
    for (prefix, source) in [("", area)] + peers.filter({ $0.key != area.questionnaire }).map({ ("\($0.key):", $0.value) }) {
      let targets = Dictionary(
        source.sections.compactMap { section in section.target.map { (section.id, $0.target) } }, uniquingKeysWith: { first, _ in first })
      let heaviest = source.items.filter(\.scored).map(\.weight).max() ?? 1
      for item in source.items where items[prefix + item.id] == nil {
        items[prefix + item.id] = (item, targets[item.section].map { Double($0) / 4 } ?? 1, heaviest)
      }
    }
    // Items that do not apply (not applicable, not asked, out of profile) have no gap to close.
    let concerned = finding.items.compactMap { items[$0] }.filter { [.answered, .unanswered, .unknown, .calculated].contains($0.item.status) }
    let severity = finding.severity.weight
    let gap: Double
    let weight: Double
    let critical: Double = concerned.contains(where: \.item.critical) ? 1 : 0
    if concerned.isEmpty {
      gap = 0.5
      weight = 0.5
    } else {
      gap = concerned.map { max(0, $0.aim - ($0.item.score ?? 0)) }.reduce(0, +) / Double(concerned.count)
      // Each item's weight is read against the heaviest item of its own questionnaire.
      weight = concerned.map { $0.heaviest > 0 ? $0.item.weight / $0.heaviest : 0 }.max() ?? 0
    }
    // The factors are rounded to two decimals before use, so the printed working recomputes exactly.
    let factors = [severity, gap, weight, critical].map { ($0 * 100).rounded() / 100 }
    let value = 100 * (0.45 * factors[0] + 0.30 * factors[1] + 0.15 * factors[2] + 0.10 * factors[3])
    let priority = Int((value + 1e-9).rounded())
    let n = { (x: Double) in Formula.number(x, places: 2) }
    return (
      priority,
      Formula(
        rule: rule,
        worked: "100 × (0.45×\(n(factors[0])) + 0.30×\(n(factors[1])) + 0.15×\(n(factors[2])) + 0.10×\(n(factors[3]))) = \(priority)",
        inputs: [
          Formula.Input(id: "S", value: factors[0]), Formula.Input(id: "G", value: factors[1]),
          Formula.Input(id: "W", value: factors[2]), Formula.Input(id: "C", value: factors[3]),
        ])
    )
  }

  /// Turns findings into recommendations: scored, merged when two recommend the same action
  /// (same questionnaire, same title once case and spacing are ignored), ordered by priority.
  public static func recommendations(for findings: [Finding], areas: [AreaResult]) -> [ScoredRecommendation] {
    let areasByID = Dictionary(areas.map { ($0.questionnaire, $0) }, uniquingKeysWith: { first, _ in first })
    var merged: [String: ScoredRecommendation] = [:]
    var order: [String] = []
    for finding in findings {
      guard let area = areasByID[finding.questionnaire] else { continue }
      let (priority, formula) = score(finding, area: area, peers: areasByID)
      let content = finding.recommendation
      let key = finding.questionnaire + "\u{0}" + normalized(content.title)
      let reason = "\(finding.title) (\(finding.severity.rawValue)): \(finding.why)"
      guard var existing = merged[key] else {
        merged[key] = ScoredRecommendation(
          id: "", questionnaire: finding.questionnaire, title: content.title, actions: content.actions, actors: content.actors,
          horizon: content.horizon, component: content.component, references: content.references, severity: finding.severity,
          priority: priority, priorityFormula: formula, why: reason, items: finding.items, sources: [finding.id])
        order.append(key)
        continue
      }
      existing.sources.append(finding.id)
      existing.actions = union(existing.actions, content.actions)
      existing.actors = union(existing.actors, content.actors)
      existing.items = union(existing.items, finding.items)
      existing.references = union(existing.references, content.references)
      existing.why += " " + reason
      if horizonRank(content.horizon) < horizonRank(existing.horizon) { existing.horizon = content.horizon }
      if priority > existing.priority {
        existing.priority = priority
        existing.priorityFormula = formula
        existing.component = content.component
        existing.severity = finding.severity
      }
      merged[key] = existing
    }
    let sorted = order.compactMap { merged[$0] }.enumerated().sorted { lhs, rhs in
      lhs.element.priority != rhs.element.priority ? lhs.element.priority > rhs.element.priority : lhs.offset < rhs.offset
    }.map(\.element)
    let width = max(2, String(sorted.count).count)
    return sorted.enumerated().map { index, recommendation in
      var numbered = recommendation
      let number = String(index + 1)
      numbered.id = "REC-" + String(repeating: "0", count: width - number.count) + number
      return numbered
    }
  }

  private static func normalized(_ title: String) -> String {
    title.lowercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
      .trimmingCharacters(in: [".", " "])
  }

  private static func union<T: Equatable>(_ first: [T], _ second: [T]) -> [T] {
    first + second.filter { !first.contains($0) }
  }

  private static func horizonRank(_ horizon: Rule.Recommendation.Horizon) -> Int {
    switch horizon {
    case .short: return 0
    case .medium: return 1
    case .long: return 2
    }
  }
}

extension String {
  fileprivate func trimmingCharacters(in characters: Set<Character>) -> String {
    var slice = Substring(self)
    while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
    return String(slice)
  }
}

/// The recommendations grouped three ways for the national strategy: by strategy component,
/// by responsible actor, and by horizon. Each group lists recommendation ids by priority.
public struct ActionPlan: Hashable, Sendable, Codable {
  public struct Group: Hashable, Sendable, Codable {
    public var key: String
    public var label: String
    public var recommendations: [String]
  }

  public var byComponent: [Group]
  public var byActor: [Group]
  public var byHorizon: [Group]

  /// - Parameter actorNames: names of actors beyond the built-in ones, such as those modules declare.
  public init(_ recommendations: [ScoredRecommendation], actorNames: [String: String] = [:]) {
    byComponent = Rule.Recommendation.Component.allCases.compactMap { component in
      let ids = recommendations.filter { $0.component == component }.map(\.id)
      return ids.isEmpty ? nil : Group(key: component.rawValue, label: component.label, recommendations: ids)
    }
    let builtIn = BuiltInActors.all.map(\.id)
    let named = Set(recommendations.flatMap(\.actors))
    let actors = builtIn.filter(named.contains) + named.subtracting(builtIn).sorted()
    let names = Dictionary(BuiltInActors.all.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
      .merging(actorNames, uniquingKeysWith: { builtIn, _ in builtIn })
    byActor = actors.map { actor in
      Group(key: actor, label: names[actor] ?? actor, recommendations: recommendations.filter { $0.actors.contains(actor) }.map(\.id))
    }
    byHorizon = Rule.Recommendation.Horizon.allCases.compactMap { horizon in
      let ids = recommendations.filter { $0.horizon == horizon }.map(\.id)
      return ids.isEmpty ? nil : Group(key: horizon.rawValue, label: horizon.label, recommendations: ids)
    }
  }
}
