import Testing
@testable import AssessmentKit

/// Table-driven tests of `ExpressionParser`: what valid text becomes, how it prints back, and
/// where each invalid text is reported. Error positions are marked with `‸` inside the text.
@Suite("Expression parser")
struct ExpressionParserTests {
  // MARK: - Valid expressions → trees

  struct ParseCase: Sendable, CustomTestStringConvertible {
    var source: String
    var tree: Expr
    init(_ source: String, _ tree: Expr) {
      self.source = source
      self.tree = tree
    }
    var testDescription: String { source }
  }

  static let trees: [ParseCase] = [
    // Literals.
    ParseCase("3", .num(3)),
    ParseCase("0.25", .num(0.25)),
    ParseCase(".5", .num(0.5)),
    ParseCase("007", .num(7)),
    ParseCase("1e6", .num(1_000_000)),
    ParseCase("1E6", .num(1_000_000)),
    ParseCase("2.5e-3", .num(0.0025)),
    ParseCase("1e+2", .num(100)),
    ParseCase("1.5E+300", .num(1.5e300)),
    ParseCase("1e-400", .num(0)),  // underflows to zero, still finite
    ParseCase("true", .bool(true)),
    ParseCase("false", .bool(false)),
    ParseCase("'yes'", .txt("yes")),
    ParseCase("\"yes\"", .txt("yes")),
    ParseCase("''", .txt("")),
    ParseCase("'it''s'", .txt("it's")),
    ParseCase("''''", .txt("'")),
    ParseCase("\"say \"\"hi\"\"\"", .txt("say \"hi\"")),
    ParseCase("\"it's\"", .txt("it's")),
    ParseCase("'say \"hi\"'", .txt("say \"hi\"")),
    ParseCase("'été ✓ 👍🏽'", .txt("été ✓ 👍🏽")),
    ParseCase("'a\nb'", .txt("a\nb")),
    ParseCase("${BM-A.1}", .ref("BM-A.1")),
    ParseCase("${a_b-c.d9}", .ref("a_b-c.d9")),
    ParseCase(".", .dot),
    ParseCase("[]", .list()),
    ParseCase("['0', '1']", .list(.txt("0"), .txt("1"))),
    ParseCase("[[1], []]", .list(.list(.num(1)), .list())),
    ParseCase("(1)", .num(1)),
    ParseCase("((${a}))", .ref("a")),
    // Whitespace of every kind between tokens.
    ParseCase(" \t${a}\n  and\r\n${b} ", .and(.ref("a"), .ref("b"))),
    // Arithmetic precedence and associativity.
    ParseCase("1 + 2 * 3", .add(.num(1), .mul(.num(2), .num(3)))),
    ParseCase("1 * 2 + 3", .add(.mul(.num(1), .num(2)), .num(3))),
    ParseCase("(1 + 2) * 3", .mul(.add(.num(1), .num(2)), .num(3))),
    ParseCase("${a} - ${b} - ${c}", .sub(.sub(.ref("a"), .ref("b")), .ref("c"))),
    ParseCase("${a} - (${b} - ${c})", .sub(.ref("a"), .sub(.ref("b"), .ref("c")))),
    ParseCase("1 - 2 + 3", .add(.sub(.num(1), .num(2)), .num(3))),
    ParseCase("8 / 4 / 2", .div(.div(.num(8), .num(4)), .num(2))),
    ParseCase("8 / 4 * 2", .mul(.div(.num(8), .num(4)), .num(2))),
    ParseCase("1-1", .sub(.num(1), .num(1))),
    ParseCase("${a}-${b}", .sub(.ref("a"), .ref("b"))),
    // Unary minus binds tightest, and nests.
    ParseCase("-1", .neg(.num(1))),
    ParseCase("- - 1", .neg(.neg(.num(1)))),
    ParseCase("--1", .neg(.neg(.num(1)))),
    ParseCase("-2 * 3", .mul(.neg(.num(2)), .num(3))),
    ParseCase("2 * -3", .mul(.num(2), .neg(.num(3)))),
    ParseCase("-(2 * 3)", .neg(.mul(.num(2), .num(3)))),
    ParseCase("${a} - -1", .sub(.ref("a"), .neg(.num(1)))),
    ParseCase("-.", .neg(.dot)),
    // Comparisons bind looser than arithmetic.
    ParseCase("1 + 2 = 3", .eq(.add(.num(1), .num(2)), .num(3))),
    ParseCase("${a} == 1", .eq(.ref("a"), .num(1))),
    ParseCase("${a} != 'no'", .ne(.ref("a"), .txt("no"))),
    ParseCase(". <= 365", .le(.dot, .num(365))),
    ParseCase("${a} < 1", .lt(.ref("a"), .num(1))),
    ParseCase("${a} > 1", .gt(.ref("a"), .num(1))),
    ParseCase("${a} >= 1", .ge(.ref("a"), .num(1))),
    ParseCase("${a}>=1", .ge(.ref("a"), .num(1))),
    ParseCase("${a} in ['0', '1']", .isIn(.ref("a"), .list(.txt("0"), .txt("1")))),
    ParseCase("${a} + 1 in [2, 3]", .isIn(.add(.ref("a"), .num(1)), .list(.num(2), .num(3)))),
    ParseCase("(1 = 2) = true", .eq(.eq(.num(1), .num(2)), .bool(true))),
    // `not` binds looser than comparisons, tighter than `and`.
    ParseCase("not ${a} = ${b}", .not(.eq(.ref("a"), .ref("b")))),
    ParseCase("not(${a}) = ${b}", .not(.eq(.ref("a"), .ref("b")))),
    ParseCase("(not ${a}) = ${b}", .eq(.not(.ref("a")), .ref("b"))),
    ParseCase("not ${a} and ${b}", .and(.not(.ref("a")), .ref("b"))),
    ParseCase("not(${a}) and ${b}", .and(.not(.ref("a")), .ref("b"))),
    ParseCase("not not true", .not(.not(.bool(true)))),
    // `and` binds tighter than `or`; both group to the left.
    ParseCase("${a} or ${b} and ${c}", .or(.ref("a"), .and(.ref("b"), .ref("c")))),
    ParseCase("${a} and ${b} or ${c}", .or(.and(.ref("a"), .ref("b")), .ref("c"))),
    ParseCase("${a} and ${b} and ${c}", .and(.and(.ref("a"), .ref("b")), .ref("c"))),
    ParseCase("${a} or ${b} or ${c}", .or(.or(.ref("a"), .ref("b")), .ref("c"))),
    ParseCase("(${a} or ${b}) and ${c}", .and(.or(.ref("a"), .ref("b")), .ref("c"))),
    // Functions, including the hyphenated one.
    ParseCase("selected(${BM-B.7}, 'partial')", .call(.selected, .ref("BM-B.7"), .txt("partial"))),
    ParseCase("count-selected(${x}) >= 2", .ge(.call(.countSelected, .ref("x")), .num(2))),
    ParseCase("count-selected(.)", .call(.countSelected, .dot)),
    ParseCase("answered(${x})", .call(.answered, .ref("x"))),
    ParseCase("score(${BM-D}) < 0.5", .lt(.call(.score, .ref("BM-D")), .num(0.5))),
    ParseCase("level(${x}) <= 1", .le(.call(.level, .ref("x")), .num(1))),
    ParseCase("sum()", .call(.sum)),
    ParseCase("sum(${a}, [1, 2])", .call(.sum, .ref("a"), .list(.num(1), .num(2)))),
    ParseCase("min(1, 2)", .call(.min, .num(1), .num(2))),
    ParseCase("max(1)", .call(.max, .num(1))),
    ParseCase("mean(score(${A}), score(${B}))", .call(.mean, .call(.score, .ref("A")), .call(.score, .ref("B")))),
    ParseCase("count(${a}, ${b}, ${c}) = 3", .eq(.call(.count, .ref("a"), .ref("b"), .ref("c")), .num(3))),
    ParseCase("if(${a} > 0, ${b}, 100)", .call(.if, .gt(.ref("a"), .num(0)), .ref("b"), .num(100))),
    ParseCase("coalesce(${a}, 0)", .call(.coalesce, .ref("a"), .num(0))),
    ParseCase("sum ( 1 )", .call(.sum, .num(1))),
    ParseCase("-sum(1)", .neg(.call(.sum, .num(1)))),
    ParseCase(
      "${BM-B.5} in ['0', '1'] and ${BM-D.1} in ['0', '1', '2'] and ${BM-D.2} in ['0']",
      .and(
        .and(
          .isIn(.ref("BM-B.5"), .list(.txt("0"), .txt("1"))),
          .isIn(.ref("BM-D.1"), .list(.txt("0"), .txt("1"), .txt("2")))),
        .isIn(.ref("BM-D.2"), .list(.txt("0"))))),
  ]

