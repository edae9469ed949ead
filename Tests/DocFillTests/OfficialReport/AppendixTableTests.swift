import Foundation
import Testing
@testable import DocFill
import OfficialReport

/// The appendix tables of the four report templates, read as a reader sees them: each row's
/// cells with their text and spans. The samples' tables are compared with goldens recorded
/// from the templates that carried one table per header shape (`DOCFILL_RECORD_GOLDENS=1`
/// re-records them), so one data-shaped table must print the same text with the same spans.
struct AppendixTableTests {
    static let folder = GoldenTests.folder.appendingPathComponent("appendix-tables")

    /// The tables after the first appendix label, one line per row: `text [colspan×rowspan]` per cell.
    static func tables(_ path: String) throws -> String {
        let isODT = path.hasSuffix(".odt")
        let xml = try XMLParser.parse(Array(try ImageTests.text(path, isODT ? "content.xml" : "word/document.xml").utf8), file: path, part: "")
        let profile: FormatProfile = isODT ? .odt : .docx
        guard let body = xml.root.descendants(where: { $0.name == (isODT ? "text" : "body") }).first else { return "" }
        var out = "", seenAppendix = false, number = 0
        for case let child as XMLElement in body.children {
            if child.matches(profile.paragraphs), text(child).hasPrefix("Phụ lục") { seenAppendix = true }
            guard seenAppendix, child.matches(profile.tables) else { continue }
            number += 1
            out += "table \(number)\n"
            for row in grid(child, profile) { out += row.joined(separator: " | ") + "\n" }
        }
        return out
    }

    /// A table's rows: each starting cell as `text [colspan×rowspan]`.
    static func grid(_ table: XMLElement, _ profile: FormatProfile) -> [[String]] {
        let rows = table.descendants { $0.matches(profile.rows) }.filter { row in
            row.ancestors.first { $0.matches(profile.tables) } === table
        }
        // Per row, its cells with their first grid column: where a merged cell continues.
        var placed: [[(column: Int, cell: XMLElement)]] = []
        for row in rows {
            var column = 0, cells: [(Int, XMLElement)] = []
            for case let cell as XMLElement in row.children where cell.matches(profile.cells) {
                cells.append((column, cell))
                column += span(cell, profile)
            }
            placed.append(cells)
        }
        return placed.enumerated().map { r, cells in
            cells.compactMap { column, cell -> String? in
                if cell.matches(profile.coveredCells) || isContinued(cell) { return nil }
                var rowspan = Int(cell.attribute("number-rows-spanned") ?? "") ?? 1
                if vMerge(cell) == "restart" {
                    rowspan = 1
                    while r + rowspan < placed.count,
                          placed[r + rowspan].contains(where: { $0.column == column && isContinued($0.cell) }) { rowspan += 1 }
                }
                let colspan = profile === FormatProfile.odt ? Int(cell.attribute("number-columns-spanned") ?? "") ?? 1 : span(cell, profile)
                return "\(text(cell)) [\(colspan)×\(rowspan)]"
            }
        }
    }

    static func span(_ cell: XMLElement, _ profile: FormatProfile) -> Int {
        guard profile === FormatProfile.docx else { return 1 }
        let gridSpan = cell.descendants { $0.name == "gridSpan" }.first
        return Int(gridSpan?.attribute("val") ?? "") ?? 1
    }

    static func vMerge(_ cell: XMLElement) -> String? {
        guard let properties = cell.children.compactMap({ $0 as? XMLElement }).first(where: { $0.name == "tcPr" }),
              let merge = properties.children.compactMap({ $0 as? XMLElement }).first(where: { $0.name == "vMerge" }) else { return nil }
        return merge.attribute("val") ?? "continue"
    }

    static func isContinued(_ cell: XMLElement) -> Bool { vMerge(cell) == "continue" }

