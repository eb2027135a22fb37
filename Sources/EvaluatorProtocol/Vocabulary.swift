/// The closed sets of words a module's findings may use. The host checks every result against
/// them (`Docs/evaluator-protocol.md`, "Output validation"); anything else makes the whole result
/// an evaluator error.
public enum ProtocolVocabulary {
  /// `FindingMessage.severity`, most serious first.
  public static let severities = ["critical", "high", "medium", "low", "info"]

  /// `RecommendationMessage.horizon`.
  public static let horizons = ["short", "medium", "long"]

  /// `RecommendationMessage.component`: the six components of a national strategy.
  public static let components = [
    "data-research", "prevention", "legislation-operations", "assistance-protection", "accountability",
    "international-cooperation",
  ]

  /// `RecommendationMessage.actors`: the built-in actor ids, in the order reports list them.
  public static let actors = [
    "police", "border-guards", "coastguard", "immigration", "customs", "child-protection", "prosecutors", "judiciary",
    "prisons", "consulates", "ngos", "labour-inspection", "ministries", "legislature", "health", "nhri",
  ]
}
