import Yams

/// How a workshop reached an answer: what each respondent answered first, the dissent the
/// facilitator recorded, and how many rounds of discussion it took. Written by
/// `assess workshop -o`; the answer's own `value` is the consensus.
public struct Consensus: Hashable, Sendable, Decodable {
  /// Rounds of discussion so far; 1 after the first workshop.
  public var rounds: Located<Int>
  public var responses: [ConsensusResponse]
  /// Who still disagrees with the consensus, and why, in the facilitator's words.
  public var dissent: String?
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case rounds, responses, dissent
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "consensus")
    location = fields.location
    rounds = try fields.integer(.rounds) ?? Located(1, at: fields.location)
    responses = try fields.list(ConsensusResponse.self, .responses)
    dissent = try fields.string(.dissent)?.value
  }
}

/// One respondent's own answer, kept in a consensus file.
public struct ConsensusResponse: Hashable, Sendable, Decodable {
  /// The agency, or `Respondent 1`, `Respondent 2` … in an anonymous workshop.
  public var respondent: Located<String>
  public var value: AnswerValue?
  public var notes: String?
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case respondent, value, notes
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "response")
    location = fields.location
    respondent = try fields.requiredString(.respondent)
    value = try fields.node(.value).flatMap { try Answer.value(of: $0, file: fields.context.file) }
    notes = try fields.string(.notes)?.value
  }
}
