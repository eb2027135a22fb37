/// Reads an expression into a tree, refusing anything outside the grammar or the limits.
///
/// ```
/// expression     = or
/// or             = and { "or" and }
/// and            = not { "and" not }
/// not            = "not" not | comparison
/// comparison     = additive [ ("=" | "!=" | "<" | "<=" | ">" | ">=" | "in") additive ]
/// additive       = multiplicative { ("+" | "-") multiplicative }
/// multiplicative = unary { ("*" | "/") unary }
/// unary          = "-" unary | primary
/// primary        = number | text | "true" | "false" | "${" id "}" | "." | "[" [ expression { "," expression } ] "]"
///                | function "(" [ expression { "," expression } ] ")" | "(" expression ")"
/// ```
public struct ExpressionParser {
  /// The longest expression accepted, in characters.
  public static let maximumLength = 4096
  /// The deepest nesting accepted: parentheses, lists, calls and operators all count.
  public static let maximumDepth = 64

  private var tokens: [Token]
  private var index = 0
  private var depth = 0
  private let length: Int

  public static func parse(_ text: String) throws(ExpressionError) -> Expression {
    let length = text.unicodeScalars.count
    guard length <= maximumLength else {
      throw ExpressionError(
        .limit, "expression is \(length) characters long; the limit is \(maximumLength)",
        hint: "split the logic over calculated items", range: maximumLength..<length)
    }
    var lexer = ExpressionLexer(text)
    var parser = ExpressionParser(tokens: try lexer.tokens(), length: length)
    guard parser.current.kind != .end else {
      throw ExpressionError(.syntax, "expression is empty", hint: "write a condition such as `${BM-A.1} = 'yes'`", range: 0..<0)
    }
    let expression = try parser.parseExpression()
    guard parser.current.kind == .end else {
      throw ExpressionError(
        .syntax, "unexpected \(parser.current.describe) after a complete expression",
        hint: "join conditions with `and` or `or`", range: parser.current.range)
    }
    return expression
  }

  private init(tokens: [Token], length: Int) {
    self.tokens = tokens
    self.length = length
  }

  private var current: Token { tokens[index] }

