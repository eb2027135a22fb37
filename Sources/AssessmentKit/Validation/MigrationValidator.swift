/// Checks a questionnaire's `migrations` and `workshop` rule: every target is an item or
/// option of this version, no two old items land on one new item, and each `from` names an
/// earlier version.
enum MigrationValidator {
  static func check(_ questionnaire: Questionnaire, into checks: inout CommonChecks) {
    checkWorkshop(questionnaire.workshop, into: &checks)
    var seenFrom: [String: SourceLocation] = [:]
    let itemIDs = questionnaire.items.map(\.id.value)
    for migration in questionnaire.migrations {
      checkFrom(migration, of: questionnaire, seen: &seenFrom, into: &checks)
      checks.checkUnique(migration.items.map(\.from), what: "migrated item")
      var targets: [String: Located<String>] = [:]
      for move in migration.items {
        guard let target = move.to else { continue }
        if questionnaire.item(target.value) == nil {
          checks.add(
            .error(
              .refUnknownItem, "the migration moves `\(move.from.value)` to `\(target.value)`, which is not an item of version \(questionnaire.version.value)",
              hint: Suggestion.hint(for: target.value, among: itemIDs) ?? "name an item of this version, or write `\(move.from.value): null` if it was removed",
              at: target.location))
        } else if let earlier = targets[target.value] {
          checks.add(
            .error(
              .migrationInvalid, "`\(move.from.value)` and `\(earlier.value)` both move to `\(target.value)`, so one answer would overwrite the other",
              hint: "move one of them elsewhere, or write `\(move.from.value): null`", at: move.from.location))
        }
        targets[target.value] = move.from
      }
      for options in migration.options {
        checkOptions(options, in: questionnaire, itemIDs: itemIDs, into: &checks)
      }
    }
  }

  private static func checkWorkshop(_ rules: WorkshopRules, into checks: inout CommonChecks) {
    if let iqr = rules.discussWhenIQRAbove, iqr.value < 0 || iqr.value > 4 {
      checks.add(
        .error(.numberOutOfRange, "`discuss_when_iqr_above` is \(format(iqr.value)), outside 0…4 levels", hint: "write a number of levels such as `1`", at: iqr.location))
    }
    if let agreement = rules.discussWhenAgreementBelow, agreement.value < 0 || agreement.value > 1 {
      checks.add(
        .error(
          .numberOutOfRange, "`discuss_when_agreement_below` is \(format(agreement.value)), outside 0…1", hint: "write an agreement such as `0.6`",
          at: agreement.location))
    }
    if let factor = rules.criticalFactor, factor.value < 1 {
      checks.add(
        .error(.numberOutOfRange, "`critical_factor` is \(format(factor.value)), below 1", hint: "write `1` to weigh critical items like the others, or more", at: factor.location))
    }
  }

  private static func checkFrom(
    _ migration: Migration, of questionnaire: Questionnaire, seen: inout [String: SourceLocation], into checks: inout CommonChecks
  ) {
    let from = migration.from
    let parts = from.value.split(separator: ".", omittingEmptySubsequences: false)
    let readable = SemanticVersion(from.value) != nil || (parts.count < 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
    guard readable else {
      checks.add(
        .error(
          .versionInvalid, "`from: \(from.value)` is not a version", hint: "write a version such as `0.1.0`, or `0.1` for every 0.1.x",
          at: from.location))
      return
    }
    if migration.applies(to: questionnaire.version.value) {
      checks.add(
        .error(
          .migrationInvalid, "a migration from `\(from.value)` would apply to this very version, \(questionnaire.version.value)",
          hint: "migrations start from earlier versions; raise `version`, or name the earlier one in `from`", at: from.location))
    }
    if let first = seen[from.value] {
      checks.add(
        .error(
          .migrationInvalid, "a second migration from `\(from.value)`; the first is at line \(first.line)", hint: "merge the two",
          at: from.location))
    }
    seen[from.value] = from.location
  }

  private static func checkOptions(
    _ options: Migration.OptionMoves, in questionnaire: Questionnaire, itemIDs: [String], into checks: inout CommonChecks
  ) {
    guard let item = questionnaire.item(options.item.value) else {
      checks.add(
        .error(
          .refUnknownItem, "`options` names `\(options.item.value)`, which is not an item of version \(questionnaire.version.value)",
          hint: Suggestion.hint(for: options.item.value, among: itemIDs) ?? "key option moves by the item's id in this version",
          at: options.item.location))
      return
    }
    guard item.kind.needsScale, let scale = item.scale.flatMap({ questionnaire.scale($0.value) }) else {
      checks.add(
        .error(
          .migrationInvalid, "item `\(item.id.value)` is a \(item.kind.rawValue) item, so it has no options to move",
          hint: "remove this entry", at: options.item.location))
      return
    }
    let values = scale.options.map(\.value.value)
    checks.checkUnique(options.moves.map(\.from), what: "migrated option")
    for move in options.moves {
      guard let target = move.to, !values.contains(target.value) else { continue }
      checks.add(
        .error(
          .migrationInvalid, "`\(target.value)` is not an option of item `\(item.id.value)`",
          hint: Suggestion.hint(for: target.value, among: values) ?? "write one of: \(values.joined(separator: ", ")), or null",
          at: target.location))
    }
  }
}
