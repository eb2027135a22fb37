import Foundation

/// Checks an evaluator module's manifest: ids and versions, the kind's own keys, rules that
/// name real items, actors and references, and a program that exists.
public enum EvaluatorValidator {
  /// - Parameter questionnaires: every questionnaire known to this run; rules are checked
  ///   against the ones the module applies to.
  public static func validate(_ document: Document<EvaluatorManifest>, against questionnaires: [Questionnaire]) -> [Diagnostic] {
    validate(document, against: questionnaires.map(CompiledQuestionnaire.init))
  }

  /// - Parameter compiled: every questionnaire known to this run, compiled once.
  public static func validate(_ document: Document<EvaluatorManifest>, against compiled: [CompiledQuestionnaire]) -> [Diagnostic] {
    let questionnaires = compiled.map(\.questionnaire)
    let manifest = document.model
    var checks = CommonChecks()
    checks.checkPackageID(manifest.id, what: "module")
    checks.checkVersion(manifest.version)
    checks.checkLanguages(defaultLanguage: manifest.defaultLanguage, languages: manifest.languages)
    checks.checkTranslations(document.texts, defaultLanguage: manifest.defaultLanguage.value, languages: manifest.languages.map(\.value))
    checks.checkActorDefinitions(manifest.actors)
    checks.checkReferences(manifest.references)
    if manifest.hasKnownKind { checkKindKeys(manifest, into: &checks) }
    let applicable = checkApplicability(manifest, questionnaires: questionnaires, into: &checks)
    checkRules(manifest, applicable: applicable, into: &checks)
    let applicableCompiled = compiled.filter { entry in
      applicable.contains { $0.id == entry.questionnaire.id && $0.version == entry.questionnaire.version }
    }
    checkConditions(manifest, applicable: applicableCompiled, into: &checks)
    if manifest.kind == .executable {
      checkProgram(manifest, path: document.path, into: &checks)
    }
    return checks.diagnostics
  }

  private static func checkKindKeys(_ manifest: EvaluatorManifest, into checks: inout CommonChecks) {
    switch manifest.kind {
    case .rules:
      if manifest.rules.isEmpty && manifest.rulesKeyLocation == nil {
        checks.add(.error(.schemaMissingKey, "a rules module has no `rules`", hint: "add `rules:` with at least one rule", at: manifest.kindLocation))
      }
      for location in [manifest.programKeyLocation, manifest.protocolKeyLocation].compactMap({ $0 }) {
        checks.add(
          .error(
            .schemaConflict, "`program` and `protocol` belong to executable modules",
            hint: "remove them, or set `kind: executable`", at: location))
      }
    case .executable:
      if manifest.program.isEmpty {
        checks.add(
          .error(.schemaMissingKey, "an executable module has no `program`", hint: "add `program: [bin/your-evaluator]`", at: manifest.kindLocation))
      }
      if manifest.protocolVersions.isEmpty {
        checks.add(
          .error(.schemaMissingKey, "an executable module has no `protocol`", hint: "add `protocol: [1]`", at: manifest.kindLocation))
      }
      if let location = manifest.rulesKeyLocation {
        checks.add(
          .error(.schemaConflict, "`rules` belong to rules modules", hint: "remove them, or set `kind: rules`", at: location))
      }
      for version in manifest.protocolVersions where version.value < 1 {
        checks.add(.error(.numberOutOfRange, "protocol version \(version.value) does not exist", hint: "the first version is 1", at: version.location))
      }
    }
    let limits = manifest.limits
    for limit in [limits.startTimeoutSeconds, limits.requestTimeoutSeconds].compactMap({ $0 }) where limit.value <= 0 {
      checks.add(.error(.numberOutOfRange, "a time limit must be above zero seconds", at: limit.location))
    }
    if let bytes = limits.maximumMessageBytes, bytes.value <= 0 {
      checks.add(.error(.numberOutOfRange, "`max_message_bytes` must be above zero", at: bytes.location))
    }
  }

