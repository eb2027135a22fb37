/// The progress part of a follow-up's report (see ``ReportBuilder/comparisonSection(_:)``):
/// per area, the levels then and now with a chart, SAMM's progress to date and percent to
/// target, the items that regressed, improved or became critical; then the recommendations
/// done, still open and new. The figures are the ones `assess compare` prints.
public struct ComparisonSection: Sendable {
  /// "Progress since the baseline".
  public var title: String
  /// "Baseline: round-1, 2026-04-01 → follow-up: round-2, 2027-04-01."
  public var summary: String
  public var areas: [ComparisonAreaView]
  public var recommendations: RecommendationProgressView
}

public struct ComparisonAreaView: Sendable {
  public var anchor: String
  public var questionnaire: String
  public var title: String
  /// False when only one round assessed this area; ``missingNote`` then says which.
  public var assessedInBoth: Bool
  public var missingNote: String?
  /// "Level 1 → 2 (▲ +1)".
  public var levelText: String
  /// "0.44 → 0.52 (+0.08)".
  public var scoreText: String
  /// "33%", SAMM's progress to date, when a section had a gap to close.
  public var progressToDate: String?
  /// "61% → 70%".
  public var percentToTarget: String?
  public var chart: PairedBarChart?
  public var sections: [ComparisonRow]
  public var regressed: [ItemChangeView]
  public var hasRegressed: Bool
  public var improved: [ItemChangeView]
  public var hasImproved: Bool
  public var newlyCritical: [ItemChangeView]
  public var hasNewlyCritical: Bool
  public var resolvedCritical: [ItemChangeView]
  public var hasResolvedCritical: Bool
  public var unchanged: Bool
}

/// One section, then and now.
public struct ComparisonRow: Sendable {
  public var label: String
  public var before: String
  public var after: String
  /// "▲ +1", "▼ −1", "= 0" or "–": the arrow and the sign say it, not only the colour.
  public var change: String
  /// `up`, `down` or `same`, for the colour the arrow repeats.
  public var direction: String
  public var target: String
  public var progress: String
}

public struct ItemChangeView: Sendable {
  public var item: String
  public var itemText: String
  public var before: String
  public var after: String
  /// "▼ −2 levels".
  public var change: String
  public var critical: Bool
}

public struct RecommendationProgressView: Sendable {
  /// "3 done, 10 still open, 2 new".
  public var summary: String
  public var done: [RecommendationChangeView]
  public var hasDone: Bool
  public var open: [RecommendationChangeView]
  public var hasOpen: Bool
  public var new: [RecommendationChangeView]
  public var hasNew: Bool
}

public struct RecommendationChangeView: Sendable {
  public var title: String
  public var areaTitle: String
  /// "priority 72 → 65", "priority 72", or "" for none.
  public var priority: String
}
