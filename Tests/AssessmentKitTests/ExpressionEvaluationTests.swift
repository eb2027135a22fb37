import Testing
@testable import AssessmentKit

/// Table-driven tests of `ExpressionEvaluator` in a hand-filled environment, then of the values
/// `AnswerEnvironment` gives items of every kind from real answers.
@Suite("Expression evaluation")
struct ExpressionEvaluationTests {
  /// Every kind of value an item can have, and every reason for a missing one.
  static let environment = ExprTestEnvironment(
    currentItemID: "n",
    values: [
      "n": .number(4),
      "z": .number(0),
      "half": .number(0.5),
      "big": .number(1e308),
      "t": .text("yes"),
      "c": .text("partial"),  // a choice item
      "m": .list([.text("phone"), .text("web")]),  // a multi item
      "d": .text("2026-03-14"),  // a date item
      "na": .missing(.notApplicable),  // answered with a "not applicable" option
      "dk": .missing(.unknown),  // answered with a "don't know" option
      "mna": .missing(.notApplicable),  // a multi item answered "not applicable"
      "calc": .number(7),  // a calculated item
      // "u" (unanswered) and "hidden" (not asked) have no value at all.
    ],
    selections: [
      "c": ["partial"],
      "m": ["phone", "web"],
      "na": ["na"],
      "dk": ["dk"],
      "mna": ["none-apply"],
    ],
    scores: ["c": 0.5, "m": 1, "S1": 0.75],
    levels: ["c": 2, "S1": 3])

  struct Row: Sendable, CustomTestStringConvertible {
    var source: String
    var expected: ExpressionValue
    var rule: String
    init(_ source: String, _ expected: ExpressionValue, _ rule: String = "") {
      self.source = source
      self.expected = expected
      self.rule = rule
    }
    var testDescription: String { rule.isEmpty ? source : "\(source)  — \(rule)" }
  }

  static let yes = ExpressionValue.boolean(true)
  static let no = ExpressionValue.boolean(false)
  static let unanswered = ExpressionValue.missing(.unanswered)
  static let notApplicable = ExpressionValue.missing(.notApplicable)
  static let dontKnow = ExpressionValue.missing(.unknown)
  static let undefined = ExpressionValue.missing(.undefined)

