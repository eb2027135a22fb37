/// What an expression evaluates to.
public enum ExpressionValue: Hashable, Sendable, CustomStringConvertible {
  case number(Double)
  case text(String)
  case boolean(Bool)
  case list([ExpressionValue])
  /// No value, and why.
  case missing(Missing)

  /// Why a value is missing. Each reason propagates by the rules in `Docs/expressions.md`.
  public enum Missing: String, Hashable, Sendable {
    /// Not answered yet, or not asked because the item is not relevant.
    case unanswered
    /// Answered "not applicable".
    case notApplicable = "not-applicable"
    /// Answered "don't know".
    case unknown = "dont-know"
    /// Arithmetic without a result: division by zero, or a number too large to hold.
    case undefined
  }

  public var isMissing: Bool {
    if case .missing = self { return true }
    return false
  }

  /// As a condition: only `true` is true; `false` and every missing value count as false.
  public var isTrue: Bool { self == .boolean(true) }

  public var description: String {
    switch self {
    case .number(let value): return ExpressionPrinter.format(value)
    case .text(let value): return "'\(value)'"
    case .boolean(let value): return value ? "true" : "false"
    case .list(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
    case .missing(let reason): return "(\(reason.rawValue))"
    }
  }
}

/// What an expression can read: answers, the item it belongs to, and scores.
public protocol ExpressionEnvironment {
  /// The item `.` stands for, if any.
  var currentItemID: String? { get }
  /// The value of `${id}`: the typed answer, a calculated value, or a missing value.
  func value(of id: String) -> ExpressionValue
  /// The option values chosen for an item, including "not applicable" and "don't know"
  /// options; nil when the item has no answer (or is not asked).
  func selectedOptions(of id: String) -> [String]?
  /// The score (0…1) of an item or section; nil when it has none.
  func score(of id: String) -> Double?
  /// The maturity level (0…4) of an item or section; nil when it has none.
  func level(of id: String) -> Int?
}
