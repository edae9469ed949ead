import Foundation
import Testing
@testable import DocFill

/// Tables shaped by data: column loops, spans and merges from data, whole tables from data,
/// in DOCX and ODT alike (one template per format, the same data, the same expectations).
struct TableShapeTests {
    enum Format: String, CaseIterable, CustomTestStringConvertible {
        case docx, odt
        var testDescription: String { rawValue }
    }

    /// A template cell: its text (tags included), and how the template merges it.
    struct Cell {
        var text: String
        var rowspanStart = false      // first of two rows merged in the template
        var continued = false         // the second of them
        init(_ text: String, rowspanStart: Bool = false, continued: Bool = false) {
            self.text = text; self.rowspanStart = rowspanStart; self.continued = continued
        }
    }

    /// A template with one table (grid `widths`: DOCX twips, ODT centimetres ÷ 1000) and its rows.
    static func template(_ format: Format, widths: [Int], rows: [[Cell]], name: String = #function) throws -> String {
        switch format {
        case .docx:
            func tc(_ c: Cell, _ width: Int) -> String {
                let merge = c.rowspanStart ? "<w:vMerge w:val=\"restart\"/>" : c.continued ? "<w:vMerge/>" : ""
                let borders = "<w:tcBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tcBorders>"
                return "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>\(merge)\(borders)</w:tcPr><w:p><w:r><w:t xml:space=\"preserve\">\(c.continued ? "" : c.text)</w:t></w:r></w:p></w:tc>"
            }
            let grid = widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined()
            let body = rows.map { row in "<w:tr>" + row.enumerated().map { tc($1, widths[min($0, widths.count - 1)]) }.joined() + "</w:tr>" }.joined()
            let table = "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>\(grid)</w:tblGrid>\(body)</w:tbl><w:p/>"
            return try TestPackage.make(from: "variables.docx", ["word/document.xml": TestPackage.text(TestPackage.wordDocument(table))], name: name)
        case .odt:
            let styles = widths.enumerated().map { i, w in
                "<style:style style:name=\"TC\(i)\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"\(Double(w) / 1000)cm\"/></style:style>"
            }.joined() + "<style:style style:name=\"TT\" style:family=\"table\"><style:table-properties style:width=\"\(Double(widths.reduce(0, +)) / 1000)cm\" table:align=\"left\"/></style:style>"
                + "<style:style style:name=\"TD\" style:family=\"table-cell\"><style:table-cell-properties fo:border=\"0.5pt solid #000000\"/></style:style>"
            func cell(_ c: Cell) -> String {
                if c.continued { return "<table:covered-table-cell table:style-name=\"TD\"/>" }
                let span = c.rowspanStart ? " table:number-rows-spanned=\"2\"" : ""
                return "<table:table-cell table:style-name=\"TD\"\(span) office:value-type=\"string\"><text:p>\(c.text)</text:p></table:table-cell>"
            }
            let columns = widths.indices.map { "<table:table-column table:style-name=\"TC\($0)\"/>" }.joined()
            let body = rows.map { "<table:table-row>" + $0.map(cell).joined() + "</table:table-row>" }.joined()
            let table = "<table:table table:name=\"T\" table:style-name=\"TT\">\(columns)\(body)</table:table><text:p/>"
            let content: (String?) -> String = { old in
                TestPackage.odfContent(table)(old).replacingOccurrences(of: "<office:automatic-styles>", with: "<office:automatic-styles>" + styles)
            }
            return try TestPackage.make(from: "variables.odt", ["content.xml": content], name: name)
        }
    }

    static func render(_ template: String, _ data: [String: Any], name: String = #function) throws -> String {
        let out = TestPaths.scratch(name).appendingPathComponent("out.\((template as NSString).pathExtension)").path
        try DocumentTemplate(contentsOf: template).render(jsonValue(data), to: out)
        return out
    }