  static let rows: [Row] = [
    // MARK: Literals and references
    Row("3", .number(3)),
    Row("'it''s'", .text("it's")),
    Row("true", yes),
    Row("[1, 'a', [true]]", .list([.number(1), .text("a"), .list([yes])])),
    Row("${n}", .number(4), "number item → number"),
    Row("${t}", .text("yes"), "text item → text"),
    Row("${c}", .text("partial"), "choice item → the option's value as text"),
    Row("${m}", .list([.text("phone"), .text("web")]), "multi item → list of texts"),
    Row("${d}", .text("2026-03-14"), "date item → text"),
    Row("${calc}", .number(7), "calculated item → its calculated value"),
    Row("${u}", unanswered, "unanswered item → missing (unanswered)"),
    Row("${hidden}", unanswered, "not-asked item → missing (unanswered)"),
    Row("${na}", notApplicable, "answered 'not applicable' → missing (not-applicable)"),
    Row("${dk}", dontKnow, "answered 'don't know' → missing (dont-know)"),
    Row(".", .number(4), "`.` is the current item's value"),
    Row(". * 2", .number(8)),

    // MARK: Arithmetic
    Row("1 + 2 * 3", .number(7)),
    Row("7 - 2 - 1", .number(4), "subtraction groups to the left"),
    Row("8 / 4 / 2", .number(1), "division groups to the left"),
    Row("1 / 4", .number(0.25)),
    Row("-${n}", .number(-4)),
    Row("--3", .number(3)),
    Row("${n} * ${half}", .number(2)),
    Row("2.5e-1 + 1e1", .number(10.25)),
    Row("'a' + 1", undefined, "arithmetic on text has no result"),
    Row("true * 2", undefined, "arithmetic on true/false has no result"),
    Row("-'a'", undefined, "negating text has no result"),
    Row("[1] + 1", undefined, "arithmetic on a list has no result"),

    // MARK: Missing values in arithmetic
    Row("${u} + 1", unanswered, "arithmetic with a missing operand gives that missing value"),
    Row("1 + ${na}", notApplicable, "arithmetic with a missing operand gives that missing value (right side)"),
    Row("${dk} * 2", dontKnow, "arithmetic with a missing operand gives that missing value (dont-know)"),
    Row("${hidden} - 1", unanswered, "arithmetic with a not-asked operand is missing (unanswered)"),
    Row("${na} + ${dk}", notApplicable, "with two missing operands, the left one's reason is kept"),
    Row("-${dk}", dontKnow, "negating a missing value gives that missing value"),
    Row("(${u} + 1) * 0", unanswered, "missing propagates through a chain, even times zero"),
    Row("${n} / 0", undefined, "division by zero gives missing (undefined)"),
    Row("${n} / ${z}", undefined, "division by a zero value gives missing (undefined)"),
    Row("0 / 0", undefined, "0 / 0 gives missing (undefined), not NaN"),
    Row("${u} / 0", unanswered, "a missing operand wins over division by zero"),
    Row("1 / ${dk}", dontKnow, "dividing by a missing value gives that missing value"),
    Row("${big} * 10", undefined, "a non-finite result gives missing (undefined)"),
    Row("${big} + ${big}", undefined, "overflow in addition gives missing (undefined)"),
    Row("-${big} - ${big}", undefined, "overflow towards -∞ gives missing (undefined)"),
    Row("1 / (${big} * 10)", undefined, "an undefined operand stays undefined"),

    // MARK: Comparisons
    Row("${n} = 4", yes),
    Row("${n} == 4", yes, "`==` is `=`"),
    Row("${n} != 4", no),
    Row("${n} < 5", yes),
    Row("${n} <= 4", yes),
    Row("${n} > 4", no),
    Row("${n} >= 4", yes),
    Row("${c} = 'partial'", yes),
    Row("'abc' < 'abd'", yes, "texts compare in order"),
    Row("${d} < '2026-10-01'", yes, "YYYY-MM-DD dates compare in calendar order"),
    Row("${d} >= '2026-03-14'", yes),
    Row("true = true", yes),
    Row("true != false", yes),
    Row("true < false", no, "true/false have no order"),
    Row("1 = '1'", no, "a number never equals text"),
    Row("1 != '1'", yes, "a number is always unequal to text"),
    Row("1 < '2'", no, "a number and a text have no order"),
    Row("[1, 2] = [1, 2]", yes, "lists compare by their entries"),
    Row("${m} = ['phone', 'web']", yes),
    Row("${m} != ['web', 'phone']", yes, "list order counts"),
    Row("0.1 + 0.2 = 0.3", no, "numbers are 64-bit floating point"),

    // MARK: Missing values in comparisons
    Row("${u} = 1", no, "a comparison with a missing side is false (=)"),
    Row("${u} != 1", no, "a comparison with a missing side is false — `!=` too"),
    Row("1 != ${u}", no, "a comparison with a missing side is false — `!=` too (right side)"),
    Row("${u} < 1", no, "a comparison with a missing side is false (<)"),
    Row("${u} <= 1", no, "a comparison with a missing side is false (<=)"),
    Row("${u} > 1", no, "a comparison with a missing side is false (>)"),
    Row("${u} >= 1", no, "a comparison with a missing side is false (>=)"),
    Row("${u} = ${u}", no, "missing does not even equal itself"),
    Row("${u} != ${na}", no, "two missing sides: still false"),
    Row("${na} = 'na'", no, "a 'not applicable' answer is missing, not its option's text"),
    Row("${dk} != 'yes'", no, "a 'don't know' answer is missing: `!=` is false"),
    Row("${hidden} != 'yes'", no, "a not-asked item is missing: `!=` is false"),
    Row("${n} / 0 = ${n} / 0", no, "undefined compares false"),

    // MARK: in
    Row("${c} in ['yes', 'partial']", yes),
    Row("${c} in ['yes', 'no']", no),
    Row("2 in [1, 2]", yes),
    Row("2 in 2", yes, "`in` with a single value on the right tests equality"),
    Row("'phone' in ${m}", yes, "`in` a multi item's list"),
    Row("[1] in [[1], [2]]", yes),
    Row("${u} in ['yes', 'partial']", no, "`x in [...]` with x missing is false"),
    Row("${na} in ['na']", no, "`x in [...]` with x missing is false, even listing its option"),
    Row("${dk} in ['0', '1']", no, "`x in [...]` with x 'don't know' is false"),
    Row("'phone' in ${mna}", no, "`in` a missing list is false"),
    Row("1 in ${u}", no, "`in` a missing value is false"),

    // MARK: and, or, not, if
    Row("true and false", no),
    Row("true or false", yes),
    Row("not(true)", no),
    Row("not false", yes),
    Row("${u} and true", no, "`and` treats missing as false"),
    Row("true and ${u}", no, "`and` treats missing as false (right side)"),
    Row("${u} or true", yes, "`or` treats missing as false"),
    Row("${u} or ${na}", no, "`or` of two missing values is false"),
    Row("not(${u})", yes, "`not(missing)` is true"),
    Row("not ${dk}", yes, "`not(missing)` is true (dont-know)"),
    Row("not(${u} = 'yes')", yes, "the documented example: not(${x} = 'yes'), unanswered"),
    Row("if(${u}, 1, 2)", .number(2), "`if` treats a missing condition as false"),
    Row("if(${n} > 0, 'pos', 'neg')", .text("pos")),
    Row("if(false, 1, ${u})", unanswered, "`if` gives the chosen branch's value, missing included"),
    Row("if(1, 2, 3)", .number(3), "only `true` is true: the number 1 is not"),
    Row("1 and true", no, "only `true` is true in `and`"),
    Row("if(true, 1)", undefined, "`if` with the wrong number of arguments has no value"),
    Row("${n} > 0 and ${u} < 100", no, "the documented rule: fires only when both numbers are given"),

    // MARK: selected
    Row("selected(${m}, 'web')", yes),
    Row("selected(${m}, 'mail')", no),
    Row("selected(${c}, 'partial')", yes, "selected works on a choice item"),
    Row("selected(${na}, 'na')", yes, "`selected` sees the raw options, 'not applicable' included"),
    Row("selected(${dk}, 'dk')", yes, "`selected` sees the raw options, 'don't know' included"),
    Row("selected(${mna}, 'none-apply')", yes, "`selected` sees a multi item's special option"),
    Row("selected(${u}, 'yes')", no, "`selected` is false when unanswered"),
    Row("selected(${hidden}, 'yes')", no, "`selected` is false when not asked"),
    Row("selected(., 'x')", no, "`.` with no options chosen"),
    Row("selected('m', 'web')", no, "`selected` needs a reference"),
    Row("selected(${m}, 1)", no, "`selected` needs a text option"),
    Row("selected(${m})", no, "`selected` with one argument is false"),

    // MARK: answered, count-selected
    Row("answered(${n})", yes, "`answered` is true for a real answer"),
    Row("answered(${calc})", yes),
    Row("answered(${u})", no, "`answered` is false when unanswered"),
    Row("answered(${hidden})", no, "`answered` is false when not asked"),
    Row("answered(${na})", no, "`answered` is false for 'not applicable'"),
    Row("answered(${dk})", no, "`answered` is false for 'don't know'"),
    Row("answered(.)", yes, "`answered(.)` reads the current item"),
    Row("answered(1)", no),
    Row("count-selected(${m})", .number(2), "`count-selected` is the number of options chosen"),
    Row("count-selected(${c})", .number(1)),
    Row("count-selected(${u})", unanswered, "`count-selected` is missing when unanswered"),
    Row("count-selected(${na})", notApplicable, "`count-selected` is missing for 'not applicable'"),
    Row("count-selected(${mna})", notApplicable, "`count-selected` is missing for a multi item answered 'not applicable'"),
    Row("count-selected(${dk})", dontKnow, "`count-selected` is missing for 'don't know'"),
    Row("count-selected(${m}) >= 2", yes),
    Row("count-selected()", undefined),

    // MARK: score, level
    Row("score(${c})", .number(0.5)),
    Row("score(${S1})", .number(0.75), "a section's score"),
    Row("level(${c})", .number(2)),
    Row("level(${S1})", .number(3)),
    Row("score(${u})", unanswered, "`score` is missing when there is none"),
    Row("level(${u})", unanswered, "`level` is missing when there is none"),
    Row("score(${u}) < 0.5", no, "… so comparing it is false"),
    Row("score(1)", undefined),
    Row("level()", undefined),

    // MARK: sum, min, max, mean, count
    Row("sum(1, 2, 3)", .number(6)),
    Row("sum([1, 2], [[3]], 4)", .number(10), "lists are flattened"),
    Row("sum(${n}, ${u})", .number(4), "`sum` skips missing values"),
    Row("sum(${u}, ${na}, ${dk})", .number(0), "`sum` of nothing (all missing) is 0"),
    Row("sum()", .number(0), "`sum` of nothing is 0"),
    Row("sum([])", .number(0), "`sum` of an empty list is 0"),
    Row("sum('a', 1)", .number(1), "`sum` takes only the numbers"),
    Row("sum(${big}, ${big})", undefined, "an overflowing sum is missing (undefined)"),
    Row("min(3, [1, 2])", .number(1)),
    Row("max(3, [1, [7]], 2)", .number(7)),
    Row("min(${u})", unanswered, "`min` of nothing is missing"),
    Row("max(${na}, ${dk})", unanswered, "`max` of nothing is missing"),
    Row("min()", unanswered, "`min` of nothing is missing"),
    Row("max(${u}, 2)", .number(2), "`max` skips missing values"),
    Row("mean(1, 2, [3, 6])", .number(3)),
    Row("mean(${n}, ${u})", .number(4), "`mean` skips missing values"),
    Row("mean(${u})", unanswered, "`mean` of nothing is missing"),
    Row("mean()", unanswered),
    Row("mean(${big}, ${big})", .number(1e308), "`mean` does not overflow on large values"),
    Row("count(${n}, ${u}, ${na}, ${dk})", .number(1), "`count` counts non-missing values"),
    Row("count([1, ${u}], 2, [[3, ${dk}]])", .number(3), "`count` flattens lists"),
    Row("count('a', true, 1)", .number(3), "`count` counts any non-missing value"),
    Row("count(${u})", .number(0)),
    Row("count(${m})", .number(2), "a multi item's list is flattened"),

    // MARK: coalesce
    Row("coalesce(${u}, 0)", .number(0), "`coalesce` gives its first non-missing argument"),
    Row("coalesce(${n}, 0)", .number(4)),
    Row("coalesce(${u}, ${na}, 'x', 'y')", .text("x")),
    Row("coalesce(${u}, ${dk})", dontKnow, "all missing: the last missing value"),
    Row("coalesce(${n} / 0, 1)", .number(1), "an undefined argument is skipped"),
    Row("coalesce()", unanswered),
  ]

