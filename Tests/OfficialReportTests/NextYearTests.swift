import DocFill
import Foundation
import OfficialReport
import Testing

/// `docfill next-year`'s roll-forward, and the file it writes.
struct NextYearTests {
    @Test func datesMoveOneYearAndLeapDaysBecomeTheTwentyEighth() {
        #expect(NextYear.roll("2023-08-15") == "2024-08-15")
        #expect(NextYear.roll("2023-12-31") == "2024-12-31")
        #expect(NextYear.roll("2023-01-01") == "2024-01-01")
        #expect(NextYear.roll("2024-02-29") == "2025-02-28")
        #expect(NextYear.roll("2023-02-28") == "2024-02-28")
        #expect(NextYear.roll("2023-02-30") == nil)
        #expect(NextYear.roll("15/8/2023") == "2024-08-15")    // the date filter's second form, written back as ISO
        #expect(NextYear.roll("29/02/2024") == "2025-02-28")
        #expect(NextYear.roll("2023/8/15") == nil)
    }

    static func stateReport() throws -> Value {
        var report = Fixture.minimalState()
        report.date = "2024-01-10"
        report.period = ReportPeriod(from: "2023-01-01", to: "2023-12-31")
        report.subject = "kết quả công tác dân vận năm 2023, theo Nghị quyết 25 năm 2013"
        report.documentType = "BÁO CÁO NĂM 2023"
        report.appendices = [Appendix(title: "SỐ LIỆU", columns: [[AppendixHeaderCell("Năm"), AppendixHeaderCell("Số"), AppendixHeaderCell("Ghi chú")]],
                                      rows: [AppendixRow(label: "2023", cells: ["6.800", "27 triệu đồng"])],
                                      statedTotal: AppendixRow(label: "Tổng", cells: ["6.800", ""]))]
        return try ValueEncoder().encode(report)
    }

