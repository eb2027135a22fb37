/// Writes an expression back as text, with only the parentheses it needs. Parsing the
/// printed text gives an equal tree.
public enum ExpressionPrinter {
  public static func print(_ expression: Expression) -> String {
    switch expression.kind {
    case .number(let value): return format(value)
    case .text(let value): return "'" + value.replacingAll("'", with: "''") + "'"
    case .boolean(let value): return value ? "true" : "false"
    case .reference(let id): return "${\(id)}"
    case .current: return "."
    case .list(let elements): return "[" + elements.map(print).joined(separator: ", ") + "]"
    case .negate(let operand):
      if case .binary = operand.kind { return "-(\(print(operand)))" }
      if case .negate = operand.kind { return "-(\(print(operand)))" }
      if case .not = operand.kind { return "-(\(print(operand)))" }
      return "-" + print(operand)
    case .not(let operand): return "not(\(print(operand)))"
    case .call(let function, let arguments):
      return function.rawValue + "(" + arguments.map(print).joined(separator: ", ") + ")"
    case .binary(let op, let left, let right):
      let leftText = wrap(left, if: needsParentheses(left, under: op, onRight: false))
      let rightText = wrap(right, if: needsParentheses(right, under: op, onRight: true))
      return "\(leftText) \(op.rawValue) \(rightText)"
    }
  }

  private static func wrap(_ expression: Expression, if condition: Bool) -> String {
    condition ? "(\(print(expression)))" : print(expression)
  }

  private static func needsParentheses(_ child: Expression, under parent: BinaryOperator, onRight: Bool) -> Bool {
    switch child.kind {
    case .binary(let op, _, _):
      if op.precedence != parent.precedence { return op.precedence < parent.precedence }
      // Same strength: operators group left to right, and comparisons do not chain.
      return onRight || parent.isComparison
    case .not:
      // `not` binds looser than comparisons and arithmetic, so it needs them when below them.
      return parent.precedence > BinaryOperator.and.precedence
    default:
      return false
    }
  }

  /// A number as the lexer reads it: `3`, `0.25`, `1e+20`.
  public static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
  }
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