  @Test("each expression evaluates to the expected value", arguments: rows)
  func evaluates(_ row: Row) throws {
    let expression = try #require(ExprTest.parseOrRecord(row.source))
    let value = ExpressionEvaluator.evaluate(expression, in: Self.environment)
    #expect(value == row.expected, "\(row.rule)")
    // `holds` is the same evaluation, true only for `true`.
    #expect(ExpressionEvaluator.holds(expression, in: Self.environment) == (row.expected == .boolean(true)))
  }

  @Test("`.` without a current item is missing (unanswered)")
  func currentWithoutItem() throws {
    var environment = Self.environment
    environment.currentItemID = nil
    let expression = try #require(ExprTest.parseOrRecord("."))
    #expect(ExpressionEvaluator.evaluate(expression, in: environment) == Self.unanswered)
    let answered = try #require(ExprTest.parseOrRecord("answered(.)"))
    #expect(ExpressionEvaluator.evaluate(answered, in: environment) == Self.no)
  }

  /// An environment that counts what is read, to see what `and`/`or` skip.
  final class Counting: ExpressionEnvironment, @unchecked Sendable {
    var reads: [String] = []
    var currentItemID: String? { nil }
    func value(of id: String) -> ExpressionValue {
      reads.append(id)
      return ExpressionEvaluationTests.environment.value(of: id)
    }
    func selectedOptions(of id: String) -> [String]? { nil }
    func score(of id: String) -> Double? { nil }
    func level(of id: String) -> Int? { nil }
  }

