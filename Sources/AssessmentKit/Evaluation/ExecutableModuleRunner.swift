import EvaluatorProtocol

/// One executable module for a batch: started on first use, asked once per area, its output
/// checked, its failures turned into evaluator errors — never into findings or scores.
final class ExecutableModuleRunner {
  let manifest: EvaluatorManifest
  let path: String
  let toolkitVersion: String
  private var requests = 0
  private(set) var protocolVersion: Int?
  private(set) var log = ""

  init(manifest: EvaluatorManifest, path: String, toolkitVersion: String) {
    self.manifest = manifest
    self.path = path
    self.toolkitVersion = toolkitVersion
  }

  func evaluate(area: AreaResult, respondent: Respondent, language: String, questionnaire: Questionnaire) -> Result<[Finding], ModuleFailure> {
    .failure(ModuleFailure(message: "module \(manifest.id.value): executable modules are not supported by this build"))
  }

  func finish() {}
}
