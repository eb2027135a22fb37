import Foundation

/// Runs the whole pipeline for answers files: score each area, run every module that applies,
/// merge and prioritise the recommendations, build the action plan.
///
/// Make one runner for a batch and call ``finish()`` at the end: rules are prepared once and an
/// executable module's process serves every answers file of the batch.
public final class AssessmentRunner {
  public let toolkitVersion: String
  private let questionnaires: [CompiledQuestionnaire]
  private let modules: [Catalog.Entry<EvaluatorManifest>]
  private var rules: [String: RulesEvaluator] = [:]
  private var executables: [String: ExecutableModuleRunner] = [:]
  private var hashes: [String: String] = [:]

  public init(questionnaires: [CompiledQuestionnaire], modules: [Catalog.Entry<EvaluatorManifest>], toolkitVersion: String) {
    self.questionnaires = questionnaires
    self.modules = modules
    self.toolkitVersion = toolkitVersion
  }

  /// The questionnaire answers were written for: that version, else the newest of the same
  /// major version; nil when none is known.
  public func questionnaire(for block: QuestionnaireAnswers) -> CompiledQuestionnaire? {
    CompiledQuestionnaire.match(questionnaires.filter { $0.questionnaire.id.value == block.questionnaireID.value }, version: block.version.value)
  }


  public func assess(_ document: Document<AnswerSet>) -> AssessmentResult {
    for runner in executables.values { runner.beginFile() }
    let answers = document.model
    var areas: [AreaResult] = []
    var findings: [Finding] = []
    var runs: [String: ModuleRun] = [:]
    var runOrder: [String] = []
    var language = answers.respondent.language?.value
    // Every area is scored before any module runs, so a rule across areas sees them all.
    var scored: [(compiled: CompiledQuestionnaire, environment: AnswerEnvironment, area: AreaResult, language: String)] = []
    for block in answers.questionnaires {
      guard let compiled = questionnaire(for: block) else { continue }
      let areaLanguage = language ?? compiled.questionnaire.defaultLanguage.value
      language = areaLanguage
      let environment = AnswerEnvironment(compiled, answers: block)
      let area = ScoringEngine.score(environment, answers: block, language: areaLanguage)
      areas.append(area)
      scored.append((compiled, environment, area, areaLanguage))
    }
    let answered = Dictionary(
      scored.map { ($0.compiled.questionnaire.id.value, ($0.compiled, $0.environment, $0.area)) }, uniquingKeysWith: { first, _ in first })
    for (compiled, environment, area, areaLanguage) in scored {
      let questionnaire = compiled.questionnaire
      for entry in modules where entry.document.model.applies(to: questionnaire.id.value, version: questionnaire.parsedVersion) {
        let manifest = entry.document.model
        let key = manifest.id.value
        if runs[key] == nil {
          runOrder.append(key)
          runs[key] = ModuleRun(
            id: key, version: manifest.version.value, kind: manifest.kind, origin: entry.origin, manifest: entry.document.path,
            sha256: hash(of: entry.document), protocolVersion: nil, questionnaires: [], status: .ok, findings: 0, error: nil, log: nil)
        }
        runs[key]?.questionnaires.append(questionnaire.id.value)
        let outcome: Result<[Finding], ModuleFailure>
        switch manifest.kind {
        case .rules:
          outcome = runRules(manifest, compiled: compiled, environment: environment, area: area, language: areaLanguage, answered: answered)
        case .executable:
          let runner = executable(for: entry)
          outcome = runner.evaluate(area: area, respondent: answers.respondent, language: areaLanguage, questionnaire: questionnaire)
          runs[key]?.protocolVersion = runner.protocolVersion
          runs[key]?.log = runner.log.isEmpty ? nil : runner.log
        }
        switch outcome {
        case .success(let found):
          findings += found
          runs[key]?.findings += found.count
        case .failure(let failure):
          runs[key]?.status = .failed
          let earlier = runs[key]?.error
          runs[key]?.error = [earlier, failure.message].compactMap { $0 }.joined(separator: "; ")
        }
      }
    }
    let recommendations = PriorityFormula.recommendations(for: findings, areas: areas)
    let respondent = answers.respondent
    return AssessmentResult(
      toolkitVersion: toolkitVersion, source: document.path,
      respondent: RespondentResult(
        country: respondent.country, agency: respondent.agency, role: respondent.role, date: respondent.date?.value,
        round: respondent.round),
      language: language ?? "en", areas: areas, findings: findings, recommendations: recommendations,
      actionPlan: ActionPlan(recommendations, actorNames: actorNames(language: language ?? "en")),
      modules: runOrder.compactMap { runs[$0] })
  }

