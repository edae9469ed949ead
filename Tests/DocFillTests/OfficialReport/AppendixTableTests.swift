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