  @Test(
    "`and` and `or` read their right side only when they need to",
    arguments: [
      ("${z} = 1 and ${n} = 4", ["z"]),
      ("${z} = 0 and ${n} = 4", ["z", "n"]),
      ("${z} = 0 or ${n} = 4", ["z"]),
      ("${z} = 1 or ${n} = 4", ["z", "n"]),
      ("${u} and ${n}", ["u"]),
      ("sum(${z}, ${n}, ${u})", ["z", "n", "u"]),
      ("coalesce(${u}, ${n}, ${z})", ["u", "n"]),
      ("if(${z} = 0, ${n}, ${u})", ["z", "n"]),
    ])
  func shortCircuit(_ source: String, _ reads: [String]) throws {
    let expression = try #require(ExprTest.parseOrRecord(source))
    let environment = Counting()
    _ = ExpressionEvaluator.evaluate(expression, in: environment)
    #expect(environment.reads == reads)
  }

  @Test("printing a value")
  func valueDescriptions() {
    #expect(ExpressionValue.number(3).description == "3")
    #expect(ExpressionValue.number(0.25).description == "0.25")
    #expect(ExpressionValue.list([.text("a"), .boolean(false)]).description == "['a', false]")
    #expect(Self.notApplicable.description == "(not-applicable)")
    #expect(Self.dontKnow.description == "(dont-know)")
    #expect(Self.unanswered.isMissing && !Self.unanswered.isTrue)
    #expect(!ExpressionValue.number(1).isTrue)
  }

