/// An instrument that items and recommendations rest on: a protocol, a model law, a set of rules.
public struct Reference: Hashable, Sendable, Decodable {
  public var id: Located<String>
  public var title: LocalizedText
  public var short: LocalizedText?
  public var issuer: String?
  public var year: Int?
  public var symbol: String?
  public var url: String?
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, title, short, issuer, year, symbol, url
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "reference")
    location = fields.location
    id = try fields.requiredString(.id)
    title = try fields.requiredText(.title)
    short = try fields.text(.short)
    issuer = try fields.string(.issuer)?.value
    year = try fields.integer(.year)?.value
    symbol = try fields.string(.symbol)?.value
    url = try fields.string(.url)?.value
  }
}

/// A pointer from an item or a recommendation to an instrument, with the exact place in it.
public struct Citation: Hashable, Sendable, Decodable {
  /// The `id` of an entry in the file's `references`.
  public var ref: Located<String>
  /// Article, rule, paragraph or guideline: "art. 16(5)", "Guideline 6".
  public var pinpoint: String?
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case ref, pinpoint
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "citation")
    location = fields.location
    ref = try fields.requiredString(.ref)
    pinpoint = try fields.string(.pinpoint)?.value
  }
}
