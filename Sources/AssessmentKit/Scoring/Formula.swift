/// How a number was computed, written so a reader can redo it by hand: the rule, the inputs,
/// and the arithmetic with the inputs in place.
public struct Formula: Hashable, Sendable, Codable {
  /// The rule in words and symbols: "weighted mean: Σ(score × weight) / Σ(weight)".
  public var rule: String
  /// The rule with the numbers in place: "(0.75×2 + 0.5×1) / (2 + 1) = 0.667".
  public var worked: String
  public var inputs: [Input]

  public struct Input: Hashable, Sendable, Codable {
    /// The item, section or factor the number belongs to.
    public var id: String
    public var value: Double
    public var weight: Double?

    public init(id: String, value: Double, weight: Double? = nil) {
      self.id = id
      self.value = value
      self.weight = weight
    }
  }

  public init(rule: String, worked: String, inputs: [Input]) {
    self.rule = rule
    self.worked = worked
    self.inputs = inputs
  }

  /// A weighted mean of the inputs, with its working; nil when there are no inputs or no weight.
  static func weightedMean(_ inputs: [Input], of what: String) -> (value: Double, formula: Formula)? {
    // Weights are scaled by the largest first, so huge weights cannot overflow the sums.
    let largest = inputs.map { $0.weight ?? 1 }.max() ?? 0
    guard !inputs.isEmpty, largest > 0, largest.isFinite else { return nil }
    let totalWeight = inputs.reduce(0) { $0 + ($1.weight ?? 1) / largest }
    let value = inputs.reduce(0) { $0 + $1.value * (($1.weight ?? 1) / largest) } / totalWeight
    guard value.isFinite else { return nil }
    let numerator = inputs.map { "\(Self.number($0.value))×\(Self.number($0.weight ?? 1))" }.joined(separator: " + ")
    let denominator = inputs.map { Self.number($0.weight ?? 1) }.joined(separator: " + ")
    return (
      value,
      Formula(
        rule: "weighted mean of \(what): Σ(score × weight) / Σ(weight)",
        worked: "(\(numerator)) / (\(denominator)) = \(Self.number(value, places: 3))", inputs: inputs)
    )
  }

  /// A number as the working shows it: up to `places` decimals, no trailing zeros.
  static func number(_ value: Double, places: Int = 3) -> String {
    guard value.isFinite else { return String(value) }
    // Too small to show in `places` decimals, or too large for an integer: keep every digit.
    if value != 0 && abs(value) < 0.5 / pow10(places) || abs(value) >= 1e15 { return String(value) }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var text = String(rounded)
    if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > places + 1 {
      text = String(text[..<text.index(dot, offsetBy: places + 1)])
    }
    return text
  }

  private static func pow10(_ places: Int) -> Double {
    var result = 1.0
    for _ in 0..<places { result *= 10 }
    return result
  }
}
