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
    let totalWeight = inputs.reduce(0) { $0 + ($1.weight ?? 1) }
    guard !inputs.isEmpty, totalWeight > 0 else { return nil }
    let value = inputs.reduce(0) { $0 + $1.value * ($1.weight ?? 1) } / totalWeight
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
}
