import Yams

/// Text a person reads: either plain (in the file's default language) or one entry per language.
///
/// ```yaml
/// title: Border management
/// title: {en: Border management, fr: Gestion des frontières}
/// ```
public struct LocalizedText: Hashable, Sendable {
  /// Language code → text. Plain text is kept under ``plainKey``.
  public var translations: [String: String]
  public var location: SourceLocation
  /// Where each language's entry is written, for problems with one translation.
  public var languageLocations: [String: SourceLocation]

  /// The key under which plain text (written without a language) is kept.
  public static let plainKey = ""

  public init(_ plain: String, at location: SourceLocation) {
    translations = [Self.plainKey: plain]
    self.location = location
    languageLocations = [:]
  }

  public init(translations: [String: String], at location: SourceLocation, languageLocations: [String: SourceLocation]) {
    self.translations = translations
    self.location = location
    self.languageLocations = languageLocations
  }

  public var isPlain: Bool { translations.count == 1 && translations[Self.plainKey] != nil }

  /// The text in `language`, else in the default language, else any text it has.
  public func resolved(in language: String, defaultLanguage: String) -> String {
    if let plain = translations[Self.plainKey] { return plain }
    if let text = translations[language] ?? translations[defaultLanguage] { return text }
    return translations.sorted { $0.key < $1.key }.first?.value ?? ""
  }

  /// The languages this text is available in; plain text counts as the default language.
  public func languages(defaultLanguage: String) -> Set<String> {
    Set(translations.keys.map { $0 == Self.plainKey ? defaultLanguage : $0 })
  }
}

extension LocalizedText: Decodable {
  public init(from decoder: any Decoder) throws {
    let context = DecodingContext.of(decoder)
    let path = decoder.codingPath
    let location = context.location(at: path)
    switch context.node(at: path) {
    case .scalar(let scalar)?:
      self.init(scalar.string, at: location)
    case .mapping(let mapping)?:
      var translations: [String: String] = [:]
      var languageLocations: [String: SourceLocation] = [:]
      for (key, value) in mapping {
        let language = key.string ?? ""
        let keyLocation = YAMLComposer.location(key.mark, context.file)
        guard case .scalar(let scalar) = value else {
          throw Diagnostic.error(
            .schemaTypeMismatch, "the `\(language)` text is \(NodeDescription.of(value))",
            hint: "write the text itself after `\(language):`", at: YAMLComposer.location(value.mark, context.file))
        }
        translations[language] = scalar.string
        languageLocations[language] = keyLocation
      }
      if translations.isEmpty {
        throw Diagnostic.error(
          .schemaEmptyList, "text has no language entries",
          hint: "write plain text, or `{en: …}`", at: location)
      }
      self.init(translations: translations, at: location, languageLocations: languageLocations)
    case let node:
      throw Diagnostic.error(
        .schemaTypeMismatch, "expected text, found \(node.map(NodeDescription.of) ?? "nothing")",
        hint: "write plain text, or one text per language such as `{en: …, fr: …}`", at: location)
    }
    context.recordText(self)
  }
}
