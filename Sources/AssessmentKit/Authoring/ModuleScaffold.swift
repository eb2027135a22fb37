/// The files of a new evaluator module that works as generated: a manifest, for an executable
/// module a small Python program using only the standard library, and a content test.
public enum ModuleScaffold {
  public struct File: Hashable, Sendable {
    /// Relative to the module folder.
    public var path: String
    public var contents: String
    public var executable: Bool
  }

  /// - Parameters:
  ///   - id: the module id (`org.partner.my-rules`), which is also the folder name.
  ///   - questionnaire: the questionnaire it applies to; its first choice item with a deficient
  ///     option gives the example rule.
  public static func files(id: String, kind: EvaluatorManifest.Kind, questionnaire: Questionnaire) -> [File] {
    let example = exampleItem(in: questionnaire)
    let version = questionnaire.parsedVersion.map { "^\($0.major).\($0.minor).0" } ?? questionnaire.version.value
    var manifest = """
      # yaml-language-server: $schema=../../Schemas/evaluator.schema.json
      schema: assess/evaluator@1
      id: \(id)
      version: 0.1.0
      title: \(id) (describe what this module checks)
      kind: \(kind.rawValue)
      applies_to:
        - questionnaire: \(questionnaire.id.value)
          versions: "\(version)"

      """
    switch kind {
    case .rules:
      manifest += """
        rules:
          - id: R01
            title: \(example.item) is answered deficient
            when: "${\(example.item)} = '\(example.option)'"
            severity: high
            items: [\(example.item)]
            finding:
              summary: Say what is wrong, in one sentence a ministry can act on.
              why: Say why it matters for migrants' safety and for the State's obligations.
            recommendation:
              title: Say what to do, as a title for the action plan
              actions:
                - A concrete action, with who adopts what
              actors: [ministries]
              horizon: short
              component: legislation-operations

        """
    case .executable:
      manifest += """
        program: [bin/evaluate.py]
        protocol: [1]
        limits:
          start_timeout_seconds: 10
          request_timeout_seconds: 30

        """
    }
    var files = [File(path: "evaluator.yaml", contents: manifest, executable: false)]
    if kind == .executable {
      files.append(File(path: "bin/evaluate.py", contents: python(id: id, example: example), executable: true))
    }
    files.append(
      File(
        path: "tests/example.yaml",
        contents: """
          # yaml-language-server: $schema=../../../Schemas/module-test.schema.json
          schema: assess/module-test@1
          description: The example answers give \(example.item) the deficient answer, so R01 fires.
          answers: example.answers.yaml
          expect_findings: [R01]

          """, executable: false))
    files.append(
      File(
        path: "tests/example.answers.yaml",
        contents: """
          # yaml-language-server: $schema=../../../Schemas/answers.schema.json
          schema: assess/answers@1
          respondent:
            country: Testland
            round: module-test
          questionnaires:
            - id: \(questionnaire.id.value)
              version: \(questionnaire.version.value)
              answers:
                \(example.item): "\(example.option)"

          """, executable: false))
    return files
  }

  private static func exampleItem(in questionnaire: Questionnaire) -> (item: String, option: String) {
    for item in questionnaire.items where item.kind == .choice && item.relevant == nil {
      if let scale = item.scale.flatMap({ questionnaire.scale($0.value) }), let option = scale.options.first(where: \.deficient) ?? scale.scoredOptions.min(by: { ($0.score?.value ?? 0) < ($1.score?.value ?? 0) }) {
        return (item.id.value, option.value.value)
      }
    }
    return (questionnaire.items.first?.id.value ?? "ITEM", "no")
  }

  private static func python(id: String, example: (item: String, option: String)) -> String {
    """
    #!/usr/bin/env python3
    # \(id): an executable evaluator module speaking the assess evaluator protocol, version 1
    # (Docs/evaluator-protocol.md). Standard library only. stdout carries protocol messages only;
    # write logs to stderr.
    import json
    import struct
    import sys

    MODULE = {"id": "\(id)", "version": "0.1.0"}
    SPEAKS = [1]


    def read_message():
        header = sys.stdin.buffer.read(8)
        if len(header) < 8:
            return None
        (length,) = struct.unpack("<Q", header)
        return json.loads(sys.stdin.buffer.read(length).decode("utf-8"))


    def send(message):
        payload = json.dumps(message, ensure_ascii=False).encode("utf-8")
        sys.stdout.buffer.write(struct.pack("<Q", len(payload)) + payload)
        sys.stdout.buffer.flush()


    def evaluate(request):
        findings = []
        for item in request["items"]:
            if item["id"] == "\(example.item)" and item.get("value") == "\(example.option)":
                findings.append({
                    "id": "R01",
                    "title": "\(example.item) is answered deficient",
                    "severity": "high",
                    "items": [item["id"]],
                    "summary": "Say what is wrong, in one sentence a ministry can act on.",
                    "why": "Say why it matters for migrants' safety and for the State's obligations.",
                    "recommendation": {
                        "title": "Say what to do, as a title for the action plan",
                        "actions": ["A concrete action, with who adopts what"],
                        "actors": ["ministries"],
                        "horizon": "short",
                        "component": "legislation-operations",
                        "references": [],
                    },
                })
        return findings


    def main():
        while True:
            try:
                message = read_message()
            except (ValueError, UnicodeDecodeError) as error:
                print(f"unreadable message: {error}", file=sys.stderr)
                return 2
            if message is None or "shutdown" in message:
                return 0
            if "hello" in message:
                common = [v for v in message["hello"]["protocolVersions"] if v in SPEAKS]
                if not common:
                    send({"helloError": {"message": "this module speaks protocol 1", "supportedVersions": SPEAKS}})
                    return 0
                send({"helloResult": {"protocolVersion": max(common), "module": MODULE}})
            elif "evaluate" in message:
                request = message["evaluate"]
                try:
                    send({"evaluateResult": {"requestId": request["requestId"], "findings": evaluate(request)}})
                except Exception as error:  # a content problem: say so and carry on
                    send({"evaluateError": {"requestId": request["requestId"], "message": str(error)}})


    if __name__ == "__main__":
        sys.exit(main())

    """
  }
}
