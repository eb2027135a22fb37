/// How much of what applies was answered, reported beside every score.
///
/// An item *applies* when the profile keeps it, it is asked (its `relevant` holds), it is not
/// answered "not applicable", and it can be scored (a choice or multi item, or a number with
/// bands, of weight above zero). It is *answered* when it has a scored answer; "don't know"
/// applies but is not answered.
public struct Coverage: Hashable, Sendable, Codable {
  public var answered: Int
  public var applicable: Int
  /// Answered "don't know".
  public var unknown: Int
  /// Answered "not applicable" (left out of `applicable`).
  public var notApplicable: Int
  /// Not asked because of the other answers (left out of `applicable`).
  public var notAsked: Int

  public init(answered: Int = 0, applicable: Int = 0, unknown: Int = 0, notApplicable: Int = 0, notAsked: Int = 0) {
    self.answered = answered
    self.applicable = applicable
    self.unknown = unknown
    self.notApplicable = notApplicable
    self.notAsked = notAsked
  }

  /// answered / applicable, or nil when nothing applies.
  public var ratio: Double? { applicable > 0 ? Double(answered) / Double(applicable) : nil }

  public static func + (lhs: Coverage, rhs: Coverage) -> Coverage {
    Coverage(
      answered: lhs.answered + rhs.answered, applicable: lhs.applicable + rhs.applicable,
      unknown: lhs.unknown + rhs.unknown, notApplicable: lhs.notApplicable + rhs.notApplicable,
      notAsked: lhs.notAsked + rhs.notAsked)
  }
}