  @Test("valid text parses to the expected tree", arguments: trees)
  func parsesToTree(_ example: ParseCase) throws {
    let parsed = try #require(ExprTest.parseOrRecord(example.source))
    #expect(parsed == example.tree, "got \(ExpressionPrinter.print(parsed))")
  }

  // MARK: - Canonical printing

  static let printed: [(source: String, printed: String)] = [
    ("1+2*3", "1 + 2 * 3"),
    ("(1 + 2) * 3", "(1 + 2) * 3"),
    ("(${a} - ${b}) - ${c}", "${a} - ${b} - ${c}"),
    ("${a} - (${b} - ${c})", "${a} - (${b} - ${c})"),
    ("${a} / (${b} * ${c})", "${a} / (${b} * ${c})"),
    ("${a} or (${b} and ${c})", "${a} or ${b} and ${c}"),
    ("(${a} or ${b}) and ${c}", "(${a} or ${b}) and ${c}"),
    ("not ${a} = ${b}", "not ${a} = ${b}"),
    ("(not ${a}) = ${b}", "(not ${a}) = ${b}"),
    ("not ${a} and ${b}", "not ${a} and ${b}"),
    ("(1 = 2) = true", "(1 = 2) = true"),
    ("1 = (2 = true)", "1 = (2 = true)"),
    ("- -1", "- -1"),
    ("-(1 + 2)", "-(1 + 2)"),
    ("-(not true)", "-(not true)"),
    ("2 * -3", "2 * -3"),
    ("\"it's\"", "'it''s'"),
    ("'it''s'", "'it''s'"),
    ("1e6", "1000000"),
    ("1e20", "1e+20"),
    ("0.1", "0.1"),
    ("2.50", "2.5"),
    ("${a}==1", "${a} = 1"),
    ("[ 1,2 ,[ ] ]", "[1, 2, []]"),
    ("count-selected( ${x} )>=2", "count-selected(${x}) >= 2"),
    ("if(true,'a','b')", "if(true, 'a', 'b')"),
    (".<=365", ". <= 365"),
  ]

