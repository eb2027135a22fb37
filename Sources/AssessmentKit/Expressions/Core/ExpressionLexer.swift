/// A problem in an expression's text, at a place inside it.
public struct ExpressionError: Error, Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    /// The text does not follow the grammar.
    case syntax
    /// The expression is longer or nests deeper than the limits allow.
    case limit
  }

  public var kind: Kind
  public var message: String
  public var hint: String?
  /// Offsets in Unicode scalars of the characters at fault.
  public var range: Range<Int>

  public init(_ kind: Kind, _ message: String, hint: String? = nil, range: Range<Int>) {
    self.kind = kind
    self.message = message
    self.hint = hint
    self.range = range
  }
}

struct Token: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    case number(Double)
    case text(String)
    case reference(String)
    case word(String)
    case symbol(String)
    case end
  }

  var kind: Kind
  var range: Range<Int>
}

/// Splits an expression into tokens. Hand-written: the language is small and the errors must
/// point at the exact character.
struct ExpressionLexer {
  private let scalars: [Unicode.Scalar]
  private var position = 0

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
  }

  mutating func tokens() throws(ExpressionError) -> [Token] {
    var tokens: [Token] = []
    while true {
      let token = try next()
      tokens.append(token)
      if token.kind == .end { return tokens }
    }
  }

  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    position + offset < scalars.count ? scalars[position + offset] : nil
  }

  private static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return false }
    return ("0"..."9").contains(scalar)
  }

  private static func isLetter(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return false }
    return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }

  private static func isIDCharacter(_ scalar: Unicode.Scalar) -> Bool {
    isLetter(scalar) || isDigit(scalar) || scalar == "." || scalar == "_" || scalar == "-"
  }

  private mutating func next() throws(ExpressionError) -> Token {
    while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
      position += 1
    }
    let start = position
    guard let scalar = peek() else { return Token(kind: .end, range: start..<start) }
    if scalar == "$" {
      return try reference(start: start)
    }
    if Self.isDigit(scalar) || (scalar == "." && Self.isDigit(peek(1))) {
      return try number(start: start)
    }
    if scalar == "'" || scalar == "\"" {
      return try text(quote: scalar, start: start)
    }
    if Self.isLetter(scalar) {
      return word(start: start)
    }
    let twoCharacter = peek(1).map { String(scalar) + String($0) }
    if let pair = twoCharacter, ["!=", "<=", ">=", "=="].contains(pair) {
      position += 2
      return Token(kind: .symbol(pair == "==" ? "=" : pair), range: start..<position)
    }
    if "()[],.+-*/=<>".unicodeScalars.contains(scalar) {
      position += 1
      return Token(kind: .symbol(String(scalar)), range: start..<position)
    }
    throw ExpressionError(
      .syntax, "unexpected character `\(scalar)`",
      hint: scalar == "!" ? "write `!=` for \"not equal\", or `not(…)`" : scalar == "&" || scalar == "|" ? "write `and` / `or`" : nil,
      range: start..<start + 1)
  }

  private mutating func reference(start: Int) throws(ExpressionError) -> Token {
    guard peek(1) == "{" else {
      throw ExpressionError(.syntax, "`$` must start a reference such as `${BM-A.1}`", range: start..<start + 1)
    }
    position += 2
    let idStart = position
    while let scalar = peek(), Self.isIDCharacter(scalar) {
      position += 1
    }
    // `${questionnaire:item}` names an item of another questionnaire (rules across areas).
    if peek() == ":", position > idStart, let after = peek(1), Self.isIDCharacter(after) {
      position += 1
      while let scalar = peek(), Self.isIDCharacter(scalar) {
        position += 1
      }
    }
    let id = String(String.UnicodeScalarView(scalars[idStart..<position]))
    guard peek() == "}" else {
      let hint = peek() == nil ? "close it with `}`" : "item ids use letters, digits, `.`, `_` and `-`"
      throw ExpressionError(.syntax, "unfinished reference `${\(id)`", hint: hint, range: start..<max(position, start + 2))
    }
    position += 1
    guard !id.isEmpty else {
      throw ExpressionError(.syntax, "empty reference `${}`", hint: "name an item, such as `${BM-A.1}`", range: start..<position)
    }
    return Token(kind: .reference(id), range: start..<position)
  }

  private mutating func number(start: Int) throws(ExpressionError) -> Token {
    while Self.isDigit(peek()) { position += 1 }
    if peek() == ".", Self.isDigit(peek(1)) {
      position += 1
      while Self.isDigit(peek()) { position += 1 }
    }
    if peek() == "e" || peek() == "E" {
      let sign = peek(1) == "+" || peek(1) == "-" ? 1 : 0
      if Self.isDigit(peek(1 + sign)) {
        position += 1 + sign
        while Self.isDigit(peek()) { position += 1 }
      }
    }
    if Self.isLetter(peek()) || peek() == "_" {
      throw ExpressionError(
        .syntax, "a number runs into letters", hint: "put a space or an operator between them", range: start..<position + 1)
    }
    let text = String(String.UnicodeScalarView(scalars[start..<position]))
    guard let value = Double(text), value.isFinite else {
      throw ExpressionError(.syntax, "`\(text)` is not a number", range: start..<position)
    }
    return Token(kind: .number(value), range: start..<position)
  }

  private mutating func text(quote: Unicode.Scalar, start: Int) throws(ExpressionError) -> Token {
    position += 1
    var value = String.UnicodeScalarView()
    while let scalar = peek() {
      position += 1
      if scalar == quote {
        // A doubled quote stands for the quote itself: 'it''s'.
        if peek() == quote {
          position += 1
          value.append(scalar)
          continue
        }
        return Token(kind: .text(String(value)), range: start..<position)
      }
      value.append(scalar)
    }
    throw ExpressionError(.syntax, "text is not closed", hint: "end it with \(quote)", range: start..<position)
  }

  private mutating func word(start: Int) -> Token {
    while let scalar = peek() {
      if Self.isLetter(scalar) || Self.isDigit(scalar) || scalar == "_" {
        position += 1
      } else if scalar == "-", Self.isLetter(peek(1)) {
        // Hyphenated function names such as count-selected; subtraction needs a number or `${…}` after it.
        position += 1
      } else {
        break
      }
    }
    return Token(kind: .word(String(String.UnicodeScalarView(scalars[start..<position]))), range: start..<position)
  }
}