  // MARK: - Values from real answers

  static let questionnaire = exprQuestionnaireHeader + """
    sections:
      - id: S1
        title: Answers of every kind
        items:
          - {id: c, text: Choice, scale: yes-partial-no}
          - {id: m, text: Multi, type: multi, scale: channels}
          - {id: n, text: Number, type: number, scale: special, bands: [{max: 3, score: 1}, {min: 3, score: 0}]}
          - {id: p, text: Percent, type: percent, scale: special}
          - {id: t, text: Text, type: text}
          - {id: d, text: Date, type: date, scale: special}
          - {id: cna, text: Choice n/a, scale: yes-partial-no}
          - {id: cdk, text: Choice dk, scale: yes-partial-no}
          - {id: mna, text: Multi n/a, type: multi, scale: channels}
          - {id: ndk, text: Number dk, type: number, scale: special}
          - {id: u, text: Unanswered, scale: yes-partial-no}
          - {id: n2, text: Unanswered number, type: number}
          - {id: hidden, text: Hidden, scale: yes-partial-no, relevant: "${c} = 'no'"}
          - {id: shown, text: Shown, scale: yes-partial-no, relevant: "${c} = 'partial'"}
          - {id: calc, text: Calculated, type: number, calculate: "${n} * 2 + count-selected(${m})"}
          - {id: calc2, text: Calculated from nothing, type: number, calculate: "${n2} + 1"}
          - {id: calc3, text: Calculated from a calculation, type: number, calculate: "${calc} * 10"}
          - {id: calchidden, text: Hidden calculation, type: number, relevant: "false", calculate: "1"}
          - {id: calctext, text: Calculated text, type: text, calculate: "if(${n} > 1, 'many', 'few')"}
      - id: S2
        title: Scores
        items:
          - {id: s1, text: Scored yes, scale: yes-partial-no}
          - {id: s2, text: Scored no, scale: yes-partial-no, weight: 3}

    """

  static let answers = """
    schema: assess/answers@1
    respondent: {country: Examplia}
    questionnaires:
      - id: expr-test
        version: 1.0.0
        answers:
          c: partial
          m: [phone, web]
          n: "2"
          p: "40"
          t: hello
          d: "2026-03-14"
          cna: na
          cdk: dk
          mna: [none-apply]
          ndk: dk
          hidden: "yes"
          shown: "yes"
          calc: "99"
          s1: "yes"
          s2: "no"

    """

  static func answerEnvironment() throws -> AnswerEnvironment {
    let loaded = try #require(ExprLoad.questionnaire(questionnaire))
    #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.text))")
    let compiled = CompiledQuestionnaire(loaded.document.model)
    #expect(compiled.diagnostics.isEmpty, "\(compiled.diagnostics.map(\.text))")
    let answerSet = try #require(ExprLoad.answers(answers))
    return AnswerEnvironment(compiled, answers: answerSet.model.questionnaires.first)
  }

