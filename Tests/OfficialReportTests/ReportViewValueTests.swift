import Foundation
import Testing
import DocFill
@testable import OfficialReport

/// `templateValue()` builds the views' values by hand: they must be what `ValueEncoder` makes
/// of `templateData()`, for every sample and for a report with the optional parts left out.
@Suite struct ReportViewValueTests {
    static let samples = ["pho-hoa-2023.yaml", "ubnd-pho-hoa-2025.yaml", "pho-hoa-2024.yaml"]

    @Test(arguments: samples)
    func samplesMatchTheEncoder(_ name: String) throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/\(name)").path
        let report = try Report.from(try DataLoader.load(contentsOf: path))
        #expect(try report.templateValue() == (try ValueEncoder().encode(report.templateData())))
    }

    @Test func minimalReportsMatchTheEncoder() throws {
        for report in [Fixture.minimalParty(), Fixture.minimalState()] {
            #expect(try report.templateValue() == (try ValueEncoder().encode(report.templateData())))
        }
    }

    @Test func textIsNFC() throws {
        var report = Fixture.minimalParty()
        report.subject = "Cafe\u{301}"    // decomposed, as a program might build it
        let subject = try report.templateValue()["subject"]
        #expect(subject.map { Array($0.scalarText!.unicodeScalars) } == Array("Caf\u{E9}".unicodeScalars))
    }
}
