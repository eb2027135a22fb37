// libFuzzer target for the expression language: parser, printer and evaluator.
//
// Built by Scripts/fuzz-expressions.sh together with Sources/AssessmentKit/Expressions/Core/*.swift
// (standard library only) into one module, so the Core types are used without an import.
//
// For every input: decode the bytes as UTF-8 (invalid sequences become U+FFFD), parse; a parse
// error must point inside the text; what parses is evaluated in a fixed environment, printed,
// parsed again, and must give an equal tree. Any broken property stops the fuzzer through
// `precondition`, and libFuzzer saves the input.
//
// The round trip is promised for printed text within the length limit: the printer adds spaces
// around operators, so a source near 4,096 characters can print longer (Docs/expressions.md).
// FUZZ_STRICT=1 checks the round trip for every length, to see how often that happens.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

private let strict: Bool = {
  guard let value = getenv("FUZZ_STRICT") else { return false }
  return String(cString: value) == "1"
}()

/// `precondition`, with the message written to standard error first: an optimised build drops
/// the message of a failed precondition, and the message is what makes a crash readable.
private func check(_ condition: Bool, _ message: @autoclosure () -> String, line: UInt = #line) {
  guard !condition else { return }
  fputs("ExpressionFuzzer.swift:\(line): \(message())\n", stderr)
  precondition(condition, message(), line: line)
}

/// A small fixed environment: one value of every kind, every reason for a missing value.
private struct FuzzEnvironment: ExpressionEnvironment {
  var currentItemID: String? = "n"

  func value(of id: String) -> ExpressionValue {
    switch id {
    case "n": return .number(4)
    case "z": return .number(0)
    case "big": return .number(1e308)
    case "t", "BM-A.1": return .text("yes")
    case "m": return .list([.text("a"), .text("b")])
    case "na": return .missing(.notApplicable)
    case "dk": return .missing(.unknown)
    case "u": return .missing(.undefined)
    default: return .missing(.unanswered)
    }
  }

  func selectedOptions(of id: String) -> [String]? {
    switch id {
    case "t", "BM-A.1": return ["yes"]
    case "m": return ["a", "b"]
    case "na": return ["na"]
    case "dk": return ["dk"]
    default: return nil
    }
  }

  func score(of id: String) -> Double? { id == "t" || id == "S" ? 0.5 : nil }
  func level(of id: String) -> Int? { id == "t" || id == "S" ? 2 : nil }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let length = text.unicodeScalars.count

  let expression: Expression
  do {
    expression = try ExpressionParser.parse(text)
  } catch {
    let range = error.range
    check(range.lowerBound >= 0 && range.lowerBound <= range.upperBound, "inverted error range \(range)")
    check(range.lowerBound <= length, "error starts past the end: \(range) in \(length) scalars")
    check(range.upperBound <= length, "error ends past the end: \(range) in \(length) scalars")
    check(!error.message.isEmpty, "empty error message")
    check(length <= ExpressionParser.maximumLength || error.kind == .limit, "over-long text gave \(error.kind)")
    return 0
  }
  check(length <= ExpressionParser.maximumLength, "\(length) scalars parsed")
  check(expression.range.lowerBound >= 0 && expression.range.upperBound <= length, "tree range \(expression.range)")
  _ = expression.references
  _ = expression.usesCurrent

  // Evaluation is total and pure: a value, the same twice, never a non-finite number.
  let environment = FuzzEnvironment()
  let value = ExpressionEvaluator.evaluate(expression, in: environment)
  check(ExpressionEvaluator.evaluate(expression, in: environment) == value, "evaluation is not deterministic")
  if case .number(let number) = value { check(number.isFinite, "non-finite number \(number)") }
  check(ExpressionEvaluator.holds(expression, in: environment) == (value == .boolean(true)), "holds disagrees")
  _ = value.description

  // Print, parse again: an equal tree, which prints the same.
  let printed = ExpressionPrinter.print(expression)
  let reparsed: Expression
  do {
    reparsed = try ExpressionParser.parse(printed)
  } catch {
    if !strict && printed.unicodeScalars.count > ExpressionParser.maximumLength && error.kind == .limit { return 0 }
    check(false, "printed text does not parse: \(error.message) at \(error.range)\n  input:   \(text.debugDescription)\n  printed: \(printed.debugDescription)")
    return 0
  }
  check(reparsed == expression, "round trip changed the tree\n  input:   \(text.debugDescription)\n  printed: \(printed.debugDescription)\n  again:   \(ExpressionPrinter.print(reparsed).debugDescription)")
  check(reparsed.hashValue == expression.hashValue, "equal trees hash differently")
  check(ExpressionPrinter.print(reparsed) == printed, "printing is not canonical: \(printed.debugDescription)")
  return 0
}
