/// Everything a report template can show, as plain values: the Mustache templates read these
/// properties by name (Docs/reports.md lists them), so renaming one is a breaking change for
/// teams with their own templates.
///
/// User text is already made visible-safe here (see ``UserText``); escaping for the output
/// format happens when the template is rendered. Numbers meant for people are preformatted
/// strings, so every template shows them the same way. Sections a later version adds (the
/// workshop and comparison ones) are optional fields: a template shows them with
/// `{{#workshop}}…{{/workshop}}` and a partial.
public struct ReportContext: Sendable {
  /// "Assessment report: Examplia".
  public var title: String
  /// "assess 0.1.0".
  public var generator: String
  /// The `--date` given, else nil: reports carry no clock time, so the same inputs give the same bytes.
  public var date: String?
  public var language: String
  /// One per answers file, in the order they were named.
  public var respondents: [RespondentReport]
  /// More than one answers file: templates add a table of contents of respondents.
  public var multipleRespondents: Bool
  public var method: MethodReport
  /// A workshop's divergence between respondents: filled when a consensus answers file is
  /// reported (see ``WorkshopSection``), nil otherwise.
  public var workshop: WorkshopSection?
  /// Baseline against follow-up: filled by `assess report --baseline` (see ``ComparisonSection``), nil otherwise.
  public var comparison: ComparisonSection?
}

/// The report of one answers file.
public struct RespondentReport: Sendable {
  /// An HTML id: `r1`, `r2` …
  public var anchor: String
  /// "Examplia — Ministry of the Interior".
  public var heading: String
  /// The answers file, as named on the command line.
  public var source: String
  public var country: String
  public var agency: String?
  public var role: String?
  public var round: String?
  /// The respondent's own date (`respondent.date`); named apart from the report's ``ReportContext/date``
  /// because Mustache looks a missing name up in the enclosing context.
  public var answeredOn: String?
  public var overall: OverallView
  /// Every critical safeguard answered deficient, across areas: shown first.
  public var criticalFlags: [FlagView]
  public var criticalFlagCount: Int
  public var areas: [AreaView]
  public var radar: RadarChart?
  public var recommendations: [RecommendationView]
  public var recommendationCount: Int
  public var hasRecommendations: Bool
  public var topRecommendations: [RecommendationView]
  public var actionPlan: ActionPlanView
  public var modules: [ModuleView]
  public var failedModules: [ModuleView]
}

/// The respondent's standing over all areas.
public struct OverallView: Sendable {
  /// The lowest area level: a strategy is as strong as its weakest area.
  public var level: Int?
  public var levelName: String?
  /// `level-1`, or `level-none`: a class for the level's colour (always shown with its text).
  public var levelClass: String
  /// "Level 1 Initial", or "no level (nothing answered)".
  public var levelText: String
  /// The mean of the area scores, "0.44", or "–".
  public var score: String
  /// "129/129 (100%)".
  public var coverage: String
  public var areaCount: Int
}

public struct FlagView: Sendable {
  public var area: String
  public var areaTitle: String
  public var item: String
  public var section: String
  public var text: String
  /// The answer, quoted: “no”.
  public var answer: String
}

public struct AreaView: Sendable {
  public var anchor: String
  public var questionnaire: String
  public var version: String
  public var title: String
  /// The title before its first colon, for charts and tables.
  public var shortTitle: String
  public var profile: String?
  public var level: Int?
  public var levelClass: String
  public var levelText: String
  /// "capped from 2 by a critical safeguard", when it was. (Each level of the context names its
  /// optional fields apart: Mustache looks a missing value up in the enclosing context.)
  public var areaCapNote: String?
  /// Why the level is what it is, in words.
  public var basis: String?
  public var score: String
  public var coverage: String
  /// "61%", when the profile sets targets.
  public var percentToTarget: String?
  public var formulaRule: String?
  public var formulaWorked: String?
  public var criticalFlags: [FlagView]
  public var criticalFlagCount: Int
  public var sections: [SectionView]
  public var bars: BarChart
}

public struct SectionView: Sendable {
  public var anchor: String
  public var id: String
  public var ref: String?
  /// "A Legal framework and access to protection".
  public var name: String
  public var title: String
  public var score: String
  public var level: Int?
  public var levelClass: String
  public var levelText: String
  public var sectionCapNote: String?
  public var coverage: String
  public var target: Int?
  /// "target 3 (gap 1)" or "target 3 (met)".
  public var targetText: String?
  public var items: [ItemView]
}

public struct ItemView: Sendable {
  public var id: String
  /// The item's reference number; named apart from the section's `ref`, which Mustache would
  /// show instead when the item has none.
  public var itemRef: String?
  public var text: String
  /// "answered", "don't know", "not applicable" …
  public var status: String
  /// The options' labels or the value written, joined; "–" when there is none.
  public var answer: String
  public var score: String
  public var weight: String
  public var critical: Bool
  public var deficient: Bool
  /// A critical safeguard answered deficient.
  public var flagged: Bool
  public var notes: String?
  public var evidence: [String]
  public var references: [String]
}

public struct RecommendationView: Sendable {
  public var id: String
  public var anchor: String
  public var rank: Int
  public var title: String
  public var questionnaire: String
  public var areaTitle: String
  public var priority: Int
  public var severity: String
  public var component: String
  public var horizon: String
  /// Actor names, joined with commas.
  public var actors: String
  public var actions: [String]
  public var why: String
  /// The priority formula with its inputs in place.
  public var formula: String
  public var factors: [FactorView]
  public var references: [String]
  public var items: String
  public var sources: String
}

/// One input of the priority formula: S, G, W or C.
public struct FactorView: Sendable {
  public var symbol: String
  public var name: String
  public var value: String
}

public struct ActionPlanView: Sendable {
  public var byComponent: [PlanGroupView]
  public var byActor: [PlanGroupView]
  public var byHorizon: [PlanGroupView]
}

public struct PlanGroupView: Sendable {
  public var label: String
  public var recommendations: [PlanEntryView]
}

public struct PlanEntryView: Sendable {
  public var id: String
  public var anchor: String
  public var title: String
  public var priority: Int
  public var horizon: String
}

public struct ModuleView: Sendable {
  public var id: String
  public var version: String
  public var kind: String
  /// The manifest, relative to the toolkit folder when it is one of the toolkit's own modules.
  public var manifest: String
  public var sha256: String
  public var ok: Bool
  public var status: String
  public var findings: Int
  public var error: String?
  public var log: String?
}

/// How the numbers were made, for the report's method section.
public struct MethodReport: Sendable {
  public var coverage: String
  public var areaScore: String
  public var level: String
  public var criticalCap: String
  public var overall: String
  public var priority: String
  public var factors: [FactorView]
  public var percentToTarget: String
}
