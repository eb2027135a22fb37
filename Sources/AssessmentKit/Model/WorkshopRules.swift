/// The Delphi rule a questionnaire sets for workshops: when respondents diverge enough that
/// an item goes on the discussion list, and how much more a critical item weighs there.
///
/// Every threshold is on the level scale (0–4), so one rule fits maturity items, yes/partial/no
/// items and scored numbers alike (see Docs/workshops.md).
public struct WorkshopRules: Hashable, Sendable, Decodable {
  public static let defaultIQRThreshold = 1.0
  public static let defaultCriticalFactor = 2.0

  /// Discuss an item whose interquartile range, in levels, is above this; default 1.
  public var discussWhenIQRAbove: Located<Double>?
  /// Also discuss an item whose agreement index is below this (0…1); off by default.
  public var discussWhenAgreementBelow: Located<Double>?
  /// How much more a critical item weighs when ordering the discussion list; default 2.
  public var criticalFactor: Located<Double>?
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case discussWhenIQRAbove = "discuss_when_iqr_above"
    case discussWhenAgreementBelow = "discuss_when_agreement_below"
    case criticalFactor = "critical_factor"
  }

  public init(location: SourceLocation) {
    self.location = location
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "workshop rule")
    location = fields.location
    discussWhenIQRAbove = try fields.number(.discussWhenIQRAbove)
    discussWhenAgreementBelow = try fields.number(.discussWhenAgreementBelow)
    criticalFactor = try fields.number(.criticalFactor)
  }

  public var iqrThreshold: Double { discussWhenIQRAbove?.value ?? Self.defaultIQRThreshold }
  public var agreementThreshold: Double? { discussWhenAgreementBelow?.value }
  public var criticalWeight: Double { criticalFactor?.value ?? Self.defaultCriticalFactor }
}