    @Test func everyDatedFieldRollsForward() throws {
        let result = try NextYear.make(from: try Self.stateReport(), extends: "2023.yaml", source: "2023.yaml")
        let data = result.data
        #expect(data["extends"] == .string("2023.yaml"))
        #expect(data["date"] == .string("2025-01-10"))
        #expect(data["period"] == .object(["from": .string("2024-01-01"), "to": .string("2024-12-31")]))
        // Only the reporting year written as "năm 2023" moves; the resolution of 2013 stays.
        #expect(data["subject"] == .string("kết quả công tác dân vận năm 2024, theo Nghị quyết 25 năm 2013"))
        #expect(data["document_type"] == .string("BÁO CÁO NĂM 2024"))
        #expect(data["number"] == .string("TODO: số văn bản năm 2024"))
        #expect(result.comments["number"]?.contains("from 01 again each year") == true)
        // The figure is to enter again; text cells and labels are inherited; the stated total goes.
        #expect(data["appendices"] == .object(["[0]": .object([
            "rows": .object(["[0]": .object(["cells": .object(["[0]": .string("TODO")])])]),
            "stated_total": .null,
        ])]))
        #expect(data["signature"] == nil && data["parts"] == nil && data["place"] == nil)
    }

    @Test func withoutAPeriodTheDateYearIsTheReportingYear() throws {
        var report = Fixture.minimalParty()
        report.subject = "công tác năm 2023 và năm 20234"
        let data = try NextYear.make(from: try ValueEncoder().encode(report), extends: "a.yaml", source: "a.yaml").data
        #expect(data["date"] == .string("2024-08-15"))
        #expect(data["period"] == nil)
        #expect(data["subject"] == .string("công tác năm 2024 và năm 20234"))
    }

    /// The sample's next year: written beside a copy of the sample, it loads, merges and
    /// validates, apart from its TODO marks, which are found at their lines in the new file.
    @Test func theWrittenFileLoadsMergesAndValidatesExceptTheTodos() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docfill-next-year-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let old = dir.appendingPathComponent("pho-hoa-2023.yaml"), new = dir.appendingPathComponent("pho-hoa-2024.yaml")
        try FileManager.default.copyItem(at: Fixture.samplePath, to: old)
        let result = try NextYear.make(from: try DataLoader.load(contentsOf: old.path), extends: "pho-hoa-2023.yaml",
                                       source: "pho-hoa-2023.yaml")
        try Data(result.yaml.utf8).write(to: new)
        let loaded = try DataLoader.loadDocument(contentsOf: new.path)
        let marks = TodoMarks.find(in: loaded.value, places: loaded.places)
        #expect(marks.count == TodoMarks.find(in: result.data).count)
        // The number, the subject (it names no year to roll) and six paragraphs naming 2023;
        // every appendix row is labelled with earlier years: history, inherited.
        #expect(marks.count == 8, "\(marks.map(\.path))")
        #expect(marks.map(\.path).filter { $0.hasPrefix("parts[") }.count == 6)
        #expect(!marks.contains { $0.path.hasPrefix("appendices") })
        #expect(marks.allSatisfy { $0.location.file == new.path && $0.location.line != nil })
        #expect(marks.first?.path == "number")
        let report = try Report.from(TodoMarks.draft(loaded.value))
        #expect(report.date == "2024-08-15")
        #expect(report.recipients == (try Report.from(try DataLoader.load(contentsOf: old.path))).recipients)
        // Inherited with the history: the two header labels the 2023 file leaves blank and its
        // stated total the rows contradict (warnings).
        let findings = report.diagnostics(file: new.path, excusing: Set(marks.map(\.path)))
            .filter { $0.code != "blank_header" && $0.code != "total_mismatch" }
        #expect(findings.isEmpty, "\(findings)")
        // Nothing of last year's period is left in the header, title or date line.
        #expect(report.staleYearFindings(base: try Report.from(try #require(loaded.base))).isEmpty)
    }

    /// Only the reporting year's figures roll forward: a row labelled with earlier years
    /// ("2013-2018") and a column headed by one ("2018") keep their figures, inherited; a
    /// paragraph naming the reporting year is written again, the old text in its note.
    @Test func historyIsInheritedAndTheYearsNarrativeIsToDo() throws {
        var report = Fixture.minimalState()
        report.date = "2024-01-10"
        report.period = ReportPeriod(from: "2023-01-01", to: "2023-12-31")
        report.subject = "về công tác dân vận"
        report.parts = [ReportPart(title: "KẾT QUẢ", sections: [ReportSection(title: "Kết quả", items: [
            ReportItem(text: "Năm 2023 tiếp 45 lượt công dân."), ReportItem(text: "Nghị quyết ngày 03/6/2013 vẫn còn hiệu lực."),
        ])])]
        report.appendices = [Appendix(title: "SỐ LIỆU", columns: [[AppendixHeaderCell("Giai đoạn"), AppendixHeaderCell("Số cuộc"), AppendixHeaderCell("2018")]],
                                      rows: [AppendixRow(label: "2013-2018", cells: [5, 7]), AppendixRow(label: "2023", cells: [6, 8])],
                                      totalRow: TotalRowConfig(), statedTotal: AppendixRow(label: "Tổng", cells: [11, 15]))]
        let result = try NextYear.make(from: try ValueEncoder().encode(report), extends: "a.yaml", source: "a.yaml")
        let data = result.data
        #expect(data["appendices"] == .object(["[0]": .object([
            "rows": .object(["[1]": .object(["cells": .object(["[0]": .string("TODO")])])]),
            "stated_total": .null,
        ])]))
        #expect(data["subject"] == .string("TODO: trích yếu năm 2024: về công tác dân vận"))
        #expect(data["parts"] == .object(["[0]": .object(["sections": .object(["[0]": .object(["items": .object(["[0]": .object([
            "text": .string("TODO: viết lại cho năm 2024: Năm 2023 tiếp 45 lượt công dân."),
        ])])])])])]))
        #expect(result.comments["parts[0].sections[0].items[0].text"]?.contains("write next year's") == true)
    }
}
