/// A consensus answers file read back for its report: the respondents' original answers (kept
/// under each answer's `consensus:`) summarised by the same ``WorkshopAggregator`` that
/// `assess workshop` uses, so medians, IQRs, agreement and the discussion list are the ones the
/// workshop showed; plus, per item, what the room agreed, after how many rounds, who still
/// stands more than a level away from it, and the dissent the facilitator recorded.
public struct ConsensusReview: Sendable {
  /// The respondents' original answers, aggregated. Respondent labels are the ones the
  /// consensus file records (already anonymous when the workshop was); no file paths.
  public var summary: WorkshopSummary
  public var areas: [ConsensusAreaReview]
  /// The most rounds any item took.
  public var rounds: Int
}

public struct ConsensusAreaReview: Sendable {
  public var questionnaire: String
  /// Every item that has a `consensus:` block, in questionnaire order.
  public var items: [AgreedItem]
}

/// What the room agreed on one item.
public struct AgreedItem: Sendable {
  public var id: String
  /// The consensus file's `value`; nil when the room left it unanswered.
  public var agreed: [String]?
  /// The agreed answer on the level scale (0–4), when it has a place on it.
  public var agreedLevel: Double?
  public var rounds: Int
  /// The facilitator's `dissent:` note.
  public var dissent: String?
  /// Respondents whose original answer lies more than one level from the agreed one.
  public var dissenters: [Dissenter]
}

public struct Dissenter: Sendable, Hashable {
  public var respondent: String
  public var answer: [String]?
  /// Their level minus the agreed level: negative when they judged the safeguard weaker.
  public var distance: Double
}

public enum ConsensusReading {
  /// A dissenter stands more than this many levels from the agreed answer.
  public static let dissentThreshold = 1.0

  /// Whether an answers file is a workshop's consensus (some answer has `consensus:`).
  public static func isConsensus(_ answers: AnswerSet) -> Bool {
    answers.questionnaires.contains { $0.answers.contains { $0.consensus != nil } }
  }

  /// Reads a consensus file back. nil when it has no `consensus:` block or fewer than two
  /// respondents; the file is expected to have passed ``AnswersValidator`` already.
  public static func review(_ document: Document<AnswerSet>, questionnaires: [CompiledQuestionnaire]) -> ConsensusReview? {
    let consensus = document.model
    guard isConsensus(consensus) else { return nil }
    var labels: [String] = []
    for block in consensus.questionnaires {
      for answer in block.answers {
        for response in answer.consensus?.responses ?? [] where !labels.contains(response.respondent.value) {
          labels.append(response.respondent.value)
        }
      }
    }
    guard labels.count >= 2 else { return nil }
    let aggregator = WorkshopAggregator(questionnaires: questionnaires, anonymous: false)
    for label in labels {
      // Errors cannot arise from a validated consensus; a respondent who somehow fails is left out rather than half-read.
      _ = aggregator.add(originalAnswers(of: label, in: document))
    }
    var summary = aggregator.summary()
    for index in summary.respondents.indices { summary.respondents[index].source = nil }
    let language = consensus.respondent.language?.value
    var areas: [ConsensusAreaReview] = []
    var rounds = 1
    for block in consensus.questionnaires {
      guard let compiled = CompiledQuestionnaire.match(
        questionnaires.filter { $0.questionnaire.id.value == block.questionnaireID.value }, version: block.version.value)
      else { continue }
      let questionnaire = compiled.questionnaire
      let scored = ScoringEngine.score(
        AnswerEnvironment(compiled, answers: block), answers: block, language: language ?? questionnaire.defaultLanguage.value)
      let results = Dictionary(scored.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      let workshopItems = summary.areas.first { $0.questionnaire == questionnaire.id.value }.map { area in
        Dictionary(area.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      } ?? [:]
      var items: [AgreedItem] = []
      for item in questionnaire.items {
        guard let answer = block.answer(item.id.value), let record = answer.consensus else { continue }
        let result = results[item.id.value]
        let agreedLevel = result.flatMap { result -> Double? in
          guard result.status == .answered || result.status == .calculated else { return nil }
          return ItemAccumulator.level(of: result, item: item, in: questionnaire)
        }
        let dissenters = (workshopItems[item.id.value]?.answers ?? []).compactMap { original -> Dissenter? in
          guard let agreedLevel, let level = original.level, abs(level - agreedLevel) > dissentThreshold else { return nil }
          return Dissenter(respondent: original.respondent, answer: original.answer, distance: level - agreedLevel)
        }
        rounds = max(rounds, record.rounds.value)
        items.append(
          AgreedItem(
            id: item.id.value, agreed: answer.value.map(Self.values), agreedLevel: agreedLevel, rounds: record.rounds.value,
            dissent: record.dissent, dissenters: dissenters))
      }
      areas.append(ConsensusAreaReview(questionnaire: questionnaire.id.value, items: items))
    }
    return ConsensusReview(summary: summary, areas: areas, rounds: rounds)
  }

  /// One respondent's own answers, rebuilt from the consensus blocks: the file as that
  /// respondent would have written it, so it scores exactly as their original did.
  static func originalAnswers(of label: String, in document: Document<AnswerSet>) -> Document<AnswerSet> {
    var copy = document
    copy.model.respondent.agency = label
    copy.model.respondent.role = nil
    copy.model.respondent.name = nil
    for index in copy.model.questionnaires.indices {
      copy.model.questionnaires[index].answers = copy.model.questionnaires[index].answers.compactMap { answer in
        guard let response = answer.consensus?.responses.first(where: { $0.respondent.value == label }) else { return nil }
        var original = answer
        original.value = response.value
        original.notes = response.notes
        original.evidence = []
        original.confidence = nil
        original.consensus = nil
        return original
      }
    }
    return copy
  }

  static func values(_ value: AnswerValue) -> [String] {
    switch value {
    case .single(let single): return [single.value]
    case .list(let list): return list.map(\.value)
    }
  }
}