    /// The grid's widths as written (DOCX twips; ODT thousandths of a centimetre).
    static func gridWidths(_ out: String) throws -> [Int] {
        if out.hasSuffix(".docx") {
            return TestPackage.matches(#"<w:gridCol w:w="(\d+)"/>"#, in: try ImageTests.text(out, "word/document.xml")).compactMap { Int($0) }
        }
        let xml = try ImageTests.text(out, "content.xml")
        var widths: [String: Int] = [:]
        for name in Set(TestPackage.matches(#"<table:table-column table:style-name="([^"]+)""#, in: xml)) {
            let cm = TestPackage.matches("style:name=\"\(name)\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"([0-9.]+)cm\"", in: xml)
            widths[name] = cm.first.flatMap(Double.init).map { Int(($0 * 1000).rounded()) }
        }
        return TestPackage.matches(#"<table:table-column table:style-name="([^"]+)""#, in: xml).compactMap { widths[$0] }
    }

    /// Grid columns covered by each row: spans of its cells (DOCX), cell elements (ODT).
    static func rowCoverage(_ out: String) throws -> [Int] {
        if out.hasSuffix(".docx") {
            let xml = try ImageTests.text(out, "word/document.xml")
            return xml.components(separatedBy: "<w:tr>").dropFirst().map { row in
                row.components(separatedBy: "<w:tc>").dropFirst().map { cell in Int(TestPackage.matches(#"<w:gridSpan w:val="(\d+)"/>"#, in: cell).first ?? "1")! }.reduce(0, +)
            }
        }
        let xml = try ImageTests.text(out, "content.xml")
        return xml.components(separatedBy: "<table:table-row").dropFirst().map { row in
            row.components(separatedBy: "<table:table-cell").count - 1 + row.components(separatedBy: "<table:covered-table-cell").count - 1
        }
    }

    /// The document's lines without the empty paragraph after the table; merged-away cells
    /// are not read (`DocumentText`).
    static func lines(_ out: String) throws -> [String] {
        try DocumentText.lines(contentsOf: out).filter { !$0.isEmpty }
    }

    static func expectValid(_ out: String, template: String) throws {
        let added = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: template))
        #expect(added.isEmpty, "\(added)")
    }

    static func loop(_ format: Format, _ kind: String) -> String {
        format == .docx ? "w:\(kind == "cell" ? "tc" : "tr")" : "table:table-\(kind)"
    }

    // MARK: - Column loops

    @Test(arguments: Format.allCases)
    func columnLoopSplitsItsColumn(_ format: Format) throws {
        let tc = Self.loop(format, "cell")
        let template = try Self.template(format, widths: [3000, 6000], rows: [[Cell("Name"), Cell("{{-\(tc) years}}{{.}}{{/years}}")]])
        let out = try Self.render(template, ["years": [2021, 2022, 2023]])
        #expect(try Self.lines(out) == ["Name | 2021 | 2022 | 2023"])
        #expect(try Self.gridWidths(out) == [3000, 2000, 2000, 2000])
        try Self.expectValid(out, template: template)
    }

    @Test(arguments: Format.allCases)
    func columnLoopInsideARowLoopUnderAHeaderSpan(_ format: Format) throws {
        let tc = Self.loop(format, "cell"), tr = Self.loop(format, "row")
        let template = try Self.template(format, widths: [3000, 6000], rows: [
            [Cell("Đơn vị", rowspanStart: true), Cell("Số liệu các năm{{~colspan year_count}}")],
            [Cell("", continued: true), Cell("{{-\(tc) years}}{{.}}{{/years}}")],
            [Cell("{{-\(tr) units}}{{name}}"), Cell("{{-\(tc) figures}}{{.}}{{/figures}}{{/units}}")],
        ])
        let out = try Self.render(template, ["year_count": 3, "years": [2021, 2022, 2023],
                                             "units": [["name": "Tổ 1", "figures": [10, 11, 12]], ["name": "Tổ 2", "figures": [20, 21, 22]]]])
        #expect(try Self.lines(out)
                == ["Đơn vị | Số liệu các năm", "2021 | 2022 | 2023", "Tổ 1 | 10 | 11 | 12", "Tổ 2 | 20 | 21 | 22"])
        #expect(try Self.gridWidths(out) == [3000, 2000, 2000, 2000])
        #expect(try Self.rowCoverage(out) == [4, 4, 4, 4])
        try Self.expectValid(out, template: template)
    }

    // MARK: - Spans and merges from data

    @Test(arguments: Format.allCases)
    func equalValuesMergeDownAColumn(_ format: Format) throws {
        let tr = Self.loop(format, "row")
        let template = try Self.template(format, widths: [3000, 6000], rows: [
            [Cell("{{-\(tr) rows}}{{group}}{{~merge group}}"), Cell("{{name}}{{/rows}}")],
        ])
        let out = try Self.render(template, ["rows": [["group": "Cấp phường", "name": "a"], ["group": "Cấp phường", "name": "b"],
                                                      ["group": "Cấp tổ", "name": "c"], ["group": "", "name": "d"], ["group": "", "name": "e"]]])
        let xml = try ImageTests.text(out, format == .docx ? "word/document.xml" : "content.xml")
        if format == .docx {
            #expect(xml.components(separatedBy: "<w:vMerge w:val=\"restart\"/>").count - 1 == 1)
            #expect(xml.components(separatedBy: "<w:vMerge/>").count - 1 == 1)
        } else {
            #expect(TestPackage.matches(#"table:number-rows-spanned="(\d+)""#, in: xml) == ["2"])
            #expect(xml.components(separatedBy: "<table:covered-table-cell").count - 1 == 1)
        }
        #expect(try Self.lines(out) == ["Cấp phường | a", "b", "Cấp tổ | c", " | d", " | e"])
        #expect(try Self.rowCoverage(out) == [2, 2, 2, 2, 2])
        try Self.expectValid(out, template: template)
    }

    /// A header cell as data, as an `AppendixHeaderCell` is.
    static func h(_ text: String, _ colspan: Int = 1, _ rowspan: Int = 1) -> [String: Any] {
        ["text": text, "colspan": colspan, "rowspan": rowspan]
    }

    /// Header shapes of 1 to 4 rows (cells with spans) and the grid columns they make.
    static func header(rows count: Int) -> (rows: [[[String: Any]]], columns: Int) {
        switch count {
        case 1: return ([[h("a"), h("b"), h("c"), h("d")]], 4)
        case 2: return ([[h("A", 1, 2), h("G", 3)], [h("x"), h("y"), h("z")]], 4)
        case 3: return ([[h("A", 1, 3), h("G", 4)], [h("H", 2), h("I", 2)], [h("p"), h("q"), h("r"), h("s")]], 5)
        default: return ([[h("A", 1, 4), h("G", 4)], [h("H", 3), h("J", 1, 3)], [h("K", 2), h("L", 1, 2)], [h("m"), h("n")]], 5)
        }
    }

    /// One template table, styled by its first header row, data row and total row, for any header.
    static func dataShaped(_ format: Format, name: String = #function) throws -> String {
        let tc = loop(format, "cell"), tr = loop(format, "row")
        return try template(format, widths: [9000], rows: [
            [Cell("{{-\(tr) header}}{{-\(tc) cells}}{{text}}{{~colspan colspan}}{{~rowspan rowspan}}{{/cells}}{{/header}}")],
            [Cell("{{-\(tr) rows}}{{-\(tc) cells}}{{.}}{{/cells}}{{/rows}}")],
            [Cell("{{-\(tr) total}}{{-\(tc) cells}}{{.}}{{/cells}}{{/total}}")],
        ], name: name)
    }

    static func shapedData(_ shape: (rows: [[[String: Any]]], columns: Int)) -> [String: Any] {
        let row = (1...shape.columns).map { "r\($0)" }
        return ["header": shape.rows.map { ["cells": $0] }, "rows": [["cells": row], ["cells": row.map { $0.uppercased() }]],
                "total": [["cells": ["Tổng"] + Array(repeating: "9", count: shape.columns - 1)]]]
    }

    @Test(arguments: Format.allCases, 1...4)
    func aWholeTableFromData(_ format: Format, headerRows: Int) throws {
        let template = try Self.dataShaped(format, name: "\(#function)\(format)\(headerRows)")
        let shape = Self.header(rows: headerRows)
        let out = try Self.render(template, Self.shapedData(shape), name: "\(#function)\(format)\(headerRows)")
        let widths = try Self.gridWidths(out)
        #expect(widths.count == shape.columns)
        #expect(abs(widths.reduce(0, +) - 9000) <= shape.columns, "\(widths)")
        #expect(try Self.rowCoverage(out) == Array(repeating: shape.columns, count: shape.rows.count + 3))
        let lines = Array(try Self.lines(out).suffix(3))
        let first = (1...shape.columns).map { "r\($0)" }.joined(separator: " | ")
        let total = "Tổng" + String(repeating: " | 9", count: shape.columns - 1)
        #expect(lines == [first, first.uppercased(), total])
        try Self.expectValid(out, template: template)
    }

    @Test(arguments: Format.allCases)
    func widthsFromDataAreScaledToTheTable(_ format: Format) throws {
        let tc = Self.loop(format, "cell"), tr = Self.loop(format, "row")
        let template = try Self.template(format, widths: [9000], rows: [
            [Cell("{{-\(tr) rows}}{{-\(tc) cells}}{{text}}{{~width width}}{{/cells}}{{/rows}}")],
        ])
        // 1 : 2 : 3 : 3 of 9000.
        let out = try Self.render(template, ["rows": [["cells": [["text": "1", "width": 1], ["text": "2", "width": 2],
                                                                 ["text": "3", "width": 3], ["text": "4", "width": 3]]]]])
        #expect(try Self.gridWidths(out) == [1000, 2000, 3000, 3000])
        #expect(try Self.lines(out) == ["1 | 2 | 3 | 4"])
        try Self.expectValid(out, template: template)
    }

    @Test func aSpanTagOutsideATableIsAnError() throws {
        let template = try TestPackage.make(from: "variables.docx", ["word/document.xml": TestPackage.text(TestPackage.wordDocument(
            "<w:p><w:r><w:t>{{~colspan n}}</w:t></w:r></w:p>"))])
        #expect(throws: DocFillError.self) { try DocumentTemplate(contentsOf: template) }
        do { _ = try DocumentTemplate(contentsOf: template) } catch let error as DocFillError {
            #expect(error.diagnostics.map(\.code) == ["span_outside_table"])
            #expect(error.diagnostics.first?.message == "'{{~colspan n}}': a cell span tag must stand in a table cell")
        }
        let parsed = TagSyntax.parse(Array("~span n".utf8), triple: false, source: "{{~span n}}", range: 0..<0)
        #expect(parsed == .failure(TagSyntax.Problem(code: "invalid_cell_span",
            message: "'{{~span n}}': a cell span tag is one of '~colspan', '~rowspan', '~merge', '~width' and one name, as in '{{~colspan year_count}}'")))
    }
}

