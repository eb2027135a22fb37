// The expression language's syntax tree. This folder (`Expressions/Core`) uses the standard
// library only, so the fuzz script can compile it on its own with `-sanitize=fuzzer`.

/// A parsed expression: what it is, and which characters of the source it came from.
///
/// Two expressions are equal when their trees are equal; where they were written does not
/// count, so printing and parsing again gives an equal expression.
public struct Expression: Hashable, Sendable, CustomStringConvertible {
  public indirect enum Kind: Hashable, Sendable {
    case number(Double)
    case text(String)
    case boolean(Bool)
    /// `${item-id}`: the answer to an item, or the value of a calculated item.
    case reference(String)
    /// `.`: the answer to the item the expression belongs to (in constraints).
    case current
    case list([Expression])
    case negate(Expression)
    case not(Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(Function, [Expression])
  }

  public var kind: Kind
  /// Offsets, in Unicode scalars from 0, of the first and past-the-last character.
  public var range: Range<Int>

  public init(_ kind: Kind, range: Range<Int>) {
    self.kind = kind
    self.range = range
  }

  public static func == (lhs: Expression, rhs: Expression) -> Bool { lhs.kind == rhs.kind }
  public func hash(into hasher: inout Hasher) { hasher.combine(kind) }

  public var description: String { ExpressionPrinter.print(self) }

  /// Every `${id}` the expression reads, in order of appearance.
  public var references: [(id: String, range: Range<Int>)] {
    var found: [(String, Range<Int>)] = []
    visit { node in
      if case .reference(let id) = node.kind { found.append((id, node.range)) }
    }
    return found
  }

  /// Whether the expression uses `.`.
  public var usesCurrent: Bool {
    var found = false
    visit { node in
      if case .current = node.kind { found = true }
    }
    return found
  }

  /// Calls `body` on this node and every node below it, parents first.
  public func visit(_ body: (Expression) -> Void) {
    body(self)
    switch kind {
    case .number, .text, .boolean, .reference, .current: break
    case .list(let elements): elements.forEach { $0.visit(body) }
    case .negate(let operand), .not(let operand): operand.visit(body)
    case .binary(_, let left, let right):
      left.visit(body)
      right.visit(body)
    case .call(_, let arguments): arguments.forEach { $0.visit(body) }
    }
  }
}

public enum BinaryOperator: String, CaseIterable, Hashable, Sendable {
  case or, and
  case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
  case `in`
  case add = "+", subtract = "-", multiply = "*", divide = "/"

  /// Binding strength: higher binds tighter.
  var precedence: Int {
    switch self {
    case .or: return 1
    case .and: return 2
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in: return 4
    case .add, .subtract: return 5
    case .multiply, .divide: return 6
    }
  }

  var isComparison: Bool { precedence == 4 }
}

/// The fixed set of functions. No others exist; authors cannot define their own.
public enum Function: String, CaseIterable, Hashable, Sendable {
  case selected
  case countSelected = "count-selected"
  case answered
  case score
  case level
  case sum, min, max, mean, count
  case `if`
  case coalesce
}
