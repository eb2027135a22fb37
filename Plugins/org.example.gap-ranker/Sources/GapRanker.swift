import EvaluatorKit

/// Ranks the gaps between each section's maturity and the level the profile aims for, and names
/// the weakest answered items of every section that falls short.
///
/// For each scored section below its target level (or, without a target, scoring below 0.5) the
/// module raises one finding. Its severity grows with the size of the gap, one step higher when a
/// critical safeguard answered with a deficient option is among the weakest items. Its
/// recommendation asks for a costed plan, one action per weak item, and a re-assessment.
@main
struct GapRanker: EvaluatorMain {
  let identity = ModuleIdentity(id: "org.example.gap-ranker", version: "0.1.0")

  /// Without a target, a section scoring below this is a gap.
  static let threshold = 0.5
  /// How many of a section's weakest items a finding names.
  static let weakestCount = 3

  func evaluate(_ request: EvaluateRequest) throws -> [FindingMessage] {
    guard request.questionnaire.id == "border-management" else {
      throw EvaluationError(
        "gap-ranker knows the sections of border-management only, not \(request.questionnaire.id)")
    }
    let findings = request.sections.compactMap { section in
      finding(for: section, items: request.items.filter { $0.section == section.id })
    }
    // EvaluatorKit points stdout at stderr, so print() writes to the module's log, never to the channel.
    print("gap-ranker: request \(request.requestId): \(findings.count) section(s) below target")
    return findings
  }

  private func finding(for section: SectionState, items: [ItemState]) -> FindingMessage? {
    guard let score = section.score else { return nil }
    let level = section.level ?? Self.level(for: score)
    let gap: Gap
    if let target = section.target {
      guard level < target else { return nil }
      gap = .levels(below: target - level, level: level, target: target)
    } else {
      guard score < Self.threshold else { return nil }
      gap = .score(score)
    }

    // Weakest first: lowest score, then critical safeguards, then heavier items, then by id.
    let weakest = items
      .filter { $0.status == .answered && ($0.score ?? 1) < 1 }
      .sorted { lhs, rhs in
        let left = (lhs.score ?? 1, lhs.critical ? 0 : 1, -lhs.weight)
        let right = (rhs.score ?? 1, rhs.critical ? 0 : 1, -rhs.weight)
        return left != right ? left < right : lhs.id < rhs.id
      }
      .prefix(Self.weakestCount)
    guard !weakest.isEmpty else { return nil }
    let ids = weakest.map(\.id)
    let criticalFlags = weakest.filter { $0.critical && $0.deficient }.map(\.id)

    var severity = gap.severity
    if !criticalFlags.isEmpty { severity = severity.raised }
    let horizon: RecommendationHorizon =
      !criticalFlags.isEmpty ? .short : gap.isLarge ? .long : .medium
    let profile = Self.profiles[section.id] ?? Self.fallbackProfile

    var why =
      "A section is only as strong as its weakest answers: raising \(Self.list(ids)) lifts the whole of "
      + "\(profile.name), and shows the agencies concerned where to start."
    if !criticalFlags.isEmpty {
      why +=
        " \(Self.list(criticalFlags)) \(criticalFlags.count == 1 ? "is a critical safeguard" : "are critical safeguards") "
        + "answered with a deficient option, which caps the section's maturity whatever its average."
    }
    let itemActions = weakest.map { item in
      "For \(item.id) (now \(Self.describe(item))): name the lead agency, the legal or procedural change needed, "
        + "and the evidence that will show it in place."
    }
    return FindingMessage(
      id: "GAP-\(section.id)",
      title: gap.title(section: section.id),
      severity: severity,
      items: ids,
      summary: "\(gap.summary(section: section.id, score: score)); its weakest answers are "
        + "\(Self.list(weakest.map { "\($0.id) (\(Self.describe($0)))" })).",
      why: why,
      recommendation: RecommendationMessage(
        title: "Close the gap in \(profile.name), starting with \(Self.list(ids))",
        actions: [gap.planAction(section: section.id, items: ids)] + itemActions + [
          "Re-assess section \(section.id) at the follow-up round, with evidence attached to every answer."
        ],
        actors: profile.actors,
        horizon: horizon,
        component: profile.component))
  }