    /// The text of an element's paragraphs, joined by spaces, spaces collapsed.
    static func text(_ e: XMLElement) -> String {
        var parts: [String] = []
        func walk(_ e: XMLElement) {
            for child in e.children {
                if let t = child as? XMLText, let parent = t.parent, ["t", "p", "span", "h"].contains(parent.name) {
                    parts.append(String(decoding: t.bytes, as: UTF8.self))
                } else if let el = child as? XMLElement {
                    if ["s", "tab", "line-break", "br"].contains(el.name) || el.name == "p" { parts.append(" ") }
                    walk(el)
                }
            }
        }
        walk(e)
        return parts.joined().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(arguments: ReportTemplateTests.templates)
    func sampleAppendicesKeepTheirTextAndSpans(_ name: String) throws {
        let out = try ReportTemplateTests.render(name, sample: ReportTemplateTests.sample(for: name))
        let tables = try Self.tables(out)
        #expect(tables.contains("table 1"))
        let golden = Self.folder.appendingPathComponent("\(name).txt")
        if GoldenTests.recording {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try tables.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        if expected != tables {
            let a = expected.split(separator: "\n"), b = tables.split(separator: "\n")
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("\(name): appendix tables differ at line \(i + 1):\n- \(i < a.count ? a[i] : "")\n+ \(i < b.count ? b[i] : "")")
        }
    }
}

extension AppendixTableTests {
    static let fiveYearSample = TestPaths.repo.appendingPathComponent("Samples/ubnd-pho-hoa-2025-5-nam.yaml").path

    /// An appendix of a shape no template table was made for (three header rows, eleven grid
    /// columns, a column per year) prints as a real table: every row covers the eleven columns,
    /// the spans are the data's, the document is valid.
    @Test(arguments: ["bao-cao-ubnd.docx", "bao-cao-ubnd.odt"])
    func aNewHeaderShapeRendersAsARealTable(_ name: String) throws {
        let out = try ReportTemplateTests.render(name, sample: Self.fiveYearSample)
        let tables = try Self.tables(out).components(separatedBy: "table 2\n")
        try #require(tables.count == 2)
        let rows = tables[1].split(separator: "\n")
        #expect(rows.prefix(3) == [
            "TT [1×3] | Lĩnh vực [1×3] | Số đơn thư tiếp nhận [5×1] | Kết quả giải quyết năm 2025 [4×1]",
            "Số liệu các năm [5×1] | Đã giải quyết [2×1] | Đang giải quyết [1×2] | Tỷ lệ % đã giải quyết [1×2]",
            "2021 [1×1] | 2022 [1×1] | 2023 [1×1] | 2024 [1×1] | 2025 [1×1] | Số đơn [1×1] | Số vụ việc [1×1]",
        ])
        #expect(rows.count == 3 + 4 + 1)
        #expect(rows.last == "Tổng cộng [1×1] |  [1×1] | 25 [1×1] | 24 [1×1] | 21 [1×1] | 20 [1×1] | 19 [1×1] | 17 [1×1] | 14 [1×1] | 2 [1×1] | 89,5 [1×1]")
        let errors = try SchemaValidation.errors(of: out)
        #expect(errors.isEmpty, "\(errors)")
    }
}

extension TableShapeTests {
    /// A colspan of 0 drops its cell and a row left without cells goes: a loop over two
    /// template cells (or rows) keeps the one the data chooses.
    @Test(arguments: Format.allCases)
    func aZeroColspanDropsTheCellAndAnEmptyRowGoes(_ format: Format) throws {
        let tc = Self.loop(format, "cell"), tr = Self.loop(format, "row")
        let template = try Self.template(format, widths: [4500, 4500], rows: [
            [Cell("{{-\(tr) rows}}{{-\(tc) a}}A:{{.}}"), Cell("{{~colspan zero}}{{/a}}")],
            [Cell("{{-\(tc) b}}B:{{.}}{{~colspan one}}"), Cell("x{{~colspan zero}}{{/b}}{{/rows}}")],
        ])
        let out = try Self.render(template, ["zero": 0, "one": 1, "rows": [["a": [1, 2], "b": []], ["a": [], "b": [3, 4]]]])
        #expect(try Self.lines(out) == ["A:1 | A:2", "B:3 | B:4"])
        #expect(try Self.rowCoverage(out) == [2, 2])
        try Self.expectValid(out, template: template)
    }

    /// An ODF table filling the margins has relative column widths: they stay relative.
    @Test func relativeODFWidthsStayRelative() throws {
        let template = try Self.template(.odt, widths: [3000, 6000], rows: [[Cell("Name"), Cell("{{-table:table-cell years}}{{.}}{{/years}}")]])
        let relative = try TestPackage.make(from: "variables.odt", ["content.xml": { _ in
            try! ImageTests.text(template, "content.xml").replacingOccurrences(of: #"style:column-width="([0-9.]+)cm""#, with: #"style:rel-column-width="$1*""#, options: .regularExpression)
        }])
        let out = try Self.render(relative, ["years": [2021, 2022, 2023]])
        let xml = try ImageTests.text(out, "content.xml")
        let columns = TestPackage.matches(#"<table:table-column table:style-name="([^"]+)""#, in: xml)
        let widths = columns.map { TestPackage.matches("style:name=\"\($0)\" style:family=\"table-column\"><style:table-column-properties style:rel-column-width=\"([0-9]+)\\*\"", in: xml).first ?? "" }
        #expect(widths == ["3", "2", "2", "2"])
        #expect(try Self.lines(out) == ["Name | 2021 | 2022 | 2023"])
    }
}

extension AppendixTableTests {
    /// `docfill check` names a header row whose spans fall short of the grid, with its
    /// appendix and row, and fails: nothing prints a ragged table.
    @Test func checkReportsAHeaderWhoseSpansDoNotAddUp() throws {
        let dir = TestPaths.scratch()
        let data = dir.appendingPathComponent("bad-header.yaml")
        let yaml = """
            extends: "\(TestPaths.repo.appendingPathComponent("Samples/ubnd-pho-hoa-2025.yaml").path)"
            appendices:
              "[0]":
                columns:
                  - - {text: "TT", rowspan: 2}
                    - {text: "Quý", rowspan: 2}
                    - {text: "Số liệu", colspan: 2}
                  - - {text: "Số buổi"}

            """
        try yaml.write(to: data, atomically: true, encoding: .utf8)
        let r = try CLITests.docfill(["check", ReportTemplateTests.template("bao-cao-ubnd.docx"), data.path])
        #expect(r.status != 0)
        #expect(r.stdout.contains("error[header_span_mismatch]: appendices[0].columns[1]: header row 2 of appendix 1 covers 3 of 4 grid columns"), "\(r.stdout)")
    }
}