extension PrintTests {
    /// LibreOffice lays out a data-shaped table (3 header rows) and reads it in table order.
    @Test(arguments: TableShapeTests.Format.allCases)
    func aDataShapedTableConvertsToPDFInTableOrder(_ format: TableShapeTests.Format) throws {
        let name = "shapedPDF\(format)"
        let template = try TableShapeTests.dataShaped(format, name: name)
        let out = try TableShapeTests.render(template, TableShapeTests.shapedData(TableShapeTests.header(rows: 3)), name: name)
        let pdf = TestPaths.scratch(name).appendingPathComponent("table.pdf").path
        let results = try PDFConverter().convert([PDFJob(input: out, output: pdf)])
        if case .failure(let error)? = results.first { Issue.record("\(error)"); return }
        let lines = try Self.tool("pdftotext", ["-layout", pdf, "-"]).split(separator: "\n")
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\u{0C}" }).joined(separator: " ") }.filter { !$0.isEmpty }
        // A spans the three header rows, its text at their top, beside G.
        #expect(lines == ["A G", "H I", "p q r s", "r1 r2 r3 r4 r5", "R1 R2 R3 R4 R5", "Tổng 9 9 9 9"], "\(lines)")
    }
}

extension TableShapeTests {
    /// `inspect` marks column loops and cell span tags; `schema` says what a span's value is.
    @Test(arguments: Format.allCases)
    func inspectAndSchemaDescribeColumnLoopsAndSpans(_ format: Format) throws {
        let tc = Self.loop(format, "cell")
        let template = try Self.template(format, widths: [3000, 6000], rows: [
            [Cell("Đơn vị{{~rowspan tall}}"), Cell("Số liệu các năm{{~colspan year_count}}")],
            [Cell("{{-\(tc) years}}{{.}}{{~width weight}}{{/years}}")],
        ], name: "\(#function)\(format)")
        let outline = TagOutline(try DocumentTemplate(contentsOf: template))
        // Each line without its line:column, the part's name left out.
        let tree = outline.tree().split(separator: "\n").filter { !$0.hasSuffix(".xml") }
            .map { $0.replacingOccurrences(of: #"  \d+:\d+"#, with: "", options: .regularExpression).trimmingCharacters(in: .whitespaces) }
        #expect(tree == ["{{~rowspan tall}}  cell rowspan  table 1, row 1, cell 1", "{{~colspan year_count}}  cell colspan  table 1, row 1, cell 2",
                         "{{-\(tc) years}}  column loop  table 1, row 2, cell 1", "{{.}}  table 1, row 2, cell 1",
                         "{{~width weight}}  cell width  table 1, row 2, cell 1", "{{/years}}  table 1, row 2, cell 1"])
        let json = String(decoding: outline.json().jsonBytes(), as: UTF8.self)
        #expect(json.contains(#""column_loop":true"#) && json.contains(#""cell_span":"colspan""#))
        let schema = String(decoding: SchemaInference.schema(of: outline).jsonBytes(), as: UTF8.self)
        #expect(schema.contains(#""year_count":{"description":"table cell span: the grid columns the cell covers (0 drops the cell)","minimum":0,"type":"number"}"#), "\(schema)")
        #expect(schema.contains(#""weight":{"description":"table column width: relative to the other columns, scaled to the table's width","minimum":0,"type":"number"}"#), "\(schema)")
    }
}
