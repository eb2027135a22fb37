import Foundation
import Testing
@testable import AssessmentKit

// Helpers shared by the Expression*Tests files: inline position markers, tree builders, a test
// environment, a seeded random generator, and YAML loading.

// MARK: - Inline markers

/// The marker written inside test strings at the place an error is expected.
let exprCaretMarker: Unicode.Scalar = "‸"

/// A test string with its `‸` markers removed, and where each marker was: an offset in Unicode
/// scalars (as expression ranges count), and a 1-based line and column (as YAML locations count).
struct ExprMarked {
  struct Mark: Hashable, Sendable {
    var offset: Int
    var line: Int
    var column: Int
  }

  var text: String
  var marks: [Mark]

  var offset: Int { marks[0].offset }
  var line: Int { marks[0].line }
  var column: Int { marks[0].column }

  init(_ marked: String) {
    var scalars = String.UnicodeScalarView()
    var marks: [Mark] = []
    var line = 1
    var column = 1
    for scalar in marked.unicodeScalars {
      if scalar == exprCaretMarker {
        marks.append(Mark(offset: scalars.count, line: line, column: column))
        continue
      }
      scalars.append(scalar)
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    precondition(!marks.isEmpty, "no ‸ in \(marked)")
    text = String(scalars)
    self.marks = marks
  }
}

/// The expression tree (Foundation has an `Expression` too).
typealias Expr = AssessmentKit.Expression

// MARK: - Tree builders (ranges do not count in equality)

// Static members, so tables read `.add(.num(1), .mul(.num(2), .num(3)))` and nothing clashes with
// other test files' globals.
extension AssessmentKit.Expression {
  static func num(_ value: Double) -> Expr { Expr(.number(value), range: 0..<0) }
  static func txt(_ value: String) -> Expr { Expr(.text(value), range: 0..<0) }
  static func ref(_ id: String) -> Expr { Expr(.reference(id), range: 0..<0) }
  static func bool(_ value: Bool) -> Expr { Expr(.boolean(value), range: 0..<0) }
  static let dot = Expr(.current, range: 0..<0)
  static func list(_ elements: Expr...) -> Expr { Expr(.list(elements), range: 0..<0) }
  static func neg(_ operand: Expr) -> Expr { Expr(.negate(operand), range: 0..<0) }
  static func not(_ operand: Expr) -> Expr { Expr(.not(operand), range: 0..<0) }
  static func call(_ function: Function, _ arguments: Expr...) -> Expr {
    Expr(.call(function, arguments), range: 0..<0)
  }
  static func bin(_ op: BinaryOperator, _ left: Expr, _ right: Expr) -> Expr {
    Expr(.binary(op, left, right), range: 0..<0)
  }
  static func add(_ l: Expr, _ r: Expr) -> Expr { bin(.add, l, r) }
  static func sub(_ l: Expr, _ r: Expr) -> Expr { bin(.subtract, l, r) }
  static func mul(_ l: Expr, _ r: Expr) -> Expr { bin(.multiply, l, r) }
  static func div(_ l: Expr, _ r: Expr) -> Expr { bin(.divide, l, r) }
  static func eq(_ l: Expr, _ r: Expr) -> Expr { bin(.equal, l, r) }
  static func ne(_ l: Expr, _ r: Expr) -> Expr { bin(.notEqual, l, r) }
  static func lt(_ l: Expr, _ r: Expr) -> Expr { bin(.less, l, r) }
  static func le(_ l: Expr, _ r: Expr) -> Expr { bin(.lessOrEqual, l, r) }
  static func gt(_ l: Expr, _ r: Expr) -> Expr { bin(.greater, l, r) }
  static func ge(_ l: Expr, _ r: Expr) -> Expr { bin(.greaterOrEqual, l, r) }
  static func isIn(_ l: Expr, _ r: Expr) -> Expr { bin(.in, l, r) }
  static func and(_ l: Expr, _ r: Expr) -> Expr { bin(.and, l, r) }
  static func or(_ l: Expr, _ r: Expr) -> Expr { bin(.or, l, r) }
}

enum ExprTest {
  private final class Box<T>: @unchecked Sendable {
    var value: T?
  }

  /// Runs `body` on a thread with a large stack and waits for it. Trees from flat operator
  /// chains are ~2,000 nodes deep, and the evaluator, printer and `==` recurse once per node;
  /// a debug build needs more than the 512 KiB of a secondary thread on macOS for that.
  static func onLargeStack<T>(_ body: @escaping @Sendable () -> T) -> T {
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      box.value = body()
      done.signal()
    }
    thread.stackSize = 64 << 20
    thread.start()
    done.wait()
    return box.value!
  }

