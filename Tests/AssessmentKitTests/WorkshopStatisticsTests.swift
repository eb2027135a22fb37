import AssessmentKit
import Testing

/// The statistics behind `assess workshop`, worked by hand: Hyndman–Fan quantiles (definition 6)
/// and the Tastle–Wierman agreement on the 0–4 level scale.
@Suite("Workshop: statistics")
struct WorkshopStatisticsTests {
  static func histogram(_ values: [Double]) -> Histogram {
    var histogram = Histogram()
    for value in values { histogram.add(value) }
    return histogram
  }

  struct QuantileCase: Sendable, CustomTestStringConvertible {
    var values: [Double]
    var lower: Double
    var median: Double
    var upper: Double
    var testDescription: String { "\(values)" }
  }

  @Test(
    "quartiles are taken at (n + 1)·p, interpolated, clamped to the extremes",
    arguments: [
      // n = 3: positions 1, 2, 3, so one dissenting respondent widens the IQR to the full range.
      QuantileCase(values: [3, 1, 2], lower: 1, median: 2, upper: 3),
      QuantileCase(values: [1, 1, 3], lower: 1, median: 1, upper: 3),
      // n = 5: positions 1.5, 3, 4.5.
      QuantileCase(values: [0, 1, 2, 3, 4], lower: 0.5, median: 2, upper: 3.5),
      // n = 4: positions 1.25, 2.5, 3.75.
      QuantileCase(values: [2, 2, 2, 4], lower: 2, median: 2, upper: 3.5),
      QuantileCase(values: [2], lower: 2, median: 2, upper: 2),
    ])
  func quartiles(_ testCase: QuantileCase) {
    let histogram = Self.histogram(testCase.values)
    #expect(histogram.quantile(0.25) == testCase.lower)
    #expect(histogram.median == testCase.median)
    #expect(histogram.quantile(0.75) == testCase.upper)
  }

  @Test("an empty histogram has no quantiles and no agreement")
  func empty() {
    let histogram = Histogram()
    #expect(histogram.median == nil)
    #expect(histogram.agreement(width: 4) == nil)
    #expect(Spread(histogram) == nil)
  }

  @Test("agreement is 1 when all agree, 0 when split between the extremes, 1/3 for yes, partial, no")
  func agreement() throws {
    #expect(Self.histogram([2, 2, 2]).agreement(width: 4) == 1)
    #expect(Self.histogram([0, 4]).agreement(width: 4) == 0)
    #expect(Self.histogram([0, 0, 4, 4]).agreement(width: 4) == 0)
    // μ = 2; two answers 2 levels away: 1 + 2/3 · log₂(1 − 2/4) = 1 − 2/3.
    let split = try #require(Self.histogram([4, 2, 0]).agreement(width: 4))
    #expect(abs(split - 1.0 / 3) < 1e-12)
    // Closer answers agree more.
    let close = try #require(Self.histogram([3, 2, 1]).agreement(width: 4))
    #expect(close > split && close < 1)
  }

  @Test("a histogram holds each distinct value once, whatever the number of answers")
  func compact() {
    var histogram = Histogram()
    for index in 0..<10_000 { histogram.add(Double(index % 5)) }
    #expect(histogram.counts.count == 5)
    #expect(histogram.total == 10_000)
    #expect(histogram.median == 2)
  }
}
