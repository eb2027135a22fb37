import EvaluatorProtocol
import Foundation

/// The protocol checks every executable module must pass: it introduces itself, refuses a
/// protocol it does not speak, answers a real request with valid output within its time limit,
/// survives a malformed request without hanging, and exits when told to.
enum ConformanceKit {
  static func run(
    document: Document<EvaluatorManifest>, questionnaires: [CompiledQuestionnaire], toolkitVersion: String
  ) -> [ModuleCheckReport.Check] {
    let manifest = document.model
    var checks: [ModuleCheckReport.Check] = []
    let session = ExecutableModuleSession(manifest: manifest, manifestPath: document.path, toolkitVersion: toolkitVersion)
    do {
      try session.start()
      checks.append(
        .init(name: "handshake", passed: true, detail: "speaks protocol \(session.protocolVersion.map(String.init) ?? "?") as \(manifest.id.value)"))
    } catch {
      checks.append(.init(name: "handshake", passed: false, detail: error.message))
      return checks
    }
    if let questionnaire = questionnaires.first {
      let request = sampleRequest(for: questionnaire)
      switch session.evaluate(request) {
      case .success(let result):
        let problems = session.validate(result, for: request)
        checks.append(
          .init(
            name: "answers a request within \(Formula.number(session.requestTimeout)) s with valid output", passed: problems.isEmpty,
            detail: problems.isEmpty ? "\(result.findings.count) finding(s)" : problems.joined(separator: "; ")))
      case .failure(let failure):
        checks.append(.init(name: "answers a request within \(Formula.number(session.requestTimeout)) s with valid output", passed: false, detail: failure.message))
      }
    }
    session.shutdown()
    checks.append(
      .init(name: "exits when told to", passed: !session.isRunning, detail: session.isRunning ? "still running 2 s after `shutdown`" : "exited"))

    let refusal = ExecutableModuleSession(
      manifest: manifest, manifestPath: document.path, toolkitVersion: toolkitVersion, offeredVersions: [99])
    do {
      try refusal.start()
      checks.append(.init(name: "refuses a protocol it does not speak", passed: false, detail: "accepted protocol 99"))
      refusal.shutdown()
    } catch {
      checks.append(
        .init(
          name: "refuses a protocol it does not speak", passed: error.kind == .noCommonVersion,
          detail: error.kind == .noCommonVersion ? "answered helloError" : error.message))
    }

    let malformed = ExecutableModuleSession(manifest: manifest, manifestPath: document.path, toolkitVersion: toolkitVersion)
    do {
      try malformed.start()
      let outcome = malformed.sendMalformedRequest()
      checks.append(
        .init(name: "survives a malformed request", passed: outcome.passed, detail: outcome.detail))
      malformed.shutdown()
    } catch {
      checks.append(.init(name: "survives a malformed request", passed: false, detail: error.message))
    }
    return checks
  }

  /// A request over a questionnaire with nothing answered: every module must cope with it.
  static func sampleRequest(for compiled: CompiledQuestionnaire) -> EvaluateRequest {
    let environment = AnswerEnvironment(compiled, answers: nil)
    let area = ScoringEngine.score(environment, answers: nil, language: compiled.questionnaire.defaultLanguage.value)
    let respondent = Respondent(country: "Conformance test")
    return ExecutableModuleRunner.request(
      id: "conformance-1", area: area, respondent: respondent, language: compiled.questionnaire.defaultLanguage.value,
      questionnaire: compiled.questionnaire)
  }
}
