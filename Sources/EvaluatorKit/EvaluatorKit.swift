@_exported import EvaluatorProtocol

/// The SDK partners use to write an executable evaluator module in Swift.
///
/// This release carries the message framing; the request and response types arrive with
/// protocol version 1 (see `Docs/evaluator-modules.md`).
public enum EvaluatorKit {
  /// Protocol versions a module built with this SDK can speak.
  public static var protocolVersions: [Int] { MessageFrame.supportedProtocolVersions }
}
