/// Limits that keep loading fast and safe whatever file a person hands the toolkit.
public struct LoadOptions: Hashable, Sendable {
  /// Files above this many bytes are refused before they are parsed.
  public var maximumFileSize: Int
  /// How deeply lists and mappings may nest. Real files nest a dozen levels; the YAML
  /// composer recurses once per level, so a hostile file could otherwise exhaust the stack.
  public var maximumNestingDepth: Int
  /// The least number of nodes that anchors and aliases may expand to; larger files get a
  /// budget in proportion to their size (one node per byte).
  public var minimumAliasExpansionBudget: Int

  public static let defaultMaximumFileSize = 10 * 1024 * 1024

  public init(
    maximumFileSize: Int = LoadOptions.defaultMaximumFileSize,
    maximumNestingDepth: Int = 256,
    minimumAliasExpansionBudget: Int = 100_000
  ) {
    self.maximumFileSize = maximumFileSize
    self.maximumNestingDepth = maximumNestingDepth
    self.minimumAliasExpansionBudget = minimumAliasExpansionBudget
  }

  public static let `default` = LoadOptions()
}
