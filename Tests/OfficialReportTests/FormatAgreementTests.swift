import DocFill
import Foundation
import Testing
@testable import OfficialReport

/// The same value prints the same through a template filter and through the report model:
/// both format with `VietnameseFormat` (they used to disagree on ordinals past 10, on
/// `DD/MM/YYYY` dates and on rounding).
@Suite struct FormatAgreementTests {
    /// What `{{ x | <filter> }}` renders for `x`.
    private func filtered(_ x: Value, _ filter: String) throws -> String {
        try TextTemplate("{{ x | \(filter) }}").render(.object(["x": x]))
    }

    @Test(arguments: [1, 2, 4, 5, 10, 11, 14, 15, 21, 24, 25, 55, 99, 100])
    func ordinals(_ n: Int) throws {
        #expect(try filtered(.int(n), "ordinal") == ReportFormat.ordinalWords(n))
        #expect(try filtered(.int(n), "roman") == ReportFormat.roman(n))
    }

    /// Rounding: half away from zero on the digits as written (1.005 → 1,01), both ways.
    @Test(arguments: [(1.005, 2), (2.675, 2), (0.125, 2), (1626.45, 1), (14490.0, 0), (-2.5, 0),
                      (1234567.891, 2), (99.94, 1), (0.1 + 0.2, 1), (33.333333, 3)])
    func numbers(_ value: Double, _ decimals: Int) throws {
        let model = VietnameseNumber.format(value, decimals: decimals)
        #expect(try filtered(.double(value), "number:\(decimals)") == model)
    }

    /// The model drops trailing zero decimals (`90%`) where the filter keeps the places asked
    /// for (`90,00%`): these ratios round to a last place that is not zero.
    @Test(arguments: [(1.0, 3.0), (2.0, 3.0), (1.0, 7.0), (5.0, 6.0), (12345.0, 7.0)])
    func percentages(_ part: Double, _ whole: Double) throws {
        let p = try #require(ReportPercent.of(part, whole))
        #expect(try filtered(.double(p), "percent:2") == ReportPercent.text(part, of: whole, decimals: 2))
    }

    @Test(arguments: ["2024-02-05", "2023-08-15", "05/02/2024", "15/8/2023", "29/02/2024", "2023-12-31"])
    func dates(_ text: String) throws {
        let date = try #require(ReportDate(iso: text))
        #expect(try filtered(.string(text), "date") == date.longText)
        #expect(try filtered(.string(text), "year") == date.yearText)
    }
}