  @Test("printing gives the canonical text, which parses back to the same tree", arguments: printed)
  func printsCanonically(_ source: String, _ expected: String) throws {
    let parsed = try #require(ExprTest.parseOrRecord(source))
    let text = ExpressionPrinter.print(parsed)
    #expect(text == expected)
    #expect(parsed.description == expected)
    let again = try #require(ExprTest.parseOrRecord(text))
    #expect(again == parsed)
  }

  // MARK: - Ranges of valid expressions

  @Test("nodes keep the scalar offsets they were read from")
  func nodeRanges() throws {
    // "é" and "👍" are one scalar each, "👍🏽" two.
    let parsed = try #require(ExprTest.parseOrRecord("'é👍🏽' = ${a} and (${bb} + 1) > 2"))
    #expect(parsed.range == 0..<32)
    #expect(parsed.references.map(\.id) == ["a", "bb"])
    #expect(parsed.references.map(\.range) == [8..<12, 18..<23])
    guard case .binary(.and, let left, let right) = parsed.kind else {
      Issue.record("not an `and`: \(parsed)")
      return
    }
    #expect(left.range == 0..<12)
    // The parenthesised sum spans its parentheses.
    guard case .binary(.greater, let sum, _) = right.kind else {
      Issue.record("not a `>`: \(right)")
      return
    }
    #expect(sum.range == 17..<28)
    #expect(right.range == 17..<32)
  }