  private mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }
  private func isWord(_ word: String) -> Bool { current.kind == .word(word) }

  private mutating func expect(_ symbol: String, hint: String? = nil) throws(ExpressionError) -> Token {
    guard isSymbol(symbol) else {
      throw ExpressionError(.syntax, "expected `\(symbol)`, found \(current.describe)", hint: hint, range: current.range)
    }
    return advance()
  }

  private mutating func nested<T>(_ start: Int, _ body: (inout ExpressionParser) throws(ExpressionError) -> T) throws(ExpressionError) -> T {
    depth += 1
    defer { depth -= 1 }
    try checkDepth(depth, at: start)
    return try body(&self)
  }

  private func checkDepth(_ levels: Int, at start: Int) throws(ExpressionError) {
    guard levels <= Self.maximumDepth else {
      let lower = min(start, max(0, length - 1))
      throw ExpressionError(
        .limit, "expression nests more than \(Self.maximumDepth) levels deep", hint: "simplify it, or split it over calculated items",
        range: lower..<min(lower + 1, max(length, lower)))
    }
  }

  /// Each operator of a chain such as `a + b + c` adds a level to the tree, so chains count too.
  private func checkChain(_ links: Int, at start: Int) throws(ExpressionError) {
    try checkDepth(depth + links, at: start)
  }

  mutating func parseExpression() throws(ExpressionError) -> Expression {
    try nested(current.range.lowerBound) { (parser: inout ExpressionParser) throws(ExpressionError) in try parser.parseOr() }
  }

  private mutating func parseOr() throws(ExpressionError) -> Expression {
    try parseChain({ (parser: inout ExpressionParser) throws(ExpressionError) in try parser.parseAnd() }) {
      $0.isWord("or") ? .or : nil
    }
  }

  private mutating func parseAnd() throws(ExpressionError) -> Expression {
    try parseChain({ (parser: inout ExpressionParser) throws(ExpressionError) in try parser.parseNot() }) {
      $0.isWord("and") ? .and : nil
    }
  }

  /// `operand { operator operand }`, grouping to the left; each operator is a level of the tree.
  private mutating func parseChain(
    _ operand: (inout ExpressionParser) throws(ExpressionError) -> Expression,
    operatorHere: (ExpressionParser) -> BinaryOperator?
  ) throws(ExpressionError) -> Expression {
    var left = try operand(&self)
    var links = 0
    while let op = operatorHere(self) {
      links += 1
      try checkChain(links, at: current.range.lowerBound)
      _ = advance()
      let right = try operand(&self)
      left = Expression(.binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
    }
    return left
  }

  private mutating func parseNot() throws(ExpressionError) -> Expression {
    guard isWord("not") else { return try parseComparison() }
    let start = advance().range.lowerBound
    let operand = try nested(start) { (parser: inout ExpressionParser) throws(ExpressionError) in try parser.parseNot() }
    return Expression(.not(operand), range: start..<operand.range.upperBound)
  }

  private static let comparisons: [String: BinaryOperator] = [
    "=": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
  ]

  private func comparisonOperator() -> BinaryOperator? {
    if case .symbol(let symbol) = current.kind { return Self.comparisons[symbol] }
    return isWord("in") ? .in : nil
  }

  private mutating func parseComparison() throws(ExpressionError) -> Expression {
    let left = try parseAdditive()
    guard let op = comparisonOperator() else { return left }
    _ = advance()
    let right = try parseAdditive()
    if let second = comparisonOperator() {
      throw ExpressionError(
        .syntax, "comparisons cannot be chained",
        hint: "write `a \(op.rawValue) b and b \(second.rawValue) c`", range: current.range)
    }
    return Expression(.binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
  }

  private mutating func parseAdditive() throws(ExpressionError) -> Expression {
    try parseChain({ (parser: inout ExpressionParser) throws(ExpressionError) in try parser.parseMultiplicative() }) {
      $0.isSymbol("+") ? .add : $0.isSymbol("-") ? .subtract : nil
    }
  }

  private mutating func parseMultiplicative() throws(ExpressionError) -> Expression {
    try parseChain({ (parser: inout ExpressionParser) throws(ExpressionError) in try parser.parseUnary() }) {
      $0.isSymbol("*") ? .multiply : $0.isSymbol("/") ? .divide : nil
    }
  }

  private mutating func parseUnary() throws(ExpressionError) -> Expression {
    guard isSymbol("-") else { return try parsePrimary() }
    let start = advance().range.lowerBound
    let operand = try nested(start) { (parser: inout ExpressionParser) throws(ExpressionError) in try parser.parseUnary() }
    return Expression(.negate(operand), range: start..<operand.range.upperBound)
  }

  private mutating func parsePrimary() throws(ExpressionError) -> Expression {
    let token = current
    switch token.kind {
    case .number(let value):
      _ = advance()
      return Expression(.number(value), range: token.range)
    case .text(let value):
      _ = advance()
      return Expression(.text(value), range: token.range)
    case .reference(let id):
      _ = advance()
      return Expression(.reference(id), range: token.range)
    case .symbol("."):
      _ = advance()
      return Expression(.current, range: token.range)
    case .symbol("("):
      _ = advance()
      let inner = try parseExpression()
      let close = try expect(")", hint: "close the `(` opened at character \(token.range.lowerBound + 1)")
      return Expression(inner.kind, range: token.range.lowerBound..<close.range.upperBound)
    case .symbol("["):
      _ = advance()
      let elements = try parseArguments(closing: "]")
      let close = try expect("]", hint: "separate entries with `,` and close the list with `]`")
      return Expression(.list(elements), range: token.range.lowerBound..<close.range.upperBound)
    case .word("true"), .word("false"):
      _ = advance()
      return Expression(.boolean(token.kind == .word("true")), range: token.range)
    case .word(let name):
      return try parseCall(name: name, token: token)
    case .end:
      throw ExpressionError(.syntax, "expression ends too soon", hint: "something is missing after the last operator", range: token.range)
    case .symbol:
      throw ExpressionError(.syntax, "unexpected \(token.describe)", range: token.range)
    }
  }

  private mutating func parseCall(name: String, token: Token) throws(ExpressionError) -> Expression {
    guard let function = Function(rawValue: name) else {
      let known = Function.allCases.map(\.rawValue) + ["and", "or", "not", "in", "true", "false"]
      let isBareWord = !tokens[min(index + 1, tokens.count - 1)].isSymbol("(")
      throw ExpressionError(
        .syntax, "unknown word `\(name)`",
        hint: closest(name, known).map { "did you mean `\($0)`?" }
          ?? (isBareWord ? "put text in quotes ('\(name)') and item ids in `${…}`" : "functions: \(Function.allCases.map(\.rawValue).joined(separator: ", "))"),
        range: token.range)
    }
    _ = advance()
    _ = try expect("(", hint: "`\(name)` is a function: write `\(name)(…)`")
    // Each argument is an expression, which counts its own level.
    let arguments = try parseArguments(closing: ")")
    let close = try expect(")", hint: "separate arguments with `,` and close the call with `)`")
    return Expression(.call(function, arguments), range: token.range.lowerBound..<close.range.upperBound)
  }

  private mutating func parseArguments(closing: String) throws(ExpressionError) -> [Expression] {
    var arguments: [Expression] = []
    if isSymbol(closing) { return arguments }
    while true {
      arguments.append(try parseExpression())
      guard isSymbol(",") else { return arguments }
      _ = advance()
    }
  }

  /// A small copy of the suggestion rule, so this folder needs nothing outside itself.
  private func closest(_ word: String, _ candidates: [String]) -> String? {
    candidates.first { candidate in
      candidate.count > 2 && (candidate.hasPrefix(word) || word.hasPrefix(candidate) || oneEditApart(word, candidate))
    }
  }

  private func oneEditApart(_ a: String, _ b: String) -> Bool {
    let x = Array(a), y = Array(b)
    if abs(x.count - y.count) > 1 { return false }
    var i = 0, j = 0, edits = 0
    while i < x.count && j < y.count {
      if x[i] == y[j] {
        i += 1
        j += 1
        continue
      }
      edits += 1
      if edits > 1 { return false }
      if x.count > y.count { i += 1 } else if y.count > x.count { j += 1 } else {
        i += 1
        j += 1
      }
    }
    return edits + (x.count - i) + (y.count - j) <= 1
  }
}

extension Token {
  func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }

  var describe: String {
    switch kind {
    case .number(let value): return "the number \(ExpressionPrinter.format(value))"
    case .text(let value): return "the text '\(value)'"
    case .reference(let id): return "`${\(id)}`"
    case .word(let word): return "`\(word)`"
    case .symbol(let symbol): return "`\(symbol)`"
    case .end: return "the end of the expression"
    }
  }
}
