import Foundation

/// A radar chart of maturity levels (0–4), one axis per area, laid out for an SVG `viewBox`
/// of ``width`` × ``height``. The template draws it; the geometry is computed here so every
/// template gets the same, tested shape. Coordinates are strings with one decimal, so the same
/// inputs give the same bytes.
public struct RadarChart: Sendable {
  public var width: Int
  public var height: Int
  public var centerX: String
  public var centerY: String
  /// The concentric guides for levels 1–4, each a polygon, with the level's label placed on
  /// the first axis.
  public var rings: [RadarRing]
  public var axes: [RadarAxis]
  /// The polygon of the areas' levels.
  public var levelPoints: String
  /// The polygon of the targets, when every area has one.
  public var targetPoints: String?
  /// The polygon of the levels the scores alone reach, when a critical safeguard capped any area lower.
  public var uncappedPoints: String?
  /// What the chart shows, in words: its text alternative.
  public var description: String

  public struct RadarRing: Sendable {
    public var level: Int
    public var points: String
    public var labelX: String
    public var labelY: String
  }

  public struct RadarAxis: Sendable {
    public var label: [LabelLine]
    public var x: String
    public var y: String
    public var labelX: String
    public var labelY: String
    /// SVG `text-anchor`: start, middle or end, so labels grow away from the chart.
    public var textAnchor: String
    /// Where the dot for this axis's level sits.
    public var dotX: String
    public var dotY: String
    /// "Level 1 · target 3", the label's last line, so the value never depends on reading the shape.
    public var valueText: String
  }

  /// One line of an axis label; `dy` moves it below the line before.
  public struct LabelLine: Sendable {
    public var text: String
    public var dy: String
  }

  /// A point on the chart per area: its name, its level and, optionally, its target.
  public struct Entry: Sendable {
    public var label: String
    public var level: Int
    public var target: Int?
    /// The level before a critical safeguard capped it.
    public var uncapped: Int?

    public init(label: String, level: Int, target: Int?, uncapped: Int? = nil) {
      self.label = label
      self.level = level
      self.target = target
      self.uncapped = uncapped
    }
  }

  /// nil with fewer than three areas: a radar of two axes is a line, and a bar chart says it better.
  /// Labels need room on every side: the chart is wider than tall, and the radius leaves
  /// a margin for three lines of label above, below and beside each axis.
  public init?(_ entries: [Entry], width: Int = 680, height: Int = 500) {
    guard entries.count >= 3 else { return nil }
    self.width = width
    self.height = height
    let middleX = Double(width) / 2
    let middle = Double(height) / 2 + 6
    let radius = Double(height) / 2 - 80
    centerX = Self.number(middleX)
    centerY = Self.number(middle)
    func point(_ index: Int, _ distance: Double) -> (Double, Double) {
      let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(entries.count)
      return (middleX + distance * cos(angle), middle + distance * sin(angle))
    }
    func polygon(_ values: [Double]) -> String {
      values.enumerated().map { index, value in
        let (x, y) = point(index, radius * value / 4)
        return Self.number(x) + "," + Self.number(y)
      }.joined(separator: " ")
    }
    rings = (1...4).map { level in
      let (x, y) = point(0, radius * Double(level) / 4)
      return RadarRing(
        level: level, points: polygon(Array(repeating: Double(level), count: entries.count)),
        labelX: Self.number(x + 4), labelY: Self.number(y - 3))
    }
    axes = entries.enumerated().map { index, entry in
      let (x, y) = point(index, radius)
      let (labelX, labelY) = point(index, radius + 16)
      let (dotX, dotY) = point(index, radius * Double(entry.level) / 4)
      let anchor = abs(labelX - middleX) < 1 ? "middle" : (labelX > middleX ? "start" : "end")
      let lines = Self.wrap(entry.label, width: 24, lines: 3)
      // Labels above the centre grow upwards, so their last line sits at the axis end.
      let lift = labelY < middle - 1 ? Double(lines.count) * 14 : 0
      return RadarAxis(
        label: lines.enumerated().map { LabelLine(text: $1, dy: $0 == 0 ? "0" : "14") }, x: Self.number(x), y: Self.number(y),
        labelX: Self.number(labelX), labelY: Self.number(labelY - lift + (labelY > middle + 1 ? 10 : 0)), textAnchor: anchor,
        dotX: Self.number(dotX), dotY: Self.number(dotY),
        valueText: "Level \(entry.level)" + (entry.target.map { " · target \($0)" } ?? ""))
    }
    levelPoints = polygon(entries.map { Double($0.level) })
    let targets = entries.compactMap(\.target)
    targetPoints = targets.count == entries.count ? polygon(targets.map(Double.init)) : nil
    uncappedPoints = entries.contains { $0.uncapped != nil } ? polygon(entries.map { Double($0.uncapped ?? $0.level) }) : nil
    description =
      "Maturity level of each area on a scale from 0 to 4: "
      + entries.map { entry in
        "\(entry.label) level \(entry.level)" + (entry.uncapped.map { " (capped from \($0))" } ?? "")
          + (entry.target.map { ", target \($0)" } ?? "")
      }.joined(separator: "; ") + "."
  }