  @Test(
    "answers become the values the rules name",
    arguments: [
      ("c", ExpressionValue.text("partial"), "choice → text"),
      ("m", .list([.text("phone"), .text("web")]), "multi → list of texts"),
      ("n", .number(2), "number → number"),
      ("p", .number(40), "percent → number"),
      ("t", .text("hello"), "text → text"),
      ("d", .text("2026-03-14"), "date → text"),
      ("cna", .missing(.notApplicable), "a 'not applicable' option → missing (not-applicable)"),
      ("cdk", .missing(.unknown), "a 'don't know' option → missing (dont-know)"),
      ("mna", .missing(.notApplicable), "a multi item's 'not applicable' option → missing (not-applicable)"),
      ("ndk", .missing(.unknown), "a number item's 'don't know' → missing (dont-know)"),
      ("u", .missing(.unanswered), "unanswered → missing (unanswered)"),
      ("hidden", .missing(.unanswered), "answered but not asked (relevant false) → missing (unanswered)"),
      ("shown", .text("yes"), "asked (relevant true) → its answer"),
      ("calc", .number(6), "calculated → its value (2 × 2 + 2), the written answer ignored"),
      ("calc2", .missing(.unanswered), "a calculation reading a missing value is missing"),
      ("calc3", .number(60), "a calculation may read another calculation"),
      ("calchidden", .missing(.unanswered), "a hidden calculated item is missing"),
      ("calctext", .text("many"), "a text calculation"),
      ("nothing", .missing(.unanswered), "an id the questionnaire lacks"),
    ])
  func answerValues(_ id: String, _ expected: ExpressionValue, _ rule: String) throws {
    let environment = try Self.answerEnvironment()
    #expect(environment.value(of: id) == expected, "\(rule)")
  }

  @Test(
    "functions over real answers",
    arguments: [
      ("selected(${cna}, 'na')", ExpressionValue.boolean(true), "selected sees 'not applicable'"),
      ("selected(${ndk}, 'dk')", .boolean(true), "selected sees a number item's 'don't know'"),
      ("selected(${hidden}, 'yes')", .boolean(false), "a hidden item has no options chosen"),
      ("selected(${u}, 'yes')", .boolean(false), "selected is false when unanswered"),
      ("answered(${cdk})", .boolean(false), "'don't know' is not a real answer"),
      ("answered(${hidden})", .boolean(false), "a hidden item is not answered"),
      ("answered(${shown})", .boolean(true), ""),
      ("count-selected(${m})", .number(2), ""),
      ("count-selected(${mna})", .missing(.notApplicable), "count-selected is missing without a real answer"),
      ("score(${c})", .number(0.5), "a choice's option score"),
      ("score(${m})", .number(1), "a multi's option scores summed, capped at 1 (0.25 + 1)"),
      ("score(${n})", .number(1), "a number's band score (2 is in max 3)"),
      ("score(${calc})", .missing(.unanswered), "a calculated number without bands has no score"),
      ("score(${cna})", .missing(.unanswered), "a 'not applicable' answer has no score"),
      ("score(${hidden})", .missing(.unanswered), "a hidden item has no score"),
      ("level(${c})", .number(2), "a choice's option level"),
      ("level(${hidden})", .missing(.unanswered), "a hidden item has no level"),
      ("score(${S2})", .number(0.25), "a section's weighted mean: (1 × 1 + 0 × 3) / 4"),
      ("level(${S2})", .number(1), "0.25 reaches level 1 (min_score 0.2)"),
      ("sum(${n}, ${p}, ${ndk}, ${n2})", .number(42), "sum skips missing answers"),
      ("coalesce(${ndk}, ${n2}, -1)", .number(-1), ""),
      ("${c} != 'yes' and ${cna} != 'yes'", .boolean(false), "!= with a 'not applicable' side is false"),
    ])
  func functionsOverAnswers(_ source: String, _ expected: ExpressionValue, _ rule: String) throws {
    let environment = try Self.answerEnvironment()
    let expression = try #require(ExprTest.parseOrRecord(source))
    #expect(ExpressionEvaluator.evaluate(expression, in: environment) == expected, "\(rule)")
  }

  @Test("relevance is worked out from the answers")
  func relevance() throws {
    let environment = try Self.answerEnvironment()
    #expect(environment.isAsked("shown"))
    #expect(!environment.isAsked("hidden"))
    #expect(!environment.isAsked("calchidden"))
    #expect(environment.isAsked("c"))
    #expect(environment.selectedOptions(of: "hidden") == nil)
    #expect(environment.selectedOptions(of: "cna") == ["na"])
    #expect(environment.selectedOptions(of: "u") == nil)
  }
}
