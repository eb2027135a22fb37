import Foundation

/// Workshop summaries and comparisons as JSON: sorted keys, so the same inputs give the same bytes.
public enum ReportJSON {
  public static func render(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .throw
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
  }
}
