/// A stable name for a kind of problem, printed in brackets at the end of each diagnostic.
///
/// Codes never change meaning once released, so editors, CI scripts and people's notes can
/// rely on them. `Docs/diagnostics.md` explains each one; a test keeps that page complete.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
  public let rawValue: String

  public init(rawValue: String) {
    self.rawValue = rawValue
  }

  public init(_ rawValue: String) {
    self.rawValue = rawValue
  }

  public var description: String { rawValue }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

// MARK: - Reading the file

extension DiagnosticCode {
  /// The path names no file or folder, or the file cannot be read.
  public static let fileUnreadable = DiagnosticCode("file.unreadable")
  /// The file is larger than the size cap.
  public static let fileTooLarge = DiagnosticCode("file.too-large")
  /// The file holds no YAML content at all.
  public static let fileEmpty = DiagnosticCode("file.empty")
  /// The file is not valid UTF-8 text.
  public static let fileEncoding = DiagnosticCode("file.encoding")
  /// The file holds control characters or NUL bytes: it is not a text file.
  public static let fileBinary = DiagnosticCode("file.binary")
  /// The file has no `schema` key, or one this toolkit does not read.
  public static let fileUnknownKind = DiagnosticCode("file.unknown-kind")
}

// MARK: - YAML syntax

extension DiagnosticCode {
  /// The text is not well-formed YAML.
  public static let yamlSyntax = DiagnosticCode("yaml.syntax")
  /// The same key appears twice in one mapping.
  public static let yamlDuplicateKey = DiagnosticCode("yaml.duplicate-key")
  /// Anchors and aliases expand to more nodes than any real file needs (a "billion laughs" file).
  public static let yamlAliasBudget = DiagnosticCode("yaml.alias-budget")
  /// More than one YAML document in a file that must hold one.
  public static let yamlMultipleDocuments = DiagnosticCode("yaml.multiple-documents")
}

// MARK: - Shape of the file

extension DiagnosticCode {
  /// A value of the wrong kind: a list where a mapping belongs, text where a number belongs.
  public static let schemaTypeMismatch = DiagnosticCode("schema.type-mismatch")
  /// A required key is missing.
  public static let schemaMissingKey = DiagnosticCode("schema.missing-key")
  /// A key the format does not define (extension keys start with `x-`).
  public static let schemaUnknownKey = DiagnosticCode("schema.unknown-key")
  /// A value outside the allowed set or pattern.
  public static let schemaInvalidValue = DiagnosticCode("schema.invalid-value")
  /// A list that must hold at least one entry is empty.
  public static let schemaEmptyList = DiagnosticCode("schema.empty-list")
  /// Keys that cannot be used together, or a key that needs another.
  public static let schemaConflict = DiagnosticCode("schema.conflict")
}

// MARK: - Meaning

extension DiagnosticCode {
  /// An id used twice where ids must be unique.
  public static let idDuplicate = DiagnosticCode("id.duplicate")
  /// An id with characters ids may not have.
  public static let idInvalid = DiagnosticCode("id.invalid")
  /// A version that is not `MAJOR.MINOR.PATCH`, or a version range that cannot be read.
  public static let versionInvalid = DiagnosticCode("version.invalid")
  /// A reference to a scale that does not exist.
  public static let refUnknownScale = DiagnosticCode("ref.unknown-scale")
  /// A reference to an item or section that does not exist.
  public static let refUnknownItem = DiagnosticCode("ref.unknown-item")
  /// A citation of a reference (instrument) that is not in the reference list.
  public static let refUnknownReference = DiagnosticCode("ref.unknown-reference")
  /// A reference to a profile that does not exist.
  public static let refUnknownProfile = DiagnosticCode("ref.unknown-profile")
  /// An actor id that is neither built in nor declared.
  public static let refUnknownActor = DiagnosticCode("ref.unknown-actor")
  /// A module test expects a finding that no rule of the module can raise.
  public static let refUnknownRule = DiagnosticCode("ref.unknown-rule")
  /// A reference to a questionnaire that cannot be found.
  public static let refUnknownQuestionnaire = DiagnosticCode("ref.unknown-questionnaire")
  /// A weight below zero.
  public static let weightNegative = DiagnosticCode("weight.negative")
  /// A score outside 0..1, a level outside 0..4, or bounds that contradict each other.
  public static let numberOutOfRange = DiagnosticCode("number.out-of-range")
  /// A scale that does not fit the item: options missing, or only special answers for a choice.
  public static let scaleInvalid = DiagnosticCode("scale.invalid")
  /// An item that cites no instrument.
  public static let itemUncited = DiagnosticCode("item.uncited")
  /// A text lacks a translation into one of the file's languages.
  public static let i18nMissingTranslation = DiagnosticCode("i18n.missing-translation")
  /// A text is written in a language the file does not list.
  public static let i18nUnknownLanguage = DiagnosticCode("i18n.unknown-language")
}

// MARK: - Expressions

