@_exported import EvaluatorProtocol

/// The SDK partners use to write an executable evaluator module in Swift.
///
/// Write a type that conforms to ``Evaluator`` and hand it to ``EvaluatorRunner/run(_:maximumMessageBytes:)``
/// from `main`, or conform to ``EvaluatorMain`` and mark it `@main`. The runner speaks the protocol
/// described in `Docs/evaluator-protocol.md`: it answers `hello`, calls your `evaluate` once per
/// request, and exits on `shutdown`.
///
/// ```swift
/// import EvaluatorKit
///
/// @main
/// struct GapCounter: EvaluatorMain {
///   let identity = ModuleIdentity(id: "org.example.gap-counter", version: "1.0.0")
///
///   func evaluate(_ request: EvaluateRequest) throws -> [FindingMessage] { [] }
/// }
/// ```
public enum EvaluatorKit {
  /// Protocol versions a module built with this SDK can speak.
  public static var protocolVersions: [Int] { MessageFrame.supportedProtocolVersions }
}

/// A module's logic: findings for one respondent's answers.
public protocol Evaluator {
  /// The module's id and version, exactly as its `evaluator.yaml` gives them.
  var identity: ModuleIdentity { get }

  /// The findings for one request; empty when there is nothing to report.
  ///
  /// Throw when the request cannot be evaluated (an answer the module cannot interpret, a
  /// questionnaire version it does not know): the host reports an evaluator error for this
  /// request and carries on with the next. Throw ``EvaluationError`` to choose the message.
  func evaluate(_ request: EvaluateRequest) throws -> [FindingMessage]
}

/// An evaluator that is its own program: `@main struct MyModule: EvaluatorMain { … }`.
public protocol EvaluatorMain: Evaluator {
  init()
}

extension EvaluatorMain {
  public static func main() {
    EvaluatorRunner.run(Self())
  }
}

/// Why a request could not be evaluated, in one sentence the report can show.
public struct EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

extension FindingMessage {
  /// A finding whose severity can only be one the host accepts.
  public init(
    id: String, title: String, severity: FindingSeverity, items: [String], summary: String, why: String,
    recommendation: RecommendationMessage
  ) {
    self.init(
      id: id, title: title, severity: severity.rawValue, items: items, summary: summary, why: why,
      recommendation: recommendation)
  }
}

extension RecommendationMessage {
  /// A recommendation whose horizon and component can only be ones the host accepts.
  public init(
    title: String, actions: [String], actors: [String], horizon: RecommendationHorizon, component: StrategyComponent,
    references: [ReferenceMessage] = []
  ) {
    self.init(
      title: title, actions: actions, actors: actors, horizon: horizon.rawValue, component: component.rawValue,
      references: references)
  }
}