  static func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    // "-0.0" would differ from "0.0" for the same picture.
    return String(format: "%.1f", rounded == 0 ? 0 : rounded)
  }

  /// Splits text into at most `lines` lines of about `width` characters, on spaces; the last
  /// line ends with "…" when text is left over.
  static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
    var result: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      let word = word.count > width ? String(word.prefix(width - 1)) + "…" : String(word)
      if current.isEmpty {
        current = word
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        result.append(current)
        current = word
      }
    }
    if !current.isEmpty { result.append(current) }
    if result.count > lines {
      result = Array(result.prefix(lines))
      result[lines - 1] = String(result[lines - 1].prefix(width - 1)) + "…"
    }
    return result
  }
}

/// Horizontal bars of maturity levels (0–4), one row per section, with the target marked; laid
/// out for an SVG `viewBox` of ``width`` × ``height``.
public struct BarChart: Sendable {
  public var width: Int
  public var height: Int
  /// Where the bars start: the labels sit left of it.
  public var plotX: String
  public var plotWidth: String
  /// The vertical guides for levels 0–4.
  public var ticks: [Tick]
  public var rows: [Row]
  /// What the chart shows, in words: its text alternative.
  public var description: String
  public var hasTargets: Bool

  public struct Tick: Sendable {
    public var level: Int
    public var x: String
  }

  public struct Row: Sendable {
    public var label: String
    public var y: String
    public var textY: String
    /// The target marker spans a little more than the bar.
    public var lineTop: String
    public var lineBottom: String
    public var barWidth: String
    public var levelText: String
    /// Where the value label goes: in the column right of the plot.
    public var valueX: String
    public var target: Int?
    public var targetX: String?
    public var targetText: String?
    /// The level falls short of the target: the bar is hatched as well as coloured.
    public var belowTarget: Bool
    public var level: Int
  }

  public struct Entry: Sendable {
    public var label: String
    public var level: Int?
    public var target: Int?

    public init(label: String, level: Int?, target: Int?) {
      self.label = label
      self.level = level
      self.target = target
    }
  }

  public init(_ entries: [Entry], subject: String, width: Int = 760) {
    let rowHeight = 30.0
    let top = 26.0
    let labelWidth = 280.0
    // The value labels get a column of their own, right of the plot, so no bar or target mark crosses them.
    let plotWidth = Double(width) - labelWidth - 150
    self.width = width
    height = Int(top + rowHeight * Double(entries.count) + 8)
    plotX = RadarChart.number(labelWidth)
    self.plotWidth = RadarChart.number(plotWidth)
    ticks = (0...4).map { Tick(level: $0, x: RadarChart.number(labelWidth + plotWidth * Double($0) / 4)) }
    rows = entries.enumerated().map { index, entry in
      let y = top + rowHeight * Double(index)
      let level = entry.level ?? 0
      let barWidth = plotWidth * Double(level) / 4
      let targetX = entry.target.map { labelWidth + plotWidth * Double($0) / 4 }
      return Row(
        label: RadarChart.wrap(entry.label, width: 40, lines: 1).first ?? "", y: RadarChart.number(y + 5),
        textY: RadarChart.number(y + 19), lineTop: RadarChart.number(y + 1), lineBottom: RadarChart.number(y + 29), barWidth: RadarChart.number(barWidth),
        levelText: entry.level.map { "Level \($0)" } ?? "no level",
        valueX: RadarChart.number(labelWidth + plotWidth + 12), target: entry.target, targetX: targetX.map(RadarChart.number),
        targetText: entry.target.map { "target \($0)" }, belowTarget: entry.target.map { level < $0 } ?? false, level: level)
    }
    hasTargets = entries.contains { $0.target != nil }
    description =
      "Maturity level of each \(subject) on a scale from 0 to 4"
      + (hasTargets ? ", with the target level marked" : "") + ": "
      + entries.map { entry in
        "\(entry.label) " + (entry.level.map { "level \($0)" } ?? "no level") + (entry.target.map { ", target \($0)" } ?? "")
      }.joined(separator: "; ") + "."
  }
}