  @Test("`.` is found by usesCurrent, and references lists every ${…} in order")
  func currentAndReferences() throws {
    let constraint = try #require(ExprTest.parseOrRecord(". <= ${max} and . >= ${min}"))
    #expect(constraint.usesCurrent)
    #expect(constraint.references.map(\.id) == ["max", "min"])
    let relevant = try #require(ExprTest.parseOrRecord("${x} = '.'"))
    #expect(!relevant.usesCurrent)
  }

  // MARK: - Invalid expressions → kind and exact range

  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var marked: String
    var kind: ExpressionError.Kind
    /// How many scalars the error range covers, from the marker.
    var length: Int
    /// Words the message (or, with `hint:`, the hint) must contain.
    var message: String
    var hint: String?

    init(_ marked: String, _ kind: ExpressionError.Kind = .syntax, length: Int, _ message: String, hint: String? = nil) {
      self.marked = marked
      self.kind = kind
      self.length = length
      self.message = message
      self.hint = hint
    }

    var testDescription: String { marked.count > 60 ? String(marked.prefix(40)) + "…(\(marked.count))" : marked }
  }

  static let errors: [ErrorCase] = [
    ErrorCase("‸", length: 0, "expression is empty"),
    ErrorCase("‸ \t\n ", length: 0, "expression is empty"),  // blank counts as empty, reported at 0
    ErrorCase("(${a} + 1‸", length: 0, "expected `)`", hint: "close the `(` opened at character 1"),
    ErrorCase("((1)‸", length: 0, "expected `)`", hint: "close the `(` opened at character 1"),
    ErrorCase("1 < 2 ‸< 3", length: 1, "comparisons cannot be chained", hint: "write `a < b and b < c`"),
    ErrorCase("${a} = 1 ‸!= 2", length: 2, "comparisons cannot be chained", hint: "write `a = b and b != c`"),
    ErrorCase("${a} in [1] ‸= true", length: 1, "comparisons cannot be chained"),
    ErrorCase("‸selectd(${a}, 'x')", length: 7, "unknown word `selectd`", hint: "did you mean `selected`?"),
    ErrorCase("${a} = ‸yes", length: 3, "unknown word `yes`", hint: "put text in quotes ('yes')"),
    ErrorCase("‸foo(1)", length: 3, "unknown word `foo`", hint: "functions: selected, count-selected"),
    ErrorCase("‸count-selcted(${a})", length: 13, "unknown word `count-selcted`", hint: "did you mean `count-selected`?"),
    ErrorCase("${a} ‸AND ${b}", length: 3, "unexpected `AND` after a complete expression", hint: "join conditions with `and` or `or`"),
    ErrorCase("‸NOT ${b}", length: 3, "unknown word `NOT`"),
    ErrorCase("‸$x", length: 1, "`$` must start a reference"),
    ErrorCase("1 + ‸$", length: 1, "`$` must start a reference"),
    ErrorCase("‸${}", length: 3, "empty reference", hint: "name an item"),
    ErrorCase("‸${a", length: 3, "unfinished reference `${a`", hint: "close it with `}`"),
    ErrorCase("‸${", length: 2, "unfinished reference", hint: "close it with `}`"),
    ErrorCase("‸${a b}", length: 3, "unfinished reference", hint: "item ids use letters"),
    ErrorCase("‸${é}", length: 2, "unfinished reference", hint: "item ids use letters"),
    ErrorCase("${a} ‸&& ${b}", length: 1, "unexpected character `&`", hint: "write `and` / `or`"),
    ErrorCase("${a} ‸|| ${b}", length: 1, "unexpected character `|`", hint: "write `and` / `or`"),
    ErrorCase("‸!${a}", length: 1, "unexpected character `!`", hint: "write `!=`"),
    ErrorCase("1 ‸# comment", length: 1, "unexpected character `#`"),
    ErrorCase("'👍🏽' = ‸é", length: 1, "unexpected character `é`"),  // offsets count scalars: 👍🏽 is two
    ErrorCase("1 +‸", length: 0, "expression ends too soon"),
    ErrorCase("${a} in‸", length: 0, "expression ends too soon"),
    ErrorCase("not‸", length: 0, "expression ends too soon"),
    ErrorCase("-‸", length: 0, "expression ends too soon"),
    ErrorCase("${a} = 1 and‸", length: 0, "expression ends too soon"),
    ErrorCase("‸'unclosed", length: 9, "text is not closed", hint: "end it with '"),
    ErrorCase("${a} = ‸\"yes", length: 4, "text is not closed", hint: "end it with \""),
    ErrorCase("${a} = ‸'it''s", length: 6, "text is not closed"),
    ErrorCase("‸12abc", length: 3, "a number runs into letters"),
    ErrorCase("‸1e5x", length: 4, "a number runs into letters"),
    ErrorCase("‸1ex", length: 2, "a number runs into letters"),
    ErrorCase("‸1_000", length: 2, "a number runs into letters"),
    ErrorCase("‸1e999", length: 5, "`1e999` is not a number"),
    ErrorCase("${a} = 1 ‸2", length: 1, "unexpected the number 2 after a complete expression", hint: "join conditions with `and` or `or`"),
    ErrorCase("0.5‸.5", length: 2, "after a complete expression"),
    ErrorCase("true‸(1)", length: 1, "unexpected `(` after a complete expression"),
    ErrorCase("${a} ‸${b}", length: 4, "unexpected `${b}` after a complete expression"),
    ErrorCase("sum ‸1", length: 1, "expected `(`", hint: "`sum` is a function"),
    ErrorCase("count-selected‸", length: 0, "expected `(`"),
    ErrorCase("[1, 2‸", length: 0, "expected `]`"),
    ErrorCase("[1 ‸2]", length: 1, "expected `]`"),
    ErrorCase("[1, ‸]", length: 1, "unexpected `]`"),
    ErrorCase("sum(1, ‸)", length: 1, "unexpected `)`"),
    ErrorCase("sum(1 ‸2)", length: 1, "expected `)`", hint: "separate arguments with `,`"),
    ErrorCase("‸)", length: 1, "unexpected `)`"),
    ErrorCase("‸, 1", length: 1, "unexpected `,`"),
    ErrorCase("${a} == ‸= 1", length: 1, "unexpected `=`"),
    ErrorCase("1 =‸> 2", length: 1, "unexpected `>`"),
    ErrorCase("1 * ‸* 2", length: 1, "unexpected `*`"),
    ErrorCase(". ‸5", length: 1, "unexpected the number 5 after a complete expression"),
    // Limits: 4,097 characters, and 65 nested parentheses (the 65th is the one too deep).
    ErrorCase(String(repeating: "1+", count: 2048) + "‸1", .limit, length: 1, "expression is 4097 characters long; the limit is 4096"),
    ErrorCase(
      String(repeating: "(", count: 64) + "‸(1" + String(repeating: ")", count: 65), .limit, length: 1,
      "expression nests more than 64 levels deep", hint: "split it over calculated items"),
    ErrorCase(String(repeating: "not ", count: 63) + "‸not true", .limit, length: 1, "expression nests more than 64 levels deep"),
  ]

  @Test("invalid text gives the expected error kind at the marked position", arguments: errors)
  func reportsError(_ example: ErrorCase) throws {
    let marked = ExprMarked(example.marked)
    let error = try #require(ExprTest.parseError(marked.text), "`\(marked.text)` parsed, but should not")
    #expect(error.kind == example.kind)
    #expect(error.range == marked.offset..<marked.offset + example.length, "message: \(error.message)")
    #expect(error.message.contains(example.message), "message: \(error.message)")
    if let hint = example.hint {
      #expect(error.hint?.contains(hint) == true, "hint: \(error.hint ?? "none")")
    }
    // Every range stays inside the text (an empty range may sit at its end).
    #expect(error.range.lowerBound >= 0 && error.range.upperBound <= max(marked.text.unicodeScalars.count, error.range.lowerBound))
  }

  // MARK: - Limits

  @Test("4,096 characters are accepted; 4,097 give a limit error at the first character past the limit")
  func lengthLimit() throws {
    // A text of 4,094 letters in quotes is 4,096 characters.
    let atLimit = "'" + String(repeating: "a", count: 4094) + "'"
    #expect(atLimit.unicodeScalars.count == 4096)
    let parsed = try #require(ExprTest.parseOrRecord(atLimit))
    #expect(ExpressionEvaluator.evaluate(parsed, in: ExprTestEnvironment()) == .text(String(repeating: "a", count: 4094)))

    let marked = ExprMarked("'" + String(repeating: "a", count: 4094) + "'‸ ")
    #expect(marked.text.unicodeScalars.count == 4097)
    let error = try #require(ExprTest.parseError(marked.text))
    #expect(error.kind == .limit)
    #expect(error.range == marked.offset..<4097)
    #expect(error.message.contains("4097 characters long; the limit is 4096"))
  }

  @Test("the length limit counts Unicode scalars, not bytes")
  func lengthLimitCountsScalars() throws {
    // 4,094 scalars of text inside two quotes: 4,096 scalars, far more UTF-8 bytes.
    let text = "'" + String(repeating: "é", count: 4094) + "'"
    #expect(text.utf8.count > 4096)
    let parsed = try #require(ExprTest.parseOrRecord(text))
    #expect(parsed == .txt(String(repeating: "é", count: 4094)))
    let error = try #require(ExprTest.parseError("'" + String(repeating: "é", count: 4095) + "'"))
    #expect(error.kind == .limit)
    #expect(error.range == 4096..<4097)
  }

  @Test("a huge input is refused by the length check without being read")
  func hugeInput() throws {
    let error = try #require(ExprTest.parseError(String(repeating: "(", count: 1_000_000)))
    #expect(error.kind == .limit)
    #expect(error.range == 4096..<1_000_000)
  }

  struct NestingCase: Sendable, CustomTestStringConvertible {
    var name: String
    var open: String
    var close: String
    var inner: String
    var testDescription: String { name }
  }

  static let nestings: [NestingCase] = [
    NestingCase(name: "parentheses", open: "(", close: ")", inner: "1"),
    NestingCase(name: "lists", open: "[", close: "]", inner: "1"),
    NestingCase(name: "not", open: "not ", close: "", inner: "true"),
    NestingCase(name: "unary minus", open: "-", close: "", inner: "1"),
  ]

  /// The whole expression is level 1, so 63 wrappers reach level 64, the deepest allowed.
  @Test("63 nested levels parse; 64 and 65 give a limit error at the wrapper that goes too deep", arguments: nestings)
  func nestingLimit(_ nesting: NestingCase) throws {
    func nested(_ count: Int, markAt marked: Int? = nil) -> String {
      var text = ""
      for level in 0..<count {
        if level == marked { text += "‸" }
        text += nesting.open
      }
      return text + nesting.inner + String(repeating: nesting.close, count: count)
    }
    let deepest = try #require(ExprTest.parseOrRecord(nested(63)))
    #expect(ExprTest.treeDepth(deepest) == (nesting.name == "parentheses" ? 1 : 64))
    for count in [64, 65] {
      // The 64th wrapper is the one that goes one level too deep.
      let marked = ExprMarked(nested(count, markAt: 63))
      let error = try #require(ExprTest.parseError(marked.text), "\(count) levels parsed")
      #expect(error.kind == .limit)
      #expect(error.message.contains("more than 64 levels"))
      if nesting.name == "parentheses" || nesting.name == "lists" {
        // Reported at what follows the 64th bracket: the point where the 65th level starts.
        #expect(error.range == marked.offset + 1..<marked.offset + 2)
      } else {
        #expect(error.range == marked.offset..<marked.offset + 1)
      }
    }
  }

  @Test("65 nested parentheses give a limit error, not a crash")
  func sixtyFiveParentheses() throws {
    let text = String(repeating: "(", count: 65) + "1" + String(repeating: ")", count: 65)
    let error = try #require(ExprTest.parseError(text))
    #expect(error.kind == .limit)
    #expect(error.range == 64..<65)
  }

  @Test("deep nesting far past the limit, every kind mixed, stays an error")
  func deepMixedNesting() throws {
    let text = String(repeating: "not (-[sum(", count: 200) + "1" + String(repeating: ")])", count: 200)
    #expect(text.unicodeScalars.count < 4096)
    let error = try #require(ExprTest.parseError(text))
    #expect(error.kind == .limit)
    #expect(error.range.upperBound <= text.unicodeScalars.count)
  }

  // MARK: - Problems found by fuzzing and property tests, now fixed

  @Test("a text holding a quote followed by a combining mark prints to text that parses back")
  func quoteBeforeCombiningMark() throws {
    // Source 'a''́': a doubled quote, then U+0301 COMBINING ACUTE ACCENT, read by the lexer
    // scalar by scalar as the text a + ' + U+0301.
    let source = "'a''\u{301}'"
    let parsed = try #require(ExprTest.parseOrRecord(source))
    #expect(parsed == .txt("a'\u{301}"))
    let printed = ExpressionPrinter.print(parsed)
    #expect(printed == source)
    let again = try ExpressionParser.parse(printed)
    #expect(again == parsed)
  }

  @Test("nested calls count one level each, like brackets, `not` and `-`: 63 nested calls parse")
  func nestedCallsCountOneLevel() {
    func calls(_ count: Int) -> String { String(repeating: "sum(", count: count) + "1" + String(repeating: ")", count: count) }
    #expect(ExprTest.parseError(calls(31)) == nil)
    #expect(ExprTest.parseError(calls(32)) == nil)
    #expect(ExprTest.parseError(calls(63)) == nil)
  }

  @Test("a limit error found at the end of the text has a range within the text", arguments: [("(", 64), ("[", 64), ("sum(", 64)])
  func limitErrorRangeAtEnd(_ opener: String, _ count: Int) throws {
    let text = String(repeating: opener, count: count)
    let error = try #require(ExprTest.parseError(text))
    #expect(error.kind == .limit)
    #expect(error.range.lowerBound <= text.unicodeScalars.count)
    #expect(error.range.upperBound <= text.unicodeScalars.count)
  }

  @Test("printing a valid expression gives text that parses back: deep `not` and `-`", arguments: [("not ", "true"), ("-", "1")])
  func printedNestingParsesBack(_ prefix: String, _ operand: String) throws {
    // 31 levels print and parse back.
    let shallow = try #require(ExprTest.parseOrRecord(String(repeating: prefix, count: 31) + operand))
    #expect(ExprTest.parseError(ExpressionPrinter.print(shallow)) == nil)
    for count in [33, 40, 63] {
      let source = String(repeating: prefix, count: count) + operand
      let parsed = try #require(ExprTest.parseOrRecord(source))
      let printed = ExpressionPrinter.print(parsed)
      let again = try ExpressionParser.parse(printed)
      #expect(again == parsed)
    }
  }

  @Test("a chain of operators counts one level per operator, so a runaway chain is a limit error")
  func operatorChainsCountTowardsTheLimit() throws {
    // The expression itself is one level, so a chain of 63 operators fits in 64 levels; the
    // 64th `+` (at offset 2 × 63 + 1) is one too many.
    let within = String(repeating: "1+", count: 63) + "1"
    let parsed = try #require(ExprTest.parseOrRecord(within))
    #expect(try ExpressionParser.parse(ExpressionPrinter.print(parsed)) == parsed)
    let beyond = String(repeating: "1+", count: 64) + "1"
    let error = try #require(ExprTest.parseError(beyond))
    #expect(error.kind == .limit)
    #expect(error.range == 127..<128)
    let longest = String(repeating: "1+", count: 2047) + "1"
    #expect(ExprTest.parseError(longest)?.kind == .limit)
  }
}
