/// Answers being written: by the interactive session, by an import, by a template. Plain
/// values with no file positions, turned into an answers file by ``AnswersYAML``.
public struct AnswersDraft: Hashable, Sendable {
  public var respondent: RespondentDraft
  public var blocks: [Block]

  public init(respondent: RespondentDraft = RespondentDraft(), blocks: [Block] = []) {
    self.respondent = respondent
    self.blocks = blocks
  }

  /// Who answered; `country` is required once the file is written.
  public struct RespondentDraft: Hashable, Sendable {
    public var country: String?
    public var agency: String?
    public var role: String?
    public var name: String?
    public var date: String?
    public var round: String?
    public var language: String?

    public init(
      country: String? = nil, agency: String? = nil, role: String? = nil, name: String? = nil, date: String? = nil,
      round: String? = nil, language: String? = nil
    ) {
      self.country = country
      self.agency = agency
      self.role = role
      self.name = name
      self.date = date
      self.round = round
      self.language = language
    }
  }

  /// The answers to one questionnaire, in the order they are written.
  public struct Block: Hashable, Sendable {
    public var questionnaireID: String
    public var version: String
    public var profile: String?
    public var entries: [Entry]

    public init(questionnaireID: String, version: String, profile: String? = nil, entries: [Entry] = []) {
      self.questionnaireID = questionnaireID
      self.version = version
      self.profile = profile
      self.entries = entries
    }

    public func entry(_ itemID: String) -> Entry? { entries.first { $0.itemID == itemID } }

    /// Changes the entry of an item, creating it (at the end) when there is none yet; an
    /// entry left with nothing in it is removed.
    public mutating func update(_ itemID: String, _ change: (inout Entry) -> Void) {
      var entry = entry(itemID) ?? Entry(itemID: itemID)
      change(&entry)
      if let index = entries.firstIndex(where: { $0.itemID == itemID }) {
        if entry.isEmpty { entries.remove(at: index) } else { entries[index] = entry }
      } else if !entry.isEmpty {
        entries.append(entry)
      }
    }
  }

  /// One item's answer: a value (nil while unanswered), notes, evidence and confidence.
  public struct Entry: Hashable, Sendable {
    public var itemID: String
    public var value: Value?
    public var notes: String?
    public var evidence: [String]
    public var confidence: String?

    public init(itemID: String, value: Value? = nil, notes: String? = nil, evidence: [String] = [], confidence: String? = nil) {
      self.itemID = itemID
      self.value = value
      self.notes = notes
      self.evidence = evidence
      self.confidence = confidence
    }

    public var isEmpty: Bool { value == nil && notes == nil && evidence.isEmpty && confidence == nil }
  }

  /// A single value (choice, number, text, date) or the options chosen for a multi item.
  public enum Value: Hashable, Sendable {
    case single(String)
    case list([String])

    public var options: [String] {
      switch self {
      case .single(let value): return [value]
      case .list(let values): return values
      }
    }
  }

  public func block(_ questionnaireID: String) -> Block? { blocks.first { $0.questionnaireID == questionnaireID } }

  public mutating func updateBlock(_ questionnaireID: String, _ change: (inout Block) -> Void) {
    guard let index = blocks.firstIndex(where: { $0.questionnaireID == questionnaireID }) else { return }
    change(&blocks[index])
  }
}

extension AnswersDraft {
  /// The draft of an answers file read from disk, so a session can resume it.
  public init(_ set: AnswerSet) {
    let person = set.respondent
    respondent = RespondentDraft(
      country: person.country, agency: person.agency, role: person.role, name: person.name, date: person.date?.value,
      round: person.round, language: person.language?.value)
    blocks = set.questionnaires.map { block in
      Block(
        questionnaireID: block.questionnaireID.value, version: block.version.value, profile: block.profile?.value,
        entries: block.answers.map { answer in
          let value: Value? =
            switch answer.value {
            case .single(let text)?: .single(text.value)
            case .list(let texts)?: .list(texts.map(\.value))
            case nil: nil
            }
          return Entry(
            itemID: answer.itemID.value, value: value, notes: answer.notes, evidence: answer.evidence,
            confidence: answer.confidence?.rawValue)
        })
    }
  }

  /// The questionnaire answers as the expression engine reads them, for live relevance.
  func questionnaireAnswers(_ questionnaireID: String, file: String) -> QuestionnaireAnswers? {
    guard let block = block(questionnaireID) else { return nil }
    let here = SourceLocation.start(of: file)
    return QuestionnaireAnswers(
      questionnaireID: Located(block.questionnaireID, at: here), version: Located(block.version, at: here),
      profile: block.profile.map { Located($0, at: here) },
      answers: block.entries.map { entry in
        let value: AnswerValue? =
          switch entry.value {
          case .single(let text)?: .single(Located(text, at: here))
          case .list(let texts)?: .list(texts.map { Located($0, at: here) })
          case nil: nil
          }
        return Answer(itemID: Located(entry.itemID, at: here), value: value, notes: entry.notes, evidence: entry.evidence, at: here)
      }, at: here)
  }
}

extension QuestionnaireAnswers {
  init(questionnaireID: Located<String>, version: Located<String>, profile: Located<String>?, answers: [Answer], at location: SourceLocation) {
    self.questionnaireID = questionnaireID
    self.version = version
    self.profile = profile
    self.answers = answers
    self.location = location
  }
}

extension Answer {
  init(itemID: Located<String>, value: AnswerValue?, notes: String?, evidence: [String], at location: SourceLocation) {
    self.itemID = itemID
    self.value = value
    self.notes = notes
    self.evidence = evidence
    confidence = nil
    self.location = location
  }
}
