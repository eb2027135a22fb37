/// The names items, sections and scales take in an XLSForm. XLSForm names must be XML names,
/// and KoboToolbox turns `.` and `-` into trouble in exports, so `BM-A.1` becomes `BM_A_1`.
/// The mapping is worked out from the questionnaire alone, the same way every time, so an
/// import of the submissions reverses it without a side file.
public struct XLSFormNames: Sendable {
  public private(set) var itemNames: [String: String] = [:]
  public private(set) var sectionNames: [String: String] = [:]
  public private(set) var scaleNames: [String: String] = [:]
  private var itemsByName: [String: String] = [:]

  /// Names the form itself uses, which no item may take.
  public static let reserved: Set<String> = [
    "start", "end", "today", "deviceid", "respondent", "country", "agency", "role", "meta", "instanceID",
  ]

  public init(_ questionnaire: Questionnaire) {
    var taken = Self.reserved
    func unique(_ id: String) -> String {
      var name = Self.sanitise(id)
      if taken.contains(name) {
        var number = 2
        while taken.contains("\(name)_\(number)") { number += 1 }
        name = "\(name)_\(number)"
      }
      taken.insert(name)
      return name
    }
    for section in questionnaire.sections {
      sectionNames[section.id.value] = unique(section.id.value)
      for item in section.items {
        let name = unique(item.id.value)
        itemNames[item.id.value] = name
        itemsByName[name] = item.id.value
      }
    }
    var listNames = Set<String>()
    for scale in questionnaire.scales {
      var name = Self.sanitise(scale.id.value)
      while listNames.contains(name) { name += "_" }
      listNames.insert(name)
      scaleNames[scale.id.value] = name
    }
  }

  /// The item a form field name stands for; the item's own id is accepted too.
  public func itemID(forName name: String) -> String? { itemsByName[name] ?? (itemNames[name] != nil ? name : nil) }

  /// Letters, digits and `_`; anything else becomes `_`, and a leading digit gets a `_` before it.
  static func sanitise(_ id: String) -> String {
    var name = String(String.UnicodeScalarView(id.unicodeScalars.map { scalar in
      ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" ? scalar : "_"
    }))
    if name.isEmpty || ("0"..."9").contains(name.unicodeScalars.first!) { name = "_" + name }
    return name
  }
}
