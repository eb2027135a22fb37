/// The answers of one respondent to one questionnaire, as expressions see them: which items
/// are asked, each item's typed value, the options chosen, calculated values and scores.
///
/// Everything is worked out once, in evaluation order, when the environment is made.
public struct AnswerEnvironment: ExpressionEnvironment, Sendable {
  public let compiled: CompiledQuestionnaire
  public var currentItemID: String?
  /// Whether each item is asked, given the answers before it.
  public private(set) var relevance: [String: Bool] = [:]
  /// The items the answers' profile keeps (every item without a profile).
  public let scope: Set<String>
  /// The profile the answers name, if the questionnaire has it.
  public let profile: Profile?
  private var values: [String: ExpressionValue] = [:]
  private var selections: [String: [String]] = [:]
  private var itemScores: [String: Double] = [:]

  public init(_ compiled: CompiledQuestionnaire, answers: QuestionnaireAnswers?) {
    self.compiled = compiled
    let questionnaire = compiled.questionnaire
    profile = answers?.profile.flatMap { questionnaire.profile($0.value) }
    scope = questionnaire.itemIDs(in: profile)
    var written: [String: AnswerValue] = [:]
    for answer in answers?.answers ?? [] where written[answer.itemID.value] == nil {
      if let value = answer.value { written[answer.itemID.value] = value }
    }
    for id in compiled.evaluationOrder {
      guard let item = questionnaire.item(id) else { continue }
      // An item the profile leaves out is not asked, whatever its own condition says.
      let asked = scope.contains(id) && (compiled.relevant[id].map { ExpressionEvaluator.holds($0, in: self) } ?? true)
      relevance[id] = asked
      guard asked else {
        values[id] = .missing(.unanswered)
        // What was written is kept for the record; expressions do not see it.
        switch written[id] {
        case .single(let text)?: selections[id] = [text.value]
        case .list(let texts)?: selections[id] = texts.map(\.value)
        case nil: break
        }
        continue
      }
      if let calculation = compiled.calculate[id] {
        values[id] = ExpressionEvaluator.evaluate(calculation, in: self)
        if case .number(let number) = values[id] { itemScores[id] = Self.bandScore(item, number) }
        continue
      }
      record(item, written[id], in: questionnaire)
    }
  }

  /// Reads a written answer into the value expressions see, and its score.
  private mutating func record(_ item: Item, _ answer: AnswerValue?, in questionnaire: Questionnaire) {
    let id = item.id.value
    guard let answer else {
      values[id] = .missing(.unanswered)
      return
    }
    let scale = item.scale.flatMap { questionnaire.scale($0.value) }
    let chosen: [String]
    switch answer {
    case .single(let text): chosen = [text.value]
    case .list(let texts): chosen = texts.map(\.value)
    }
    selections[id] = chosen
    // A special answer ("not applicable", "don't know") stands alone.
    if let special = chosen.lazy.compactMap({ scale?.option($0) }).first(where: { !$0.isScored }) {
      values[id] = .missing(special.notApplicable ? .notApplicable : .unknown)
      return
    }
    switch item.kind {
    case .choice:
      values[id] = .text(chosen.first ?? "")
      if let score = chosen.first.flatMap({ scale?.option($0)?.score?.value }) { itemScores[id] = score }
    case .multi:
      values[id] = .list(chosen.map(ExpressionValue.text))
      let scores = chosen.compactMap { scale?.option($0)?.score?.value }
      if !scores.isEmpty { itemScores[id] = min(1, scores.reduce(0, +)) }
    case .number, .percent:
      if let number = chosen.first.flatMap(Double.init), number.isFinite {
        values[id] = .number(number)
        itemScores[id] = Self.bandScore(item, number)
      } else {
        values[id] = .missing(.undefined)
      }
    case .text, .date:
      values[id] = .text(chosen.first ?? "")
    }
  }

  /// The score of the first band holding the number; nil when the item has no bands.
  private static func bandScore(_ item: Item, _ number: Double) -> Double? {
    item.bands.first { $0.contains(number) }?.score.value
  }

  public func isAsked(_ itemID: String) -> Bool { relevance[itemID] ?? true }

  /// The options chosen for an item, special ones included, whether or not it is asked.
  public func writtenOptions(of id: String) -> [String]? { selections[id] }

  /// Whether the item's chosen option is marked deficient on its scale.
  public func isDeficient(_ itemID: String) -> Bool {
    let questionnaire = compiled.questionnaire
    guard isAsked(itemID), let item = questionnaire.item(itemID), let scale = item.scale.flatMap({ questionnaire.scale($0.value) }),
      let chosen = selections[itemID]
    else { return false }
    return chosen.contains { scale.option($0)?.deficient == true }
  }

  public func value(of id: String) -> ExpressionValue {
    values[id] ?? .missing(.unanswered)
  }

  public func selectedOptions(of id: String) -> [String]? {
    isAsked(id) ? selections[id] : nil
  }

  /// An item's score: its option's score (choice), the capped sum of its options' scores
  /// (multi), or its band's score (number). A section's score: the weighted mean of the scores
  /// of its asked, answered, scored items. The full scoring model refines sections.
  public func score(of id: String) -> Double? {
    if compiled.questionnaire.item(id) != nil { return itemScores[id] }
    guard let section = compiled.questionnaire.section(id) else { return nil }
    let inputs = section.items.filter { scope.contains($0.id.value) }.compactMap { item in
      itemScores[item.id.value].map { Formula.Input(id: item.id.value, value: $0, weight: item.effectiveWeight) }
    }
    return Formula.weightedMean(inputs.filter { ($0.weight ?? 1) > 0 }, of: "item scores")?.value
  }

  /// The level an item's option names, else the level its score reaches on the questionnaire's
  /// maturity levels; for a section, the level its score reaches.
  public func level(of id: String) -> Int? {
    let questionnaire = compiled.questionnaire
    if let item = questionnaire.item(id), let scale = item.scale.flatMap({ questionnaire.scale($0.value) }),
      item.kind == .choice, let chosen = selections[id]?.first, isAsked(id), let level = scale.option(chosen)?.level?.value
    {
      return level
    }
    guard let score = score(of: id) else { return nil }
    return questionnaire.scoring.levels.last { score >= $0.minimumScore.value - 1e-9 }?.level.value
  }

  /// Whether an item's answer satisfies its constraint; true when it has none, is not asked,
  /// or has no real answer ("not applicable" and "don't know" are not checked).
  public func satisfiesConstraint(_ itemID: String) -> Bool {
    guard isAsked(itemID), !value(of: itemID).isMissing, let constraint = compiled.constraint[itemID] else { return true }
    var environment = self
    environment.currentItemID = itemID
    return ExpressionEvaluator.holds(constraint, in: environment)
  }
}
