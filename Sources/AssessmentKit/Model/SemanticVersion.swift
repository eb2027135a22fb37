import Foundation

/// A `MAJOR.MINOR.PATCH[-prerelease]` version, as questionnaires and modules carry.
public struct SemanticVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var major: Int
  public var minor: Int
  public var patch: Int
  public var prerelease: String?

  public init(major: Int, minor: Int, patch: Int, prerelease: String? = nil) {
    self.major = major
    self.minor = minor
    self.patch = patch
    self.prerelease = prerelease
  }

  /// Parses strict semver; nil for anything else ("1.0", "v1.2.3", "01.2.3").
  public init?(_ text: String) {
    let (core, prerelease) = Self.split(text)
    let parts = core.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3 else { return nil }
    var numbers: [Int] = []
    for part in parts {
      guard !part.isEmpty, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
        part == "0" || !part.hasPrefix("0"), let number = Int(part)
      else { return nil }
      numbers.append(number)
    }
    if let prerelease {
      let allowed = prerelease.unicodeScalars.allSatisfy {
        ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "." || $0 == "-"
      }
      guard !prerelease.isEmpty, allowed else { return nil }
    }
    self.init(major: numbers[0], minor: numbers[1], patch: numbers[2], prerelease: prerelease)
  }

  private static func split(_ text: String) -> (Substring, String?) {
    guard let dash = text.firstIndex(of: "-") else { return (Substring(text), nil) }
    return (text[..<dash], String(text[text.index(after: dash)...]))
  }

  public var description: String {
    "\(major).\(minor).\(patch)" + (prerelease.map { "-\($0)" } ?? "")
  }

  public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
    if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
      return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
    switch (lhs.prerelease, rhs.prerelease) {
    case (nil, nil), (nil, _?): return false
    case (_?, nil): return true
    case (let left?, let right?): return left < right
    }
  }
}

/// Which versions of a questionnaire a module applies to: `>=1.0.0, <2.0.0`, `^1.2.0`, `~1.2.0`, `1.2.3`.
public struct VersionRange: Hashable, Sendable, CustomStringConvertible {
  public struct Bound: Hashable, Sendable {
    public enum Relation: String, Hashable, Sendable {
      case atLeast = ">=", above = ">", atMost = "<=", below = "<", exactly = "="
    }
    public var relation: Relation
    public var version: SemanticVersion
  }

  public var bounds: [Bound]
  public var description: String

  /// Any version at all.
  public static let any = VersionRange(bounds: [], description: "any")

  init(bounds: [Bound], description: String) {
    self.bounds = bounds
    self.description = description
  }

  public init?(_ text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed == "*" || trimmed.isEmpty {
      self = .any
      return
    }
    var bounds: [Bound] = []
    for part in trimmed.split(separator: ",") {
      let term = part.trimmingCharacters(in: .whitespaces)
      if term.hasPrefix("^") || term.hasPrefix("~") {
        guard let base = SemanticVersion(term.dropFirst().trimmingCharacters(in: .whitespaces)) else { return nil }
        let upper =
          term.hasPrefix("~") || base.major == 0
          ? SemanticVersion(major: base.major, minor: base.minor + 1, patch: 0)
          : SemanticVersion(major: base.major + 1, minor: 0, patch: 0)
        bounds.append(Bound(relation: .atLeast, version: base))
        bounds.append(Bound(relation: .below, version: upper))
        continue
      }
      let relation =
        [Bound.Relation.atLeast, .atMost, .above, .below, .exactly]
        .first { term.hasPrefix($0.rawValue) }
      let versionText = term.dropFirst(relation?.rawValue.count ?? 0).trimmingCharacters(in: .whitespaces)
      guard let version = SemanticVersion(versionText) else { return nil }
      bounds.append(Bound(relation: relation ?? .exactly, version: version))
    }
    self.init(bounds: bounds, description: trimmed)
  }

  public func contains(_ version: SemanticVersion) -> Bool {
    bounds.allSatisfy { bound in
      switch bound.relation {
      case .atLeast: return version >= bound.version
      case .above: return version > bound.version
      case .atMost: return version <= bound.version
      case .below: return version < bound.version
      case .exactly: return version == bound.version
      }
    }
  }
}
