/// The spelling rules for ids, language codes and dates, shared by every check.
enum IdentifierRules {
  static let maximumLength = 64

  /// Section, item, scale, reference, profile and rule ids: letters, digits, `.`, `_`, `-`.
  static func isValidID(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= maximumLength else { return false }
    return isASCIIAlphanumeric(first)
      && id.unicodeScalars.allSatisfy { isASCIIAlphanumeric($0) || $0 == "." || $0 == "_" || $0 == "-" }
  }

  /// Questionnaire and module ids: lowercase letters, digits, `.` and `-`.
  static func isValidPackageID(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= maximumLength else { return false }
    let isLowerOrDigit: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    return isLowerOrDigit(first) && id.unicodeScalars.allSatisfy { isLowerOrDigit($0) || $0 == "." || $0 == "-" }
  }

  /// BCP-47 style: `en`, `fr`, `pt-BR`, `zh-Hant`.
  static func isValidLanguage(_ code: String) -> Bool {
    let parts = code.split(separator: "-", omittingEmptySubsequences: false)
    guard let primary = parts.first, (2...3).contains(primary.count),
      primary.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })
    else { return false }
    return parts.dropFirst().allSatisfy { part in
      (2...8).contains(part.count) && part.unicodeScalars.allSatisfy(isASCIIAlphanumeric)
    }
  }

  /// `YYYY-MM-DD`, a real calendar day.
  static func isValidDate(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), day >= 1
    else { return false }
    let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= lengths[month - 1]
  }

  private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
  }
}
