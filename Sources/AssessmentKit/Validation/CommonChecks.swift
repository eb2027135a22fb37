/// Checks that every kind of file shares: ids, versions, languages and translations, actors,
/// citations. Each appends to the diagnostics it is given.
struct CommonChecks {
  var diagnostics: [Diagnostic] = []

  mutating func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  mutating func checkID(_ id: Located<String>, what: String) {
    guard !IdentifierRules.isValidID(id.value) else { return }
    add(
      .error(
        .idInvalid, "`\(id.value)` is not a valid \(what) id",
        hint: "use letters, digits, `.`, `_` and `-`, starting with a letter or digit (at most 64 characters)",
        at: id.location))
  }

  mutating func checkPackageID(_ id: Located<String>, what: String) {
    guard !IdentifierRules.isValidPackageID(id.value) else { return }
    add(
      .error(
        .idInvalid, "`\(id.value)` is not a valid \(what) id",
        hint: "use lowercase letters, digits, `.` and `-`, such as `border-management` or `org.unicef.child-rules`",
        at: id.location))
  }

  mutating func checkVersion(_ version: Located<String>) {
    guard SemanticVersion(version.value) == nil else { return }
    add(
      .error(
        .versionInvalid, "`\(version.value)` is not a version of the form MAJOR.MINOR.PATCH",
        hint: "write it like `1.0.0`", at: version.location))
  }

  /// Reports each id seen before, pointing at the repeat and naming the first place; "before"
  /// means earlier in the file, whatever order the ids were gathered in.
  mutating func checkUnique(_ ids: [Located<String>], what: String) {
    var seen: [String: SourceLocation] = [:]
    for id in ids.sorted(by: { $0.location < $1.location }) {
      if let first = seen[id.value] {
        add(
          .error(
            .idDuplicate, "\(what) id `\(id.value)` is used twice; it is first used at line \(first.line)",
            hint: "give each \(what) its own id", at: id.location))
      } else {
        seen[id.value] = id.location
      }
    }
  }

  mutating func checkLanguages(defaultLanguage: Located<String>, languages: [Located<String>]) {
    for language in languages + [defaultLanguage] where !IdentifierRules.isValidLanguage(language.value) {
      add(
        .error(
          .schemaInvalidValue, "`\(language.value)` is not a language code",
          hint: "use a code such as `en`, `fr`, `es`, `ar` or `pt-BR`", at: language.location))
    }
    checkUnique(languages, what: "language")
    if !languages.contains(where: { $0.value == defaultLanguage.value }) {
      add(
        .error(
          .schemaConflict, "the default language `\(defaultLanguage.value)` is not in `languages`",
          hint: "add `\(defaultLanguage.value)` to `languages`", at: defaultLanguage.location))
    }
  }

  /// Every text must be in the file's languages; a language left out is a warning, because the
  /// file still works in the default language.
  mutating func checkTranslations(_ texts: [LocalizedText], defaultLanguage: String, languages: [String]) {
    let listed = Set(languages)
    for text in texts {
      for (language, location) in text.languageLocations.sorted(by: { $0.value < $1.value })
      where !listed.contains(language) {
        add(
          .error(
            .i18nUnknownLanguage, "text in `\(language)`, which is not among the file's languages",
            hint: Suggestion.hint(for: language, among: languages)
              ?? "add `\(language)` to `languages`, or remove this translation",
            at: location))
      }
      let present = text.languages(defaultLanguage: defaultLanguage)
      let missing = languages.filter { !present.contains($0) }
      if !missing.isEmpty {
        let list = missing.map { "`\($0)`" }.joined(separator: ", ")
        add(
          .warning(
            .i18nMissingTranslation, "text has no \(list) translation",
            hint: "write it as `{\(defaultLanguage): …, \(missing[0]): …}`", at: text.location))
      }
    }
  }

  mutating func checkActors(_ actors: [Located<String>], known: Set<String>) {
    for actor in actors where !known.contains(actor.value) {
      add(
        .error(
          .refUnknownActor, "unknown actor `\(actor.value)`",
          hint: Suggestion.hint(for: actor.value, among: known)
            ?? "use a built-in actor (\(BuiltInActors.all.map(\.id).joined(separator: ", "))) or declare it under `actors`",
          at: actor.location))
    }
  }

  mutating func checkActorDefinitions(_ definitions: [ActorDefinition]) {
    for definition in definitions {
      checkID(definition.id, what: "actor")
      if BuiltInActors.ids.contains(definition.id.value) {
        add(
          .warning(
            .idDuplicate, "actor `\(definition.id.value)` is built in; declaring it again changes nothing",
            hint: "remove this entry", at: definition.id.location))
      }
    }
    checkUnique(definitions.map(\.id), what: "actor")
  }

  mutating func checkReferences(_ references: [Reference]) {
    for reference in references {
      checkID(reference.id, what: "reference")
    }
    checkUnique(references.map(\.id), what: "reference")
  }

  mutating func checkCitations(_ citations: [Citation], references: [Reference]) {
    let known = references.map(\.id.value)
    for citation in citations where !known.contains(citation.ref.value) {
      add(
        .error(
          .refUnknownReference, "no reference with id `\(citation.ref.value)`",
          hint: Suggestion.hint(for: citation.ref.value, among: known)
            ?? "add it to the `references` list at the top of the file",
          at: citation.ref.location))
    }
  }
}
