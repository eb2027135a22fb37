/// Evaluates expressions. Total: every expression gives a value, whatever the answers — no
/// trap, no loop, no recursion deeper than the parser allows.
public enum ExpressionEvaluator {
  public static func evaluate(_ expression: Expression, in environment: some ExpressionEnvironment) -> ExpressionValue {
    switch expression.kind {
    case .number(let value): return .number(value)
    case .text(let value): return .text(value)
    case .boolean(let value): return .boolean(value)
    case .reference(let id): return environment.value(of: id)
    case .current:
      guard let id = environment.currentItemID else { return .missing(.unanswered) }
      return environment.value(of: id)
    case .list(let elements): return .list(elements.map { evaluate($0, in: environment) })
    case .negate(let operand):
      return arithmetic(.number(0), evaluate(operand, in: environment)) { $0 - $1 }
    case .not(let operand):
      return .boolean(!evaluate(operand, in: environment).isTrue)
    case .binary(let op, let left, let right):
      return binary(op, left, right, in: environment)
    case .call(let function, let arguments):
      return call(function, arguments, in: environment)
    }
  }

  /// Evaluates a condition: true only when the expression gives `true`.
  public static func holds(_ expression: Expression, in environment: some ExpressionEnvironment) -> Bool {
    evaluate(expression, in: environment).isTrue
  }

  private static func binary(
    _ op: BinaryOperator, _ leftExpression: Expression, _ rightExpression: Expression, in environment: some ExpressionEnvironment
  ) -> ExpressionValue {
    // `and` and `or` look at the right side only when they need to.
    switch op {
    case .and:
      return .boolean(evaluate(leftExpression, in: environment).isTrue && evaluate(rightExpression, in: environment).isTrue)
    case .or:
      return .boolean(evaluate(leftExpression, in: environment).isTrue || evaluate(rightExpression, in: environment).isTrue)
    default:
      break
    }
    let left = evaluate(leftExpression, in: environment)
    let right = evaluate(rightExpression, in: environment)
    switch op {
    case .add: return arithmetic(left, right, +)
    case .subtract: return arithmetic(left, right, -)
    case .multiply: return arithmetic(left, right, *)
    case .divide:
      if case .number(0) = right, !left.isMissing { return .missing(.undefined) }
      return arithmetic(left, right, /)
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
      return .boolean(compare(op, left, right))
    case .in:
      guard !left.isMissing else { return .boolean(false) }
      switch right {
      case .list(let elements): return .boolean(elements.contains(left))
      case .missing: return .boolean(false)
      default: return .boolean(left == right)
      }
    case .and, .or:
      return .missing(.undefined)
    }
  }

  /// Any missing operand makes the result missing, with that operand's reason; a result too
  /// large to hold is undefined.
  private static func arithmetic(_ left: ExpressionValue, _ right: ExpressionValue, _ operation: (Double, Double) -> Double) -> ExpressionValue {
    if case .missing = left { return left }
    if case .missing = right { return right }
    guard case .number(let a) = left, case .number(let b) = right else { return .missing(.undefined) }
    let result = operation(a, b)
    return result.isFinite ? .number(result) : .missing(.undefined)
  }

  /// A comparison with a missing value is false — `!=` included.
  private static func compare(_ op: BinaryOperator, _ left: ExpressionValue, _ right: ExpressionValue) -> Bool {
    if left.isMissing || right.isMissing { return false }
    switch (left, right) {
    case (.number(let a), .number(let b)): return ordered(op, a, b)
    case (.text(let a), .text(let b)): return ordered(op, a, b)
    default:
      switch op {
      case .equal: return left == right
      case .notEqual: return left != right
      default: return false
      }
    }
  }

  private static func ordered<T: Comparable>(_ op: BinaryOperator, _ a: T, _ b: T) -> Bool {
    switch op {
    case .equal: return a == b
    case .notEqual: return a != b
    case .less: return a < b
    case .lessOrEqual: return a <= b
    case .greater: return a > b
    case .greaterOrEqual: return a >= b
    default: return false
    }
  }

  private static func itemID(_ expression: Expression?, in environment: some ExpressionEnvironment) -> String? {
    switch expression?.kind {
    case .reference(let id)?: return id
    case .current?: return environment.currentItemID
    default: return nil
    }
  }

  private static func call(_ function: Function, _ arguments: [Expression], in environment: some ExpressionEnvironment) -> ExpressionValue {
    switch function {
    case .selected:
      guard arguments.count == 2, let id = itemID(arguments[0], in: environment),
        case .text(let option) = evaluate(arguments[1], in: environment)
      else { return .boolean(false) }
      return .boolean(environment.selectedOptions(of: id)?.contains(option) ?? false)
    case .countSelected:
      guard let id = itemID(arguments.first, in: environment) else { return .missing(.undefined) }
      let value = environment.value(of: id)
      if case .missing = value { return value }
      return .number(Double(environment.selectedOptions(of: id)?.count ?? 0))
    case .answered:
      guard let id = itemID(arguments.first, in: environment) else { return .boolean(false) }
      return .boolean(!environment.value(of: id).isMissing)
    case .score:
      guard let id = itemID(arguments.first, in: environment) else { return .missing(.undefined) }
      return environment.score(of: id).map(ExpressionValue.number) ?? .missing(.unanswered)
    case .level:
      guard let id = itemID(arguments.first, in: environment) else { return .missing(.undefined) }
      return environment.level(of: id).map { .number(Double($0)) } ?? .missing(.unanswered)
    case .sum, .min, .max, .mean, .count:
      let values = flatten(arguments.map { evaluate($0, in: environment) })
      let numbers = values.compactMap { value -> Double? in
        if case .number(let number) = value { return number }
        return nil
      }
      switch function {
      case .count: return .number(Double(values.count { !$0.isMissing }))
      case .sum:
        let total = numbers.reduce(0, +)
        return total.isFinite ? .number(total) : .missing(.undefined)
      case .min: return numbers.min().map(ExpressionValue.number) ?? .missing(.unanswered)
      case .max: return numbers.max().map(ExpressionValue.number) ?? .missing(.unanswered)
      default:
        guard !numbers.isEmpty else { return .missing(.unanswered) }
        let mean = numbers.reduce(0) { $0 + $1 / Double(numbers.count) }
        return mean.isFinite ? .number(mean) : .missing(.undefined)
      }
    case .if:
      guard arguments.count == 3 else { return .missing(.undefined) }
      return evaluate(arguments[0], in: environment).isTrue
        ? evaluate(arguments[1], in: environment) : evaluate(arguments[2], in: environment)
    case .coalesce:
      var last = ExpressionValue.missing(.unanswered)
      for argument in arguments {
        last = evaluate(argument, in: environment)
        if !last.isMissing { return last }
      }
      return last
    }
  }

  private static func flatten(_ values: [ExpressionValue]) -> [ExpressionValue] {
    values.flatMap { value -> [ExpressionValue] in
      if case .list(let elements) = value { return flatten(elements) }
      return [value]
    }
  }
}
