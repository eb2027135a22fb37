/// Pairs of horizontal bars, baseline above follow-up, one pair per section, on the maturity
/// scale (0–4) with the target marked; laid out for an SVG `viewBox` of ``width`` × ``height``.
/// The baseline bar is grey and hatched, the follow-up bar solid, and each pair's value label
/// spells the change out with an arrow, so neither colour nor pattern carries meaning alone.
public struct PairedBarChart: Sendable {
  public var width: Int
  public var height: Int
  public var ticks: [BarChart.Tick]
  public var rows: [Row]
  /// Where the legend's three keys sit.
  public var legendY: String
  /// What the chart shows, in words: its text alternative.
  public var description: String
  public var hasTargets: Bool

  public struct Row: Sendable {
    public var label: String
    public var labelY: String
    public var beforeY: String
    public var beforeWidth: String
    public var afterY: String
    public var afterWidth: String
    /// The follow-up's level, for its colour class.
    public var level: Int
    public var lineTop: String
    public var lineBottom: String
    public var targetX: String?
    public var valueX: String
    /// "1 → 2 ▲ · target 3".
    public var valueText: String
  }

  public struct Entry: Sendable {
    public var label: String
    public var before: Int?
    public var after: Int?
    public var target: Int?

    public init(label: String, before: Int?, after: Int?, target: Int?) {
      self.label = label
      self.before = before
      self.after = after
      self.target = target
    }
  }

  public static let plotX = 280.0

  public init(_ entries: [Entry], subject: String, width: Int = 760) {
    let rowHeight = 44.0
    let top = 48.0
    let labelWidth = Self.plotX
    let plotWidth = Double(width) - labelWidth - 170
    self.width = width
    height = Int(top + rowHeight * Double(entries.count) + 6)
    legendY = RadarChart.number(8)
    ticks = (0...4).map { BarChart.Tick(level: $0, x: RadarChart.number(labelWidth + plotWidth * Double($0) / 4)) }
    rows = entries.enumerated().map { index, entry in
      let y = top + rowHeight * Double(index)
      let targetX = entry.target.map { labelWidth + plotWidth * Double($0) / 4 }
      return Row(
        label: RadarChart.wrap(entry.label, width: 40, lines: 1).first ?? "", labelY: RadarChart.number(y + 24),
        beforeY: RadarChart.number(y + 4), beforeWidth: RadarChart.number(plotWidth * Double(entry.before ?? 0) / 4),
        afterY: RadarChart.number(y + 20), afterWidth: RadarChart.number(plotWidth * Double(entry.after ?? 0) / 4),
        level: entry.after ?? 0, lineTop: RadarChart.number(y + 1), lineBottom: RadarChart.number(y + 39),
        targetX: targetX.map(RadarChart.number), valueX: RadarChart.number(labelWidth + plotWidth + 12),
        valueText: Self.change(entry) + (entry.target.map { " · target \($0)" } ?? ""))
    }
    hasTargets = entries.contains { $0.target != nil }
    description =
      "Maturity level of each \(subject) on a scale from 0 to 4, baseline then follow-up"
      + (hasTargets ? ", with the target level" : "") + ": "
      + entries.map { entry in
        "\(entry.label) " + Self.level(entry.before) + " then " + Self.level(entry.after) + Self.trend(entry)
          + (entry.target.map { ", target \($0)" } ?? "")
      }.joined(separator: "; ") + "."
  }

  static func change(_ entry: Entry) -> String {
    let before = entry.before.map(String.init) ?? "–"
    let after = entry.after.map(String.init) ?? "–"
    guard let then = entry.before, let now = entry.after else { return "\(before) → \(after)" }
    return "\(before) → \(after)" + (now > then ? " ▲" : now < then ? " ▼" : "")
  }

  private static func level(_ level: Int?) -> String { level.map { "level \($0)" } ?? "no level" }

  private static func trend(_ entry: Entry) -> String {
    guard let then = entry.before, let now = entry.after, then != now else { return "" }
    return now > then ? " (up \(now - then))" : " (down \(then - now))"
  }
}