  /// Parses, or records the error as a test failure and returns nil.
  static func parseOrRecord(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Expr? {
    do {
      return try ExpressionParser.parse(text)
    } catch {
      Issue.record("`\(text)` did not parse: \(error.message) at \(error.range)", sourceLocation: sourceLocation)
      return nil
    }
  }

  /// The error parsing gives, or nil when it parses.
  static func parseError(_ text: String) -> ExpressionError? {
    do {
      _ = try ExpressionParser.parse(text)
      return nil
    } catch {
      return error
    }
  }

  /// The depth of a tree, counting every node.
  static func treeDepth(_ expression: Expr) -> Int {
    switch expression.kind {
    case .number, .text, .boolean, .reference, .current: return 1
    case .list(let elements): return 1 + (elements.map(treeDepth).max() ?? 0)
    case .negate(let operand), .not(let operand): return 1 + treeDepth(operand)
    case .binary(_, let left, let right): return 1 + max(treeDepth(left), treeDepth(right))
    case .call(_, let arguments): return 1 + (arguments.map(treeDepth).max() ?? 0)
    }
  }
}

// MARK: - Test environment

/// A hand-filled environment: values, options chosen, scores and levels by id.
struct ExprTestEnvironment: ExpressionEnvironment {
  var currentItemID: String?
  var values: [String: ExpressionValue] = [:]
  var selections: [String: [String]] = [:]
  var scores: [String: Double] = [:]
  var levels: [String: Int] = [:]

  func value(of id: String) -> ExpressionValue { values[id] ?? .missing(.unanswered) }
  func selectedOptions(of id: String) -> [String]? { selections[id] }
  func score(of id: String) -> Double? { scores[id] }
  func level(of id: String) -> Int? { levels[id] }
}

// MARK: - Deterministic randomness

/// SplitMix64: small, fast, good enough for test generation, and the same on every platform.
struct ExprSplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

// MARK: - YAML documents

enum ExprLoad {
  static func questionnaire(_ yaml: String, path: String = "test-questionnaire.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation)
    -> (document: Document<Questionnaire>, diagnostics: [Diagnostic])?
  {
    let outcome = DocumentLoader.load(SourceText(path: path, text: yaml))
    guard case .questionnaire(let document)? = outcome.document else {
      Issue.record("not loaded as a questionnaire: \(outcome.diagnostics.map(\.text))", sourceLocation: sourceLocation)
      return nil
    }
    return (document, outcome.diagnostics)
  }

  static func answers(_ yaml: String, path: String = "test.answers.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation)
    -> Document<AnswerSet>?
  {
    let outcome = DocumentLoader.load(SourceText(path: path, text: yaml))
    guard case .answers(let document)? = outcome.document, outcome.diagnostics.isEmpty else {
      Issue.record("not loaded as answers: \(outcome.diagnostics.map(\.text))", sourceLocation: sourceLocation)
      return nil
    }
    return document
  }

  static func evaluator(_ yaml: String, path: String = "evaluator.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation)
    -> Document<EvaluatorManifest>?
  {
    let outcome = DocumentLoader.load(SourceText(path: path, text: yaml))
    guard case .evaluator(let document)? = outcome.document, outcome.diagnostics.isEmpty else {
      Issue.record("not loaded as an evaluator: \(outcome.diagnostics.map(\.text))", sourceLocation: sourceLocation)
      return nil
    }
    return document
  }
}

/// The start of a questionnaire in which tests add items: scales for every kind of item.
let exprQuestionnaireHeader = """
  schema: assess/questionnaire@1
  id: expr-test
  version: 1.0.0
  title: Expr tests
  references:
    - {id: ref-a, title: Reference A}
  scales:
    - id: yes-partial-no
      options:
        - {value: "yes", label: "Yes", score: 1, level: 4}
        - {value: partial, label: Partly, score: 0.5, level: 2}
        - {value: "no", label: "No", score: 0, level: 0}
        - {value: na, label: Not applicable, na: true}
        - {value: dk, label: Don't know, unknown: true}
    - id: channels
      options:
        - {value: phone, label: Phone, score: 0.25}
        - {value: mail, label: Mail, score: 0.25}
        - {value: web, label: Web, score: 1}
        - {value: none-apply, label: Not applicable, na: true}
    - id: special
      options:
        - {value: na, label: Not applicable, na: true}
        - {value: dk, label: Don't know, unknown: true}

  """