extension DiagnosticCode {
  /// An expression that does not follow the grammar.
  public static let exprSyntax = DiagnosticCode("expr.syntax")
  /// An expression longer or more deeply nested than the limits allow.
  public static let exprLimit = DiagnosticCode("expr.limit")
  /// `${id}` names no item of the questionnaire.
  public static let exprUnknownReference = DiagnosticCode("expr.unknown-reference")
  /// An item compared with an option its scale does not have.
  public static let exprUnknownOption = DiagnosticCode("expr.unknown-option")
  /// A value of the wrong type for an operator, a function or the expression's role.
  public static let exprType = DiagnosticCode("expr.type")
  /// A function called with the wrong number of arguments.
  public static let exprArity = DiagnosticCode("expr.arity")
  /// `.` used outside a constraint.
  public static let exprCurrent = DiagnosticCode("expr.current")
  /// Items whose relevance or calculation depend on each other in a circle.
  public static let exprCycle = DiagnosticCode("expr.cycle")
}

// MARK: - Answers

extension DiagnosticCode {
  /// An answer for an item the questionnaire does not have.
  public static let answerUnknownItem = DiagnosticCode("answer.unknown-item")
  /// An answer that is not one of the item's options.
  public static let answerInvalidOption = DiagnosticCode("answer.invalid-option")
  /// An answer of the wrong kind for the item: text for a number, a list for a single choice.
  public static let answerWrongType = DiagnosticCode("answer.wrong-type")
  /// A number answer below the item's minimum or above its maximum.
  public static let answerOutOfRange = DiagnosticCode("answer.out-of-range")
  /// Answers written for another version of the questionnaire.
  public static let answerVersionMismatch = DiagnosticCode("answer.version-mismatch")
  /// The same questionnaire answered twice in one answers file.
  public static let answerDuplicateQuestionnaire = DiagnosticCode("answer.duplicate-questionnaire")
  /// An answer that breaks the item's constraint.
  public static let answerConstraint = DiagnosticCode("answer.constraint")
  /// An answer to an item that is not asked, given the other answers.
  public static let answerNotRelevant = DiagnosticCode("answer.not-relevant")
  /// An answer to a calculated item, which is computed rather than asked.
  public static let answerCalculated = DiagnosticCode("answer.calculated")
  /// A number that falls in none of its item's score bands, so it counts as answered without a score.
  public static let answerUnscored = DiagnosticCode("answer.unscored")
}

// MARK: - Workshops and follow-ups

extension DiagnosticCode {
  /// A questionnaire's migration that cannot work: two old items on one new item, a `from`
  /// naming this very version, an option that does not exist.
  public static let migrationInvalid = DiagnosticCode("migration.invalid")
  /// An answer that cannot be carried forward to the current questionnaire version.
  public static let carryNotCarried = DiagnosticCode("carry.not-carried")
  /// Answers files that cannot be aggregated in one workshop: too few, or answering different questionnaires.
  public static let workshopInput = DiagnosticCode("workshop.input")
}

// MARK: - Catalogue

extension DiagnosticCode {
  /// Two files define the same questionnaire or module id and version.
  public static let catalogDuplicate = DiagnosticCode("catalog.duplicate")
  /// An evaluator module applies to no questionnaire that was found.
  public static let catalogUnmatched = DiagnosticCode("catalog.unmatched")
  /// A module's program is missing or cannot be run.
  public static let moduleProgram = DiagnosticCode("module.program")
}

// MARK: - Report templates

extension DiagnosticCode {
  /// A report template given with `--template` is not valid Mustache.
  public static let templateSyntax = DiagnosticCode("template.syntax")
}

// MARK: - Imported spreadsheets (CSV, KoboToolbox/ODK exports)

extension DiagnosticCode {
  /// A CSV file that cannot be read: a quoted field never closed, a row longer than the header.
  public static let csvSyntax = DiagnosticCode("csv.syntax")
  /// A column the import needs is missing from the header row.
  public static let csvMissingColumn = DiagnosticCode("csv.missing-column")
  /// A column that names no question of the questionnaire; its values are not imported.
  public static let csvUnknownColumn = DiagnosticCode("csv.unknown-column")
}

extension DiagnosticCode {
  /// Every code the toolkit can report, in the order `Docs/diagnostics.md` lists them.
  public static let all: [DiagnosticCode] = [
    .fileUnreadable, .fileTooLarge, .fileEmpty, .fileEncoding, .fileBinary, .fileUnknownKind,
    .yamlSyntax, .yamlDuplicateKey, .yamlAliasBudget, .yamlMultipleDocuments,
    .schemaTypeMismatch, .schemaMissingKey, .schemaUnknownKey, .schemaInvalidValue, .schemaEmptyList,
    .schemaConflict,
    .idDuplicate, .idInvalid, .versionInvalid,
    .refUnknownScale, .refUnknownItem, .refUnknownReference, .refUnknownProfile, .refUnknownActor,
    .refUnknownQuestionnaire, .refUnknownRule,
    .weightNegative, .numberOutOfRange, .scaleInvalid, .itemUncited,
    .i18nMissingTranslation, .i18nUnknownLanguage,
    .exprSyntax, .exprLimit, .exprUnknownReference, .exprUnknownOption, .exprType, .exprArity, .exprCurrent,
    .exprCycle,
    .answerUnknownItem, .answerInvalidOption, .answerWrongType, .answerOutOfRange,
    .answerVersionMismatch, .answerDuplicateQuestionnaire, .answerConstraint, .answerNotRelevant,
    .answerCalculated, .answerUnscored,
    .migrationInvalid, .carryNotCarried, .workshopInput,
    .catalogDuplicate, .catalogUnmatched, .moduleProgram,
    .templateSyntax,
    .csvSyntax, .csvMissingColumn, .csvUnknownColumn,
  ]
}
