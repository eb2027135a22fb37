import AssessmentKit
import Foundation

/// Writes synthetic respondents' answers files over the shipped questionnaires: every item a
/// respondent is asked gets a valid answer (an option of its scale, a number within its
/// limits, a date, some text), some come with notes and evidence, a few are "not applicable" or
/// "don't know". File `n` depends only on `n` and the seed, so the workloads repeat exactly.
struct WorkloadGenerator {
  static let countries = ["Examplia", "Norland", "Sudoria", "Westmark", "Lakeshire"]
  static let agencies = [
    "Border Police", "Ministry of Interior", "Child Protection Agency", "Prison Service", "Strategy Coordination Unit",
    "Coast Guard", "Asylum Office", "Labour Inspectorate",
  ]
  static let noteSentences = [
    "The instruction is applied at the main crossing points but rarely elsewhere.",
    "Figures come from the 2025 annual report and were checked with the regional offices.",
    "A draft amendment is before parliament; no date has been set for the vote.",
    "Training reached about half of the staff concerned last year.",
    "Civil society reports describe a different practice in remote districts.",
    "The procedure exists on paper; monitoring data are not collected.",
  ]

  let questionnaires: [CompiledQuestionnaire]
  let seed: UInt64
  /// A workshop: every respondent of one country answers the same questionnaire, as
  /// `assess workshop` requires.
  let workshop: Bool

  init(questionnaires: [CompiledQuestionnaire], seed: UInt64 = 20_260_314, workshop: Bool = false) {
    let sorted = questionnaires.sorted { $0.questionnaire.id.value < $1.questionnaire.id.value }
    self.questionnaires = workshop ? Array(sorted.filter { $0.questionnaire.id.value == "border-management" }.prefix(1)) : sorted
    self.seed = seed
    self.workshop = workshop
  }

  /// The name of respondent `index`'s file.
  static func fileName(_ index: Int) -> String {
    let digits = String(index)
    return "respondent-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".answers.yaml"
  }

  /// Writes respondents `0..<count` into `folder`, using every core; returns the paths in order.
  func write(count: Int, into folder: String) throws -> [String] {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let paths = (0..<count).map { folder + "/" + Self.fileName($0) }
    let failures = FailureList()
    DispatchQueue.concurrentPerform(iterations: count) { index in
      do {
        try Data(text(for: index).utf8).write(to: URL(fileURLWithPath: paths[index]))
      } catch {
        failures.add("\(paths[index]): \(error)")
      }
    }
    if let first = failures.first { throw BenchmarkError(first) }
    return paths
  }