  /// Returns the questionnaires the module applies to among those known.
  private static func checkApplicability(
    _ manifest: EvaluatorManifest, questionnaires: [Questionnaire], into checks: inout CommonChecks
  ) -> [Questionnaire] {
    var applicable: [Questionnaire] = []
    let knownIDs = Set(questionnaires.map(\.id.value)).sorted()
    for entry in manifest.appliesTo {
      if let versions = entry.versions, VersionRange(versions.value) == nil {
        checks.add(
          .error(
            .versionInvalid, "cannot read the version range `\(versions.value)`",
            hint: "write comparators joined by commas, such as `>=1.0.0, <2.0.0`, or `^1.0.0`", at: versions.location))
        continue
      }
      let matching = questionnaires.filter { $0.id.value == entry.questionnaire.value }
      if matching.isEmpty {
        checks.add(
          .warning(
            .catalogUnmatched, "no questionnaire `\(entry.questionnaire.value)` was found, so this module will not run",
            hint: Suggestion.hint(for: entry.questionnaire.value, among: knownIDs)
              ?? "pass the questionnaire too, or check the id",
            at: entry.questionnaire.location))
        continue
      }
      let inRange = matching.filter { questionnaire in
        guard let range = entry.range, let version = questionnaire.parsedVersion else { return false }
        return range.contains(version)
      }
      if inRange.isEmpty {
        checks.add(
          .warning(
            .catalogUnmatched,
            "no version of `\(entry.questionnaire.value)` found (\(matching.map(\.version.value).joined(separator: ", "))) is in the range `\(entry.versions?.value ?? "any")`",
            hint: "widen `versions`, or update the module", at: entry.versions?.location ?? entry.questionnaire.location))
      }
      applicable += inRange
    }
    return applicable
  }

  private static func checkRules(_ manifest: EvaluatorManifest, applicable: [Questionnaire], into checks: inout CommonChecks) {
    checks.checkUnique(manifest.rules.map(\.id), what: "rule")
    let actors = manifest.knownActorIDs
    let applicableIDs = manifest.appliesTo.map(\.questionnaire.value)
    for rule in manifest.rules {
      checks.checkID(rule.id, what: "rule")
      checks.checkActors(rule.recommendation.actors, known: actors)
      checks.checkCitations(rule.recommendation.references, references: manifest.references)
      if let home = rule.questionnaire, !applicableIDs.contains(home.value) {
        checks.add(
          .error(
            .refUnknownQuestionnaire, "rule `\(rule.id.value)` belongs to questionnaire `\(home.value)`, which the module does not apply to",
            hint: Suggestion.hint(for: home.value, among: applicableIDs) ?? "add it to `applies_to`, or name one of: \(applicableIDs.joined(separator: ", "))",
            at: home.location))
        continue
      }
      guard !applicable.isEmpty else { continue }
      // A rule names items of its own questionnaire plainly, and those of others as `questionnaire:item`.
      let homes = applicable.filter { rule.runs(in: $0.id.value) }
      var itemIDs = Set(homes.flatMap { $0.items.map(\.id.value) + $0.sections.map(\.id.value) })
      for questionnaire in applicable {
        itemIDs.formUnion((questionnaire.items.map(\.id.value) + questionnaire.sections.map(\.id.value)).map { "\(questionnaire.id.value):\($0)" })
      }
      for item in rule.items where !itemIDs.contains(item.value) {
        checks.add(
          .error(
            .refUnknownItem, "no item `\(item.value)` in the questionnaires this module applies to",
            hint: Suggestion.hint(for: item.value, among: itemIDs), at: item.location))
      }
    }
  }

  /// Each rule's `when` is parsed, and checked against every questionnaire it runs in, with
  /// the module's other questionnaires readable as `${questionnaire:item}`.
  private static func checkConditions(_ manifest: EvaluatorManifest, applicable: [CompiledQuestionnaire], into checks: inout CommonChecks) {
    for rule in manifest.rules {
      let homes = applicable.filter { rule.runs(in: $0.questionnaire.id.value) }
      if homes.isEmpty {
        if case .failure(let diagnostic) = CompiledQuestionnaire.parse(rule.when) { checks.add(diagnostic) }
        continue
      }
      var reported = Set<Diagnostic>()
      for questionnaire in homes {
        let peers = applicable.map(\.questionnaire).filter { $0.id.value != questionnaire.questionnaire.id.value }
        for diagnostic in questionnaire.check(rule.when, role: .condition, peers: peers).1 where reported.insert(diagnostic).inserted {
          checks.add(diagnostic)
        }
      }
    }
  }

  private static func checkProgram(_ manifest: EvaluatorManifest, path: String, into checks: inout CommonChecks) {
    guard let program = manifest.program.first else { return }
    if program.value.hasPrefix("/") {
      checks.add(
        .error(
          .moduleProgram, "`program` names an absolute path",
          hint: "give the path relative to the module folder, so the module works wherever it is installed",
          at: program.location))
      return
    }
    let folder = (path as NSString).deletingLastPathComponent
    let resolved = (folder as NSString).appendingPathComponent(program.value)
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) || isDirectory.boolValue {
      checks.add(
        .error(
          .moduleProgram, "program `\(program.value)` does not exist in the module folder",
          hint: "build it, or correct the path (relative to the folder holding evaluator.yaml)", at: program.location))
    } else if !FileManager.default.isExecutableFile(atPath: resolved) {
      checks.add(
        .error(.moduleProgram, "program `\(program.value)` is not executable", hint: "run `chmod +x \(program.value)`", at: program.location))
    }
  }
}
