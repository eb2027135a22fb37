import Foundation
import Testing
@testable import AssessmentKit

/// Load-time checks of expressions, located in the YAML: each problem is marked with `‸` in the
/// questionnaire text, at the character the diagnostic must point at. Then the same checks for a
/// rule's `when`, and the checks of answers that expressions drive.
@Suite("Expression checks")
struct ExpressionCheckTests {
  /// Items every case can refer to, in section S1; each case adds its own items in section S2.
  static let baseSections = """
    sections:
      - id: S1
        title: Base
        items:
          - {id: choice1, text: Choice, scale: yes-partial-no}
          - {id: multi1, text: Multi, type: multi, scale: channels}
          - {id: number1, text: Number, type: number, scale: special}
          - {id: text1, text: Text, type: text}
      - id: S2
        title: Cases
        items:

    """

  /// A questionnaire: the shared header and base items, then `items` (written without
  /// indentation) as the items of section S2.
  static func questionnaire(items: String) -> String {
    let indented = items.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "      " + $0 }
    return exprQuestionnaireHeader + baseSections + indented.joined(separator: "\n") + "\n"
  }

  /// The column at which the expression on the marker's line starts: after `key: ` and an
  /// opening quote, if any.
  static func expressionStartColumn(in text: String, line: Int, beforeColumn column: Int) -> Int? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let scalars = Array(lines[line - 1].unicodeScalars)
    for key in ["relevant: ", "constraint: ", "calculate: ", "when: "] {
      let keyScalars = Array(key.unicodeScalars)
      guard scalars.count >= keyScalars.count else { continue }
      for start in 0...(scalars.count - keyScalars.count) where Array(scalars[start..<start + keyScalars.count]) == keyScalars {
        var first = start + keyScalars.count
        if first < scalars.count, scalars[first] == "\"" || scalars[first] == "'" { first += 1 }
        if first + 1 <= column { return first + 1 }
      }
    }
    return nil
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var items: String
    var code: DiagnosticCode
    var message: String
    var hint: String?
    /// How many scalars the caret covers.
    var width: Int?

    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "unknown ${id}, with a suggestion",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: "${number1} > 0 and ‸${choise1} = 'yes'"
        """,
      code: .exprUnknownReference, message: "questionnaire `expr-test` has no item `choise1`", hint: "did you mean `choice1`?",
      width: 10),
    Case(
      name: "an option the scale lacks",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: "${choice1} = ‸'partail'"
        """,
      code: .exprUnknownOption, message: "item `choice1` has no option 'partail'", hint: "did you mean `partial`?", width: 9),
    Case(
      name: "an option the scale lacks, inside `in`",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: "${choice1} in ['yes', ‸'maybe']"
        """,
      code: .exprUnknownOption, message: "item `choice1` has no option 'maybe'", hint: "its options: yes, partial, no, na, dk", width: 7),
    Case(
      name: "an option the scale lacks, in selected()",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: "selected(${multi1}, ‸'fax')"
        """,
      code: .exprUnknownOption, message: "item `multi1` has no option 'fax'", width: 5),
    Case(
      name: "a multi item compared with `=`",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: "answered(${number1}) and ‸${multi1} = 'web'"
        """,
      code: .exprType, message: "`=` compares a list of texts with text",
      hint: "several options can be chosen here: write `selected(${multi1}, 'web')`", width: 17),
    Case(
      name: "a number item compared with a special answer's text",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: "‸${number1} = 'dk'"
        """,
      code: .exprType, message: "`=` compares a number with text",
      hint: "a number item's special answers are tested with `selected(${number1}, 'dk')`", width: 17),
    Case(
      name: "wrong arity",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: "true and ‸selected(${multi1})"
        """,
      code: .exprArity, message: "`selected` takes 2 arguments, not 1", hint: "write `selected(${item}, 'option')`", width: 19),
    Case(
      name: "wrong arity of coalesce",
      items: """
        - id: r1
          text: R1
          type: number
          calculate: ‸coalesce(${number1})
        """,
      code: .exprArity, message: "`coalesce` takes at least 2 arguments, not 1", width: 20),
    Case(
      name: "wrong type for `+`",
      items: """
        - id: r1
          text: R1
          type: number
          calculate: "${number1} + ‸'1'"
        """,
      code: .exprType, message: "`+` needs a number, but this is text", width: 3),
    Case(
      name: "wrong type for a function",
      items: """
        - id: r1
          text: R1
          type: number
          calculate: "sum(${number1}, ‸${text1})"
        """,
      code: .exprType, message: "`sum` takes numbers or lists of numbers, but this is text", width: 8),
    Case(
      name: "a calculation of the wrong type for its item",
      items: """
        - id: r1
          text: R1
          type: number
          calculate: "‸if(${number1} > 1, 'many', 'few')"
        """,
      code: .exprType, message: "item `r1` is a number item, but its calculation gives text"),
    Case(
      name: "`.` in relevant",
      items: """
        - id: r1
          text: R1
          type: number
          relevant: "${number1} > ‸."
        """,
      code: .exprCurrent, message: "`.` stands for the item's own answer and can be used only in a `constraint`",
      hint: "write `${r1}`", width: 1),
    Case(
      name: "`.` in calculate",
      items: """
        - id: r1
          text: R1
          type: number
          calculate: "‸. + 1"
        """,
      code: .exprCurrent, message: "can be used only in a `constraint`", width: 1),
    Case(
      name: "a relevance cycle between two items",
      items: """
        - id: cycA
          text: A
          scale: yes-partial-no
          relevant: "‸${cycB} = 'yes'"
        - id: cycB
          text: B
          scale: yes-partial-no
          relevant: "${cycA} = 'yes'"
        """,
      code: .exprCycle, message: "items depend on each other in a circle: cycA → cycB → cycA", hint: "break the circle",
      width: 15),
    Case(
      name: "a cycle through a calculation",
      items: """
        - id: total
          text: Total
          type: number
          calculate: "‸sum(${part}, 1)"
        - id: part
          text: Part
          type: number
          relevant: "${total} > 3"
        """,
      code: .exprCycle, message: "items depend on each other in a circle: total → part → total", width: 15),
    Case(
      name: "a cycle through calculations only",
      items: """
        - id: calcA
          text: A
          type: number
          calculate: "‸${calcB} + 1"
        - id: calcB
          text: B
          type: number
          calculate: "${calcA} * 2"
        """,
      code: .exprCycle, message: "calcA → calcB → calcA", width: 12),
    Case(
      name: "an item's relevance reading its own answer",
      items: """
        - id: self1
          text: Self
          scale: yes-partial-no
          relevant: "‸answered(${number1}) or ${self1} = 'yes'"
        """,
      code: .exprCycle, message: "self1 → self1", width: 40),
    Case(
      name: "a section referenced without score() or level()",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: "score(${S1}) > 0.5 or ‸${S1} > 0.5"
        """,
      code: .exprType, message: "`S1` is a section, which has no answer of its own", hint: "use `score(${S1})` or `level(${S1})`",
      width: 5),
    Case(
      name: "a non-boolean relevant",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: "‸${number1} + 1"
        """,
      code: .exprType, message: "a `relevant` must be true or false, but this gives a number",
      hint: "compare it with something, such as `${number1} + 1 > 0`", width: 14),
    Case(
      name: "a non-boolean constraint",
      items: """
        - id: r1
          text: R1
          type: number
          constraint: "‸. * 2"
        """,
      code: .exprType, message: "a `constraint` must be true or false, but this gives a number", width: 5),
    Case(
      name: "a syntax error",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: "${choice1} = ‸'yes"
        """,
      code: .exprSyntax, message: "text is not closed", hint: "end it with '", width: 4),
    Case(
      name: "a syntax error in a plain scalar",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: ${choice1} = 'yes' ‸&& ${number1} > 1
        """,
      code: .exprSyntax, message: "unexpected character `&`", hint: "write `and` / `or`", width: 1),
    Case(
      name: "a syntax error in a single-quoted scalar",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: '${choice1} =‸< 1'
        """,
      code: .exprSyntax, message: "unexpected `<`", width: 1),
    Case(
      name: "a syntax error after non-ASCII text (columns count scalars)",
      items: """
        - id: r1
          text: R1
          type: text
          relevant: "${text1} = 'été 👍🏽' ‸# x"
        """,
      code: .exprSyntax, message: "unexpected character `#`", width: 1),
    Case(
      name: "nesting past the limit",
      items: """
        - id: r1
          text: R1
          scale: yes-partial-no
          relevant: "\(String(repeating: "(", count: 64))‸(true\(String(repeating: ")", count: 65))"
        """,
      code: .exprLimit, message: "expression nests more than 64 levels deep", width: 1),
  ]

  @Test("each problem is reported with its code at the marked line and column", arguments: cases)
  func located(_ example: Case) throws {
    let marked = ExprMarked(Self.questionnaire(items: example.items))
    let loaded = try #require(ExprLoad.questionnaire(marked.text))
    #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.text))")
    let compiled = CompiledQuestionnaire(loaded.document.model)
    let found = compiled.diagnostics.filter { $0.code == example.code }
    #expect(found.count == 1, "\(compiled.diagnostics.map { "\($0.location): \($0.text) [\($0.code)]" })")
    // No other expression problem: the case has exactly one.
    #expect(compiled.diagnostics.count == 1, "\(compiled.diagnostics.map { "\($0.location): \($0.text) [\($0.code)]" })")
    let diagnostic = try #require(found.first)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location.file == "test-questionnaire.yaml")
    #expect(diagnostic.location.line == marked.line)
    #expect(diagnostic.location.column == marked.column)
    #expect(diagnostic.message.contains(example.message), "\(diagnostic.message)")
    if let hint = example.hint {
      #expect(diagnostic.hint?.contains(hint) == true, "\(diagnostic.hint ?? "no hint")")
    }
    // The snippet is the expression, the caret at the marked character.
    let start = try #require(Self.expressionStartColumn(in: marked.text, line: marked.line, beforeColumn: marked.column))
    let snippet = try #require(diagnostic.snippet)
    #expect(snippet.start == marked.column - start)
    if let width = example.width {
      #expect(snippet.end - snippet.start == width)
    }
    // The snippet's text is the expression as the checker read it.
    let item = try #require(loaded.document.model.sections.last?.items.first)
    let source = try #require(item.relevant ?? item.constraint ?? item.calculate)
    #expect(snippet.text == source.text)
    // The questionnaire validator passes the same diagnostic on.
    #expect(QuestionnaireValidator.validate(loaded.document).contains(diagnostic))
  }

  @Test("a folded (`>-`) expression is reported at the line and column of the character")
  func foldedExpression() throws {
    let marked = ExprMarked(
      Self.questionnaire(
        items: """
          - id: r1
            text: R1
            scale: yes-partial-no
            relevant: >-
              ${choice1} = 'yes'
              and ${choice1} = ‸'partail'
          """))
    let loaded = try #require(ExprLoad.questionnaire(marked.text))
    let compiled = CompiledQuestionnaire(loaded.document.model)
    let diagnostic = try #require(compiled.diagnostics.first)
    #expect(compiled.diagnostics.count == 1)
    #expect(diagnostic.code == .exprUnknownOption)
    #expect(diagnostic.location.line == marked.line)
    #expect(diagnostic.location.column == marked.column)
    let snippet = try #require(diagnostic.snippet)
    #expect(snippet.text == "${choice1} = 'yes' and ${choice1} = 'partail'")
    #expect(snippet.start == 36)
    #expect(snippet.end == 45)
  }

  @Test("a double-quoted expression with an escape, which cannot be traced, is reported at the scalar")
  func escapedExpression() throws {
    let marked = ExprMarked(
      Self.questionnaire(
        items: """
          - id: r1
            text: R1
            scale: yes-partial-no
            relevant: ‸"${choice1} = \\"partail\\""
          """))
    let loaded = try #require(ExprLoad.questionnaire(marked.text))
    let compiled = CompiledQuestionnaire(loaded.document.model)
    let diagnostic = try #require(compiled.diagnostics.first)
    #expect(diagnostic.code == .exprUnknownOption)
    #expect(diagnostic.location.line == marked.line)
    #expect(diagnostic.location.column == marked.column)
    #expect(diagnostic.snippet?.text == "${choice1} = \"partail\"")
    #expect(diagnostic.snippet?.start == 13)
  }

  @Test("a single-quoted expression with doubled quotes is reported at the character")
  func singleQuotedWithDoubledQuotes() throws {
    let marked = ExprMarked(
      Self.questionnaire(
        items: """
          - id: r1
            text: R1
            scale: yes-partial-no
            relevant: '${choice1} = ''yes'' and ${choice1} = ‸''partail'''
          """))
    let loaded = try #require(ExprLoad.questionnaire(marked.text))
    let compiled = CompiledQuestionnaire(loaded.document.model)
    let diagnostic = try #require(compiled.diagnostics.first)
    #expect(compiled.diagnostics.count == 1)
    #expect(diagnostic.code == .exprUnknownOption)
    #expect(diagnostic.location.line == marked.line)
    #expect(diagnostic.location.column == marked.column)
    // Offsets count the expression's characters: each `''` is one.
    #expect(diagnostic.snippet == Diagnostic.Snippet(text: "${choice1} = 'yes' and ${choice1} = 'partail'", start: 36, end: 45))
  }

  @Test("a file with CRLF line ends reports expressions at the same column as with LF")
  func crlfColumns() throws {
    let marked = ExprMarked(
      Self.questionnaire(
        items: """
          - id: r1
            text: R1
            scale: yes-partial-no
            relevant: "${choice1} = ‸'partail'"
          """))
    let crlf = marked.text.replacingOccurrences(of: "\n", with: "\r\n")
    let loaded = try #require(ExprLoad.questionnaire(crlf))
    let diagnostic = try #require(CompiledQuestionnaire(loaded.document.model).diagnostics.first)
    #expect(diagnostic.code == .exprUnknownOption)
    #expect(diagnostic.location.line == marked.line)
    #expect(diagnostic.snippet?.start == 13)
    #expect(diagnostic.location.column == marked.column)
  }

  @Test("several problems in one expression are all reported, each at its place")
  func severalProblems() throws {
    let marked = ExprMarked(
      Self.questionnaire(
        items: """
          - id: r1
            text: R1
            scale: yes-partial-no
            relevant: "‸${choise1} = 'yes' or ${choice1} = ‸'mabye' or ‸count-selected(${text1}, 1) > 1"
          """))
    let loaded = try #require(ExprLoad.questionnaire(marked.text))
    let compiled = CompiledQuestionnaire(loaded.document.model)
    let located = compiled.diagnostics.map { [$0.code.rawValue, "\($0.location.line):\($0.location.column)"] }
    #expect(
      located == [
        [DiagnosticCode.exprUnknownReference.rawValue, "\(marked.marks[0].line):\(marked.marks[0].column)"],
        [DiagnosticCode.exprUnknownOption.rawValue, "\(marked.marks[1].line):\(marked.marks[1].column)"],
        [DiagnosticCode.exprArity.rawValue, "\(marked.marks[2].line):\(marked.marks[2].column)"],
      ])
  }

  @Test("a sound questionnaire compiles without diagnostics")
  func soundQuestionnaire() throws {
    let yaml = Self.questionnaire(
      items: """
        - id: r1
          text: R1
          type: number
          scale: special
          relevant: "${choice1} in ['yes', 'partial'] and not(selected(${multi1}, 'none-apply'))"
          constraint: ". >= 0 and . <= 365 or selected(., 'dk')"
        - id: r2
          text: R2
          type: number
          calculate: "coalesce(${r1}, 0) * 2 + count-selected(${multi1}) + sum(score(${S1}), level(${choice1}))"
        - id: r3
          text: R3
          type: text
          calculate: "if(${r2} > 10, 'high', ${text1})"
          relevant: "${number1} != 0 or ${choice1} = 'no' or 'web' in ${multi1}"
        """)
    let loaded = try #require(ExprLoad.questionnaire(yaml))
    let compiled = CompiledQuestionnaire(loaded.document.model)
    #expect(compiled.diagnostics.isEmpty, "\(compiled.diagnostics.map(\.text))")
    #expect(compiled.evaluationOrder.firstIndex(of: "r1")! < compiled.evaluationOrder.firstIndex(of: "r2")!)
    #expect(compiled.evaluationOrder.firstIndex(of: "r2")! < compiled.evaluationOrder.firstIndex(of: "r3")!)
  }

  @Test("items are evaluated after the items they read, whatever the file order")
  func evaluationOrder() throws {
    let yaml = Self.questionnaire(
      items: """
        - {id: late, text: Late, type: number, calculate: "${early} + 1"}
        - {id: early, text: Early, type: number, calculate: "${base} * 2"}
        - {id: base, text: Base, type: number}
        """)
    let loaded = try #require(ExprLoad.questionnaire(yaml))
    let compiled = CompiledQuestionnaire(loaded.document.model)
    #expect(compiled.diagnostics.isEmpty, "\(compiled.diagnostics.map(\.text))")
    let order = compiled.evaluationOrder
    let late = try #require(order.firstIndex(of: "late"))
    let early = try #require(order.firstIndex(of: "early"))
    let base = try #require(order.firstIndex(of: "base"))
    #expect(base < early && early < late)
  }

  // MARK: - A rule's `when`

  static let evaluator = """
    schema: assess/evaluator@1
    id: org.example.expr-rules
    version: 1.0.0
    title: Expression rules
    kind: rules
    applies_to:
      - questionnaire: expr-test
        versions: ">=1.0.0, <2.0.0"
    references:
      - {id: ref-a, title: Reference A}
    rules:
      - id: R1
        title: Sound rule
        when: "${choice1} in ['no'] and ${number1} > 3"
        severity: high
        finding: {summary: Something is wrong., why: It matters.}
        recommendation:
          title: Fix it
          actions: [Fix it]
          actors: [border-guards]
          horizon: short
          component: legislation-operations
      - id: R2
        title: Rule with a bad reference
        when: "${choice1} = 'no' and ‸${numbr1} > 3"
        severity: high
        finding: {summary: Something is wrong., why: It matters.}
        recommendation:
          title: Fix it
          actions: [Fix it]
          actors: [border-guards]
          horizon: short
          component: legislation-operations
      - id: R3
        title: Rule that is not true/false
        when: ‸sum(${number1}, 1)
        severity: low
        finding: {summary: Something is wrong., why: It matters.}
        recommendation:
          title: Fix it
          actions: [Fix it]
          actors: [border-guards]
          horizon: short
          component: legislation-operations
      - id: R4
        title: Rule with `.`
        when: "${number1} > ‸."
        severity: low
        finding: {summary: Something is wrong., why: It matters.}
        recommendation:
          title: Fix it
          actions: [Fix it]
          actors: [border-guards]
          horizon: short
          component: legislation-operations

    """

  @Test("a rule's `when` is checked against the questionnaires the module applies to")
  func ruleConditions() throws {
    let questionnaire = try #require(ExprLoad.questionnaire(Self.questionnaire(items: "- {id: r1, text: R1, type: text}")))
    let marked = ExprMarked(Self.evaluator)
    let manifest = try #require(ExprLoad.evaluator(marked.text))
    let diagnostics = EvaluatorValidator.validate(manifest, against: [questionnaire.document.model])
      .filter { $0.code.rawValue.hasPrefix("expr.") }
    let located = diagnostics.map { [$0.code.rawValue, "\($0.location.file):\($0.location.line):\($0.location.column)"] }
    #expect(
      located == [
        [DiagnosticCode.exprUnknownReference.rawValue, "evaluator.yaml:\(marked.marks[0].line):\(marked.marks[0].column)"],
        [DiagnosticCode.exprType.rawValue, "evaluator.yaml:\(marked.marks[1].line):\(marked.marks[1].column)"],
        [DiagnosticCode.exprCurrent.rawValue, "evaluator.yaml:\(marked.marks[2].line):\(marked.marks[2].column)"],
      ])
    let unknown = try #require(diagnostics.first)
    #expect(unknown.hint == "did you mean `number1`?")
    #expect(unknown.snippet == Diagnostic.Snippet(text: "${choice1} = 'no' and ${numbr1} > 3", start: 22, end: 31))
    #expect(diagnostics.dropFirst().first?.message.contains("a `when` must be true or false") == true)
  }

  @Test("a rule's `when` with a syntax error is reported even when no questionnaire is known")
  func ruleConditionWithoutQuestionnaire() throws {
    let marked = ExprMarked(Self.evaluator.replacingOccurrences(of: "when: \"${choice1} in ['no'] and", with: "when: \"${choice1} in ['no'] ‸&&"))
    let manifest = try #require(ExprLoad.evaluator(marked.text))
    let diagnostics = EvaluatorValidator.validate(manifest, against: [Questionnaire]()).filter { $0.code.rawValue.hasPrefix("expr.") }
    // Without the questionnaire only the grammar can be checked: one syntax error, no others.
    #expect(diagnostics.map(\.code) == [.exprSyntax])
    #expect(diagnostics.first?.location.line == marked.line)
    #expect(diagnostics.first?.location.column == marked.column)
  }

  // MARK: - Answers

  static let constrained = exprQuestionnaireHeader + """
    sections:
      - id: S1
        title: Constraints
        items:
          - id: days
            text: Days
            type: number
            scale: special
            constraint: ". <= 365"
            constraint_message: Days cannot exceed a year.
          - id: count
            text: Count
            type: number
            constraint: ". < 10 and . != 3"
          - id: share
            text: Share
            type: percent
            scale: special
            constraint: ". > 50"
            constraint_message: More than half.
          - id: gate
            text: Gate
            scale: yes-partial-no
          - id: follow
            text: Follow-up
            scale: yes-partial-no
            relevant: "${gate} = 'yes'"
          - id: total
            text: Total
            type: number
            calculate: "coalesce(${days}, 0) + coalesce(${count}, 0)"
          - id: above
            text: Above the count
            type: number
            constraint: ". > ${count}"

    """

  static let answers = """
    schema: assess/answers@1
    respondent: {country: Examplia}
    questionnaires:
      - id: expr-test
        version: 1.0.0
        answers:
          days: ‸"400"
          count: ‸"3"
          share: dk
          gate: "no"
          follow: ‸"yes"
          total: ‸"12"
          above: "5"

    """

  @Test("answers are checked against constraints, relevance and calculations")
  func answerChecks() throws {
    let questionnaire = try #require(ExprLoad.questionnaire(Self.constrained))
    let compiled = CompiledQuestionnaire(questionnaire.document.model)
    #expect(compiled.diagnostics.isEmpty, "\(compiled.diagnostics.map(\.text))")
    let marked = ExprMarked(Self.answers)
    let answers = try #require(ExprLoad.answers(marked.text))
    let diagnostics = AnswersValidator.validate(answers, against: [compiled]).sorted()
    #expect(diagnostics.count == 4, "\(diagnostics.map { "\($0.location): \($0.text) [\($0.code)]" })")
    guard diagnostics.count == 4 else { return }
    for (diagnostic, mark) in zip(diagnostics, marked.marks) {
      #expect(diagnostic.location.file == "test.answers.yaml")
      #expect(diagnostic.location.line == mark.line)
      #expect(diagnostic.location.column == mark.column)
    }
    let (days, count, follow, total) = (diagnostics[0], diagnostics[1], diagnostics[2], diagnostics[3])
    // The author's message, and the rule as the hint.
    #expect(days.code == .answerConstraint)
    #expect(days.severity == .error)
    #expect(days.message == "item `days`: Days cannot exceed a year.")
    #expect(days.hint == "the rule is `. <= 365`")
    // Without a message, the rule itself.
    #expect(count.code == .answerConstraint)
    #expect(count.message == "the answer to `count` breaks its constraint `. < 10 and . != 3`")
    #expect(follow.code == .answerNotRelevant)
    #expect(follow.severity == .warning)
    #expect(follow.message.contains("`relevant: ${gate} = 'yes'` is false"))
    #expect(total.code == .answerCalculated)
    #expect(total.severity == .warning)
    #expect(total.message.contains("item `total` is calculated"))
    // `share: dk` breaks no constraint: "don't know" is not checked. `above: 5` reads `count` (3).
    #expect(!diagnostics.contains { $0.message.contains("share") || $0.message.contains("above") })
  }

  @Test(
    "a constraint is checked only for a real answer",
    arguments: [
      ("dk", false), ("na", false), ("\"40\"", true), ("\"60\"", false),
    ])
  func constraintOnlyForRealAnswers(_ value: String, _ reported: Bool) throws {
    let questionnaire = try #require(ExprLoad.questionnaire(Self.constrained))
    let compiled = CompiledQuestionnaire(questionnaire.document.model)
    let yaml = """
      schema: assess/answers@1
      respondent: {country: Examplia}
      questionnaires:
        - {id: expr-test, version: 1.0.0, answers: {share: \(value)}}

      """
    let answers = try #require(ExprLoad.answers(yaml))
    let diagnostics = AnswersValidator.validate(answers, against: [compiled])
    #expect(diagnostics.map(\.code) == (reported ? [.answerConstraint] : []))
    if reported {
      #expect(diagnostics.first?.message == "item `share`: More than half.")
    }
  }

  @Test("a constraint reading a missing item is false, so the answer is reported")
  func constraintReadingMissingItem() throws {
    let questionnaire = try #require(ExprLoad.questionnaire(Self.constrained))
    let compiled = CompiledQuestionnaire(questionnaire.document.model)
    let yaml = """
      schema: assess/answers@1
      respondent: {country: Examplia}
      questionnaires:
        - {id: expr-test, version: 1.0.0, answers: {above: "5"}}

      """
    let answers = try #require(ExprLoad.answers(yaml))
    let diagnostics = AnswersValidator.validate(answers, against: [compiled])
    #expect(diagnostics.map(\.code) == [.answerConstraint])
  }

  @Test("answers are not checked for logic while the questionnaire's expressions have errors")
  func noLogicChecksWithBrokenExpressions() throws {
    let broken = Self.constrained.replacingOccurrences(of: "constraint: \". <= 365\"", with: "constraint: \". <= 'x'\"")
    let questionnaire = try #require(ExprLoad.questionnaire(broken))
    let compiled = CompiledQuestionnaire(questionnaire.document.model)
    #expect(compiled.diagnostics.map(\.code) == [.exprType])
    let answers = try #require(ExprLoad.answers(ExprMarked(Self.answers).text))
    #expect(AnswersValidator.validate(answers, against: [compiled]).isEmpty)
  }

  // MARK: - Known problems

  @Test("a cycle through a calculation is reported at the calculation, even when the item also has `relevant`")
  func cycleThroughCalculationOfItemWithRelevant() throws {
    let marked = ExprMarked(
      Self.questionnaire(
        items: """
          - id: total
            text: Total
            type: number
            relevant: "${choice1} = 'yes'"
            calculate: "‸sum(${part}, 1)"
          - id: part
            text: Part
            type: number
            relevant: "${total} > 3"
          """))
    let loaded = try #require(ExprLoad.questionnaire(marked.text))
    let compiled = CompiledQuestionnaire(loaded.document.model)
    let cycle = try #require(compiled.diagnostics.first { $0.code == .exprCycle })
    #expect(cycle.message.contains("total → part → total"))
    #expect(cycle.location.line == marked.line)
    #expect(cycle.location.column == marked.column)
    #expect(cycle.snippet?.text == "sum(${part}, 1)")
  }
}
