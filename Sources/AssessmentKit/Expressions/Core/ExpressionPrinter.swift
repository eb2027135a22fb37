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
      // Parentheses only where the operand binds looser; each pair is one more nesting level.
      switch operand.kind {
      case .binary, .not: return "-(\(print(operand)))"
      case .negate: return "- " + print(operand)
      default: return "-" + print(operand)
      }
    case .not(let operand):
      switch operand.kind {
      case .binary(let op, _, _) where op == .and || op == .or: return "not (\(print(operand)))"
      default: return "not " + print(operand)
      }
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
      // `not` takes everything after it up to `and`/`or`, so below a tighter operator it needs
      // parentheses.
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
  /// Replaces a scalar everywhere, scalar by scalar: `'` followed by a combining mark is one
  /// `Character` but still a quote to the lexer.
  func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      if scalar == target { result.append(contentsOf: replacement.unicodeScalars) } else { result.append(scalar) }
    }
    return String(result)
  }
}