  // MARK: - Gaps

  enum Gap {
    case levels(below: Int, level: Int, target: Int)
    case score(Double)

    var severity: FindingSeverity {
      switch self {
      case .levels(let below, _, _): return below >= 3 ? .high : below == 2 ? .medium : .low
      case .score(let score): return score < 0.25 ? .high : .medium
      }
    }

    var isLarge: Bool {
      switch self {
      case .levels(let below, _, _): return below >= 3
      case .score(let score): return score < 0.25
      }
    }

    func title(section: String) -> String {
      switch self {
      case .levels(let below, _, _):
        return "Section \(section) is \(below) level\(below == 1 ? "" : "s") below its target"
      case .score: return "Section \(section) scores below half"
      }
    }

    func summary(section: String, score: Double) -> String {
      switch self {
      case .levels(_, let level, let target):
        return "Section \(section) is at maturity level \(level) against a target of \(target) (score \(GapRanker.format(score)))"
      case .score:
        return "Section \(section) scores \(GapRanker.format(score)), below \(GapRanker.format(GapRanker.threshold)), and the profile sets no target"
      }
    }

    func planAction(section: String, items: [String]) -> String {
      switch self {
      case .levels(_, let level, let target):
        return "Agree with the agencies concerned a costed plan that takes section \(section) from level \(level) to "
          + "level \(target), with a milestone for each of \(GapRanker.list(items))."
      case .score:
        return "Agree with the agencies concerned a costed plan that brings section \(section) above "
          + "\(GapRanker.format(GapRanker.threshold)), with a milestone for each of \(GapRanker.list(items))."
      }
    }
  }

  // MARK: - What each section of border-management is about

  struct SectionProfile {
    var name: String
    var actors: [String]
    var component: StrategyComponent
  }

  static let profiles: [String: SectionProfile] = [
    "BM-A": SectionProfile(
      name: "the legal framework and access to protection", actors: ["legislature", "border-guards", "immigration"],
      component: .legislationOperations),
    "BM-B": SectionProfile(
      name: "rescue, reception, screening and identification", actors: ["border-guards", "immigration", "health", "ngos"],
      component: .assistanceProtection),
    "BM-C": SectionProfile(
      name: "use of force, non-discrimination and accountability", actors: ["border-guards", "prosecutors", "nhri"],
      component: .accountability),
    "BM-D": SectionProfile(
      name: "detention and its alternatives", actors: ["immigration", "judiciary", "ngos"],
      component: .legislationOperations),
    "BM-E": SectionProfile(
      name: "return and removal", actors: ["immigration", "prosecutors", "consulates"],
      component: .legislationOperations),
    "BM-F": SectionProfile(
      name: "integrity, training and cooperation", actors: ["border-guards", "ministries"],
      component: .internationalCooperation),
  ]

  static let fallbackProfile = SectionProfile(
    name: "this section", actors: ["ministries"], component: .legislationOperations)

  // MARK: - Wording

  /// The default maturity bands: 0.2 per level.
  static func level(for score: Double) -> Int { min(4, max(0, Int((score * 5).rounded(.down)))) }

  static func format(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    if hundredths % 100 == 0 { return "\(hundredths / 100)" }
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction % 10 == 0 ? "\(fraction / 10)" : fraction < 10 ? "0\(fraction)" : "\(fraction)")"
  }

  static func describe(_ item: ItemState) -> String {
    let score = item.score.map { "score \(format($0))" } ?? "not scored"
    switch item.value {
    case .text(let text)?: return "\"\(text)\", \(score)"
    case .number(let number)?: return "\(format(number)), \(score)"
    case .list(let values)?: return "\(values.joined(separator: ", ")), \(score)"
    case nil: return score
    }
  }

  static func list(_ words: [String]) -> String {
    switch words.count {
    case 0: return ""
    case 1: return words[0]
    default: return words.dropLast().joined(separator: ", ") + " and " + words.last!
    }
  }
}

extension FindingSeverity {
  /// One step more serious.
  var raised: FindingSeverity {
    switch self {
    case .info: return .low
    case .low: return .medium
    case .medium: return .high
    case .high, .critical: return .critical
    }
  }
}

