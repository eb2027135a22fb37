import Foundation

/// Counted values: what an item's answers are reduced to while many files stream past, so
/// exact medians and quartiles need memory for the distinct values only, not the answers.
public struct Histogram: Hashable, Sendable {
  public private(set) var counts: [Double: Int] = [:]
  public private(set) var total = 0

  public init() {}

  public mutating func add(_ value: Double, count: Int = 1) {
    counts[value, default: 0] += count
    total += count
  }

  public var minimum: Double? { counts.keys.min() }
  public var maximum: Double? { counts.keys.max() }
  public var mean: Double? {
    total == 0 ? nil : counts.reduce(0) { $0 + $1.key * Double($1.value) } / Double(total)
  }

  /// The k-th smallest value, k from 1.
  func orderStatistic(_ k: Int) -> Double? {
    var seen = 0
    for value in counts.keys.sorted() {
      seen += counts[value] ?? 0
      if seen >= k { return value }
    }
    return nil
  }

  /// The p-quantile by Hyndman and Fan's definition 6 (the one Minitab and SPSS use): the value at
  /// position (n + 1)·p among the sorted values, interpolated, clamped to the first and last.
  /// With three respondents the quartiles are the lowest and highest answer, so a one-against-two
  /// split still shows as spread.
  public func quantile(_ p: Double) -> Double? {
    guard total > 0 else { return nil }
    let position = min(max(Double(total + 1) * p, 1), Double(total))
    let lower = Int(position.rounded(.down))
    guard let low = orderStatistic(lower) else { return nil }
    let fraction = position - Double(lower)
    guard fraction > 0, let high = orderStatistic(lower + 1) else { return low }
    return low + fraction * (high - low)
  }

  public var median: Double? { quantile(0.5) }

  /// Tastle and Wierman's consensus on an ordinal scale of the given width:
  /// 1 + Σ pᵢ·log₂(1 − |Xᵢ − μ| / width). 1 when everyone gives the same answer, 0 when the
  /// answers split evenly between the two ends of the scale.
  public func agreement(width: Double) -> Double? {
    guard let mean, width > 0 else { return nil }
    var sum = 0.0
    for (value, count) in counts {
      let share = 1 - abs(value - mean) / width
      guard share > 0 else { return 0 }
      sum += Double(count) / Double(total) * log2(share)
    }
    return min(max(1 + sum, 0), 1)
  }
}