  /// Respondent `index`'s answers, checked by the toolkit: an answer it would warn about or
  /// reject (an item not asked given the other answers, a broken constraint) is left out.
  func text(for index: Int) -> String {
    var generator = SeededGenerator(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
    var respondent = draw(index, using: &generator)
    for _ in 0..<4 {
      let text = render(&respondent)
      let outcome = DocumentLoader.load(SourceText(path: "generated.answers.yaml", text: text))
      guard case .answers(let document)? = outcome.document else { return text }
      let problems = outcome.diagnostics + AnswersValidator.validate(document, against: questionnaires)
      if problems.isEmpty { return text }
      let lines = Set(problems.map(\.location.line))
      for block in respondent.blocks.indices {
        respondent.blocks[block].answers.removeAll { lines.contains($0.line) }
      }
    }
    return render(&respondent)
  }

  // MARK: - Drawing answers

  struct Respondent {
    var country: String
    var agency: String
    var date: String
    var round: String
    var blocks: [Block]
  }

  struct Block {
    var questionnaire: CompiledQuestionnaire
    var profile: String?
    var answers: [Answer]
  }

  struct Answer {
    var item: String
    /// The YAML written after `ITEM: ` (short form) or after `value: ` (long form).
    var value: String
    var notes: String?
    var evidence: [String]
    var confidence: String?
    /// The line the value is written on, set by `render`.
    var line = 0
  }

  private func draw(_ index: Int, using generator: inout SeededGenerator) -> Respondent {
    // One respondent in ten answers every questionnaire (a national baseline); the others
    // answer their own area, and one in three a second area.
    var chosen: [CompiledQuestionnaire]
    if workshop {
      chosen = questionnaires
    } else if index % 10 == 0 {
      chosen = questionnaires
    } else {
      chosen = [questionnaires[index % questionnaires.count]]
      if generator.chance(1.0 / 3) {
        let other = questionnaires[(index / questionnaires.count + 1 + index) % questionnaires.count]
        if other.questionnaire.id.value != chosen[0].questionnaire.id.value { chosen.append(other) }
      }
    }
    let blocks = chosen.map { compiled -> Block in
      let questionnaire = compiled.questionnaire
      let profile = workshop || generator.chance(0.5) ? questionnaire.profiles.first?.id.value : nil
      let asked = questionnaire.itemIDs(in: profile.flatMap(questionnaire.profile))
      let answers = questionnaire.items.filter { $0.calculate == nil && asked.contains($0.id.value) }.compactMap {
        answer(for: $0, in: questionnaire, using: &generator)
      }
      return Block(questionnaire: compiled, profile: profile, answers: answers)
    }
    return Respondent(
      country: workshop ? Self.countries[0] : Self.countries[index % Self.countries.count], agency: Self.agencies[index % Self.agencies.count],
      date: "2026-\(String(format: "%02d", 1 + index % 12))-\(String(format: "%02d", 1 + index % 28))",
      round: workshop || index % 4 != 3 ? "baseline" : "follow-up-2027", blocks: blocks)
  }

  private func answer(for item: Item, in questionnaire: Questionnaire, using generator: inout SeededGenerator) -> Answer? {
    let options = item.scale.flatMap { questionnaire.scale($0.value) }?.options ?? []
    let special = options.filter { !$0.isScored }
    let scored = options.filter(\.isScored)
    let value: String
    if let pick = special.randomElement(using: &generator), generator.chance(0.05) {
      value = quoted(pick.value.value)
    } else {
      switch item.kind {
      case .choice:
        guard let pick = scored.randomElement(using: &generator) else { return nil }
        value = quoted(pick.value.value)
      case .multi:
        let picks = scored.filter { _ in generator.chance(0.5) }
        value = "[" + picks.map { quoted($0.value.value) }.joined(separator: ", ") + "]"
      case .number, .percent:
        let (low, high) = item.bounds
        let lower = low ?? 0
        let upper = max(lower, high ?? lower + 500)
        let drawn = Double.random(in: lower...upper, using: &generator)
        value = item.integer == false ? String(format: "%.1f", drawn) : String(Int(drawn.rounded(.down)))
      case .text:
        value = quoted(Self.noteSentences.randomElement(using: &generator)!)
      case .date:
        value = "\"2025-\(String(format: "%02d", Int.random(in: 1...12, using: &generator)))-15\""
      }
    }
    let long = generator.chance(0.2)
    return Answer(
      item: item.id.value, value: value,
      notes: long ? (0..<Int.random(in: 1...3, using: &generator)).map { _ in Self.noteSentences.randomElement(using: &generator)! }.joined(separator: " ") : nil,
      evidence: long && generator.chance(0.5) ? ["Annual report 2025, chapter \(Int.random(in: 1...9, using: &generator))"] : [],
      confidence: long ? ["low", "medium", "high"].randomElement(using: &generator) : nil)
  }

  private func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  // MARK: - Writing YAML

  /// The YAML text; notes the line of every answer's value in `respondent`.
  private func render(_ respondent: inout Respondent) -> String {
    var lines = [
      "# Synthetic respondent written by assess-benchmark; not real answers.",
      "schema: assess/answers@1",
      "respondent:",
      "  country: \(respondent.country)",
      "  agency: \(respondent.agency)",
      "  date: \"\(respondent.date)\"",
      "  round: \(respondent.round)",
      "  language: en",
      "questionnaires:",
    ]
    for blockIndex in respondent.blocks.indices {
      let block = respondent.blocks[blockIndex]
      lines.append("  - id: \(block.questionnaire.questionnaire.id.value)")
      lines.append("    version: \"\(block.questionnaire.questionnaire.version.value)\"")
      if let profile = block.profile { lines.append("    profile: \(profile)") }
      lines.append(block.answers.isEmpty ? "    answers: {}" : "    answers:")
      for answerIndex in block.answers.indices {
        let answer = block.answers[answerIndex]
        if answer.notes == nil && answer.evidence.isEmpty && answer.confidence == nil {
          lines.append("      \(answer.item): \(answer.value)")
          respondent.blocks[blockIndex].answers[answerIndex].line = lines.count
          continue
        }
        lines.append("      \(answer.item):")
        lines.append("        value: \(answer.value)")
        respondent.blocks[blockIndex].answers[answerIndex].line = lines.count
        if let notes = answer.notes {
          lines.append("        notes: >-")
          lines.append("          \(notes)")
        }
        if !answer.evidence.isEmpty {
          lines.append("        evidence:")
          lines += answer.evidence.map { "          - \"\($0)\"" }
        }
        if let confidence = answer.confidence { lines.append("        confidence: \(confidence)") }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// Errors met by concurrent workers, kept for the report.
final class FailureList: @unchecked Sendable {
  // `messages` is only touched with `lock` held.
  private let lock = NSLock()
  private var messages: [String] = []

  func add(_ message: String) {
    lock.lock()
    messages.append(message)
    lock.unlock()
  }

  var first: String? {
    lock.lock()
    defer { lock.unlock() }
    return messages.first
  }
}

struct BenchmarkError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
