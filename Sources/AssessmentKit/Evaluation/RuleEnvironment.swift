/// What a rule's `when` sees: the answers of its own area, and those of the other areas of the
/// same answers file, read as `${questionnaire:item}`.
///
/// A questionnaire the answers file does not cover reads as unanswered, so a rule across areas
/// fires only on what a respondent actually said.
struct RuleEnvironment: ExpressionEnvironment {
  let home: AnswerEnvironment
  let peers: [String: AnswerEnvironment]

  var currentItemID: String? { nil }

  func value(of id: String) -> ExpressionValue {
    route(id) { $0.value(of: $1) } ?? .missing(.unanswered)
  }

  func selectedOptions(of id: String) -> [String]? {
    route(id) { $0.selectedOptions(of: $1) } ?? nil
  }

  func score(of id: String) -> Double? {
    route(id) { $0.score(of: $1) } ?? nil
  }

  func level(of id: String) -> Int? {
    route(id) { $0.level(of: $1) } ?? nil
  }

  /// Splits `questionnaire:item` and asks the environment of that questionnaire; nil when
  /// the answers do not cover it.
  private func route<T>(_ id: String, _ read: (AnswerEnvironment, String) -> T) -> T? {
    guard let (questionnaireID, local) = Self.split(id) else { return read(home, id) }
    if questionnaireID == home.compiled.questionnaire.id.value { return read(home, local) }
    return peers[questionnaireID].map { read($0, local) }
  }

  /// `child-protection:CP-B.2` → (`child-protection`, `CP-B.2`); nil for an unqualified id.
  static func split(_ id: String) -> (questionnaire: String, item: String)? {
    guard let colon = id.firstIndex(of: ":") else { return nil }
    return (String(id[..<colon]), String(id[id.index(after: colon)...]))
  }
}
