import AssessmentKit
import Foundation

/// The full results as JSON (`assess score --format json`): sorted keys, no timestamps, so the
/// same inputs give the same bytes. `Schemas/result.schema.json` describes it.
public enum ResultJSON {
  struct Payload: Encodable {
    var format = "assess/results@1"
    var results: [AssessmentResult]
  }

  public static func render(_ results: [AssessmentResult]) throws -> String {
    String(decoding: try encoder().encode(Payload(results: results)), as: UTF8.self) + "\n"
  }

  /// The encoder behind every results document, whole (here) or streamed (``ResultJSONWriter``).
  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .throw
    return encoder
  }
}
