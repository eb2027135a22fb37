// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "assess",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "assess", targets: ["assess"]),
    .executable(name: "assess-benchmark", targets: ["assess-benchmark"]),
    .library(name: "AssessmentKit", targets: ["AssessmentKit"]),
    .library(name: "AssessmentReports", targets: ["AssessmentReports"]),
    .library(name: "EvaluatorProtocol", targets: ["EvaluatorProtocol"]),
    .library(name: "EvaluatorKit", targets: ["EvaluatorKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    .target(name: "EvaluatorProtocol"),
    .target(name: "EvaluatorKit", dependencies: ["EvaluatorProtocol"]),
    .target(
      name: "AssessmentKit",
      dependencies: ["EvaluatorProtocol", .product(name: "Yams", package: "Yams")]
    ),
    .target(
      name: "AssessmentReports",
      dependencies: ["AssessmentKit", "EvaluatorProtocol", .product(name: "Mustache", package: "swift-mustache")],
      // The default report templates: `--template DIR` overrides any of them by file name.
      resources: [.copy("Templates")]
    ),
    // The example executable module: built here, run through Plugins/org.example.gap-ranker/bin/gap-ranker.
    .executableTarget(
      name: "gap-ranker-evaluator",
      dependencies: ["EvaluatorKit"],
      path: "Plugins/org.example.gap-ranker/Sources"
    ),
    .executableTarget(
      name: "assess",
      dependencies: [
        "AssessmentKit",
        "AssessmentReports",
        "EvaluatorProtocol",
        // Not linked: built alongside, so `swift run assess` finds the shipped example module ready.
        "gap-ranker-evaluator",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `swift run -c release assess-benchmark`: Docs/performance.md.
    .executableTarget(
      name: "assess-benchmark",
      dependencies: [
        "AssessmentKit",
        "AssessmentReports",
        // Not linked: built alongside, for the executable-module measurement and the demo split.
        "gap-ranker-evaluator",
        "assess",
        .product(name: "Yams", package: "Yams"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Benchmarks/AssessBenchmark"
    ),
    .testTarget(
      name: "AssessmentKitTests",
      dependencies: ["AssessmentKit", "AssessmentReports", "EvaluatorProtocol"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "EvaluatorHostTests",
      dependencies: ["AssessmentKit", "EvaluatorProtocol"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "AssessCLITests",
      dependencies: ["assess"],
      exclude: ["Fixtures"],
      resources: [.copy("Golden")]
    ),
  ]
)

for target in package.targets {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("ExistentialAny"))
  settings.append(.enableUpcomingFeature("MemberImportVisibility"))
  target.swiftSettings = settings
}