  /// The names modules give the actors they declare.
  private func actorNames(language: String) -> [String: String] {
    var names: [String: String] = [:]
    for entry in modules {
      let manifest = entry.document.model
      for actor in manifest.actors {
        names[actor.id.value] = actor.title?.resolved(in: language, defaultLanguage: manifest.defaultLanguage.value)
      }
    }
    return names
  }

  /// Ends every module process the batch started.
  public func finish() {
    for runner in executables.values { runner.finish() }
    executables.removeAll()
  }

  deinit {
    for runner in executables.values { runner.finish() }
  }

  private func runRules(
    _ manifest: EvaluatorManifest, compiled: CompiledQuestionnaire, environment: AnswerEnvironment, area: AreaResult, language: String,
    answered: [String: (CompiledQuestionnaire, AnswerEnvironment, AreaResult)]
  ) -> Result<[Finding], ModuleFailure> {
    // The other questionnaires the module applies to: the versions these answers were read
    // against, else the newest known, so conditions check the same way for every file.
    let home = compiled.questionnaire.id.value
    let peerIDs = manifest.appliesTo.map(\.questionnaire.value).filter { $0 != home }
    let peers = peerIDs.reduce(into: [CompiledQuestionnaire]()) { found, id in
      guard !found.contains(where: { $0.questionnaire.id.value == id }) else { return }
      if let (peer, _, _) = answered[id] {
        found.append(peer)
      } else if let newest = questionnaires.filter({ $0.questionnaire.id.value == id }).max(by: { Self.older($0, $1) }) {
        found.append(newest)
      }
    }
    let key = ([manifest.id.value, home, compiled.questionnaire.version.value] + peers.map { "\($0.questionnaire.id.value)@\($0.questionnaire.version.value)" })
      .joined(separator: "\u{0}")
    let evaluator = rules[key] ?? RulesEvaluator(manifest: manifest, questionnaire: compiled, peers: peers)
    rules[key] = evaluator
    if let problem = evaluator.problem {
      return .failure(ModuleFailure(message: "module \(manifest.id.value): its rules do not check against \(home): \(problem)"))
    }
    let peerAnswers = answered.filter { peerIDs.contains($0.key) }.mapValues { ($0.1, $0.2) }
    return .success(evaluator.evaluate(environment, area: area, language: language, peers: peerAnswers))
  }

  private static func older(_ left: CompiledQuestionnaire, _ right: CompiledQuestionnaire) -> Bool {
    let zero = SemanticVersion(major: 0, minor: 0, patch: 0)
    return (left.questionnaire.parsedVersion ?? zero) < (right.questionnaire.parsedVersion ?? zero)
  }

  private func executable(for entry: Catalog.Entry<EvaluatorManifest>) -> ExecutableModuleRunner {
    let key = entry.document.model.id.value
    if let runner = executables[key] { return runner }
    let runner = ExecutableModuleRunner(manifest: entry.document.model, path: entry.document.path, toolkitVersion: toolkitVersion)
    executables[key] = runner
    return runner
  }

  /// The SHA-256 of the manifest, followed by the program for an executable module.
  private func hash(of document: Document<EvaluatorManifest>) -> String {
    if let known = hashes[document.path] { return known }
    var bytes = FileManager.default.contents(atPath: document.path).map { [UInt8]($0) } ?? []
    if document.model.kind == .executable, let program = document.model.program.first?.value {
      let folder = (document.path as NSString).deletingLastPathComponent
      bytes += FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(program)).map { [UInt8]($0) } ?? []
    }
    let digest = SHA256.hex(of: bytes)
    hashes[document.path] = digest
    return digest
  }
}

/// Why a module's findings are missing from a result.
public struct ModuleFailure: Error, Hashable, Sendable {
  public var message: String
}
