/// A value together with the place in a file it was read from.
public struct Located<Value> {
  public var value: Value
  public var location: SourceLocation

  public init(_ value: Value, at location: SourceLocation) {
    self.value = value
    self.location = location
  }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
extension Located: Sendable where Value: Sendable {}

extension Located: Decodable where Value: Decodable {
  public init(from decoder: any Decoder) throws {
    value = try Value(from: decoder)
    location = DecodingContext.of(decoder).location(at: decoder.codingPath)
  }
}
