/// A content test of an evaluator module (`Plugins/<id>/tests/*.yaml`): an answers file and the
/// findings the module must raise on it — no more, no fewer. `assess plugin test` runs them.
public struct ModuleTest: Hashable, Sendable, Decodable {
  public static let schema = "assess/module-test@1"

  public var description: String?
  /// The answers file, relative to the test file.
  public var answers: Located<String>
  /// The ids of the findings (rule ids for a rules module) the module must raise.
  public var expectFindings: [Located<String>]
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case schema, description, answers
    case expectFindings = "expect_findings"
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "module test")
    location = fields.location
    description = try fields.string(.description)?.value
    answers = try fields.requiredString(.answers)
    if fields.context.node(at: fields.path + [CodingKeys.expectFindings]) == nil {
      throw Diagnostic.error(
        .schemaMissingKey, "this module test has no `expect_findings`",
        hint: "add `expect_findings: [RULE-ID, …]`, or `expect_findings: []` when nothing must fire", at: fields.location)
    }
    expectFindings = try fields.strings(.expectFindings)
  }
}
