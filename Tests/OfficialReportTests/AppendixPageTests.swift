import Foundation
import Testing
@testable import OfficialReport
import DocFill

/// Which page an appendix takes (issue 19, item 7): portrait when its table fits the portrait
/// text width and takes no more pages there, else landscape; its widths fill that page's text.
struct AppendixPageTests {
    static func load(_ name: String) throws -> Report {
        let path = Fixture.repoRoot.appendingPathComponent("Samples/\(name).yaml").path
        return try Report.from(try DataLoader.load(contentsOf: path), file: path)
    }

    /// The State sample's four-column Phụ lục I: portrait, 12 pt, widths adding up to 16.5 cm.
    @Test func aNarrowTableTakesAPortraitPage() throws {
        let measure = AppendixMeasure(try Self.load("ubnd-pho-hoa-2025").appendices[0])
        #expect(!measure.landscape && measure.fontSize == 12 && !measure.verticalHeaders)
        #expect(abs(measure.widths.reduce(0, +) - AppendixMeasure.portraitWidth) < 1e-9, "\(measure.widths)")
    }

    /// The Party sample's Phụ lục 1: its words fit across the portrait width at 12 pt, but its
    /// long texts wrap into more lines than the taller page holds (LibreOffice prints it on 2
    /// landscape pages or 3 portrait ones): landscape, widths adding up to 25.2 cm. Phụ lục 2's
    /// 28 columns do not fit portrait at all.
    @Test func aTableThatWouldTakeMorePortraitPagesTakesALandscapeOne() throws {
        let party = try Self.load("pho-hoa-2023")
        let one = party.appendices[0]
        let columns = AppendixMeasure.columns(one).map(AppendixMeasure.MeasuredColumn.init)
        #expect(AppendixMeasure.minimum(columns, 12, headers: true).reduce(0, +) <= AppendixMeasure.portraitWidth)
        let portrait = AppendixMeasure.Layout(one, columns, size: 12, page: AppendixMeasure.portraitWidth, vertical: false)
        let wide = AppendixMeasure.Layout(one, columns, size: 12, page: AppendixMeasure.landscapeWidth, vertical: false)
        #expect(portrait.pages > wide.pages && portrait.pages.rounded(.up) > wide.pages.rounded(.up), "\(portrait.pages) vs \(wide.pages)")
        let measure = AppendixMeasure(one)
        #expect(measure.landscape && measure.fontSize == 12)
        #expect(abs(measure.widths.reduce(0, +) - AppendixMeasure.landscapeWidth) < 1e-9, "\(measure.widths)")
        #expect(party.appendices.map { AppendixMeasure($0).landscape } == [true, true, false, true, true, false])
    }
}
