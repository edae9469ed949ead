import Foundation
import Testing
@testable import DocFill
import OfficialReport

/// Issue 19 item 7: an appendix prints on a portrait page when its table fits the portrait text
/// width (the State report's four-column Phụ lục I), on a landscape page when it does not, and
/// its table's columns fill that page's text width. Read from the rendered XML (DOCX: the
/// section holding the appendix; ODT: the master page of its first paragraph) and, in
/// `PrintTests`, from the PDF LibreOffice makes of it.
struct AppendixOrientationTests {
    /// One appendix's page as a rendered document sets it up, lengths in centimetres.
    struct Page {
        var width = 0.0, height = 0.0, textWidth = 0.0
        /// DOCX `w:orient`, ODT `style:print-orientation` (DOCX writes none for portrait).
        var orientation: String?
        /// The widths of the appendix's table columns, as fractions of the table's width.
        var columns: [Double] = []
        /// Whether the table is as wide as the page's text: DOCX, its grid adds up to it; ODT,
        /// it is aligned to the margins.
        var fillsTextWidth = false
    }

    static func view(_ sample: String) throws -> [AppendixView] {
        try Report.from(try DataLoader.load(contentsOf: sample), file: sample).templateData().appendices
    }

    /// The reports rendered: each sample, and the State sample with a second appendix that
    /// needs landscape (the Party sample's Phụ lục 2, 28 figure columns) after its portrait one.
    static func report(_ variant: String) throws -> Report {
        func load(_ sample: String) throws -> Report { try Report.from(try DataLoader.load(contentsOf: sample), file: sample) }
        switch variant {
        case "party": return try load(ReportTemplateTests.sample)
        case "state": return try load(ReportTemplateTests.stateSample)
        default:
            var report = try load(ReportTemplateTests.stateSample)
            report.appendices.append(try load(ReportTemplateTests.sample).appendices[1])
            return report
        }
    }

    static func fractions(_ widths: [Double]) -> [Double] {
        let total = widths.reduce(0, +)
        return total > 0 ? widths.map { $0 / total } : widths
    }

    static func parse(_ path: String, _ part: String) throws -> XMLElement {
        try XMLParser.parse(Array(try ImageTests.text(path, part).utf8), file: path, part: part).root
    }

    static func child(_ e: XMLElement?, _ name: String) -> XMLElement? {
        e?.children.lazy.compactMap { $0 as? XMLElement }.first { $0.name == name }
    }

    /// DOCX: each appendix (by its label paragraph) with the section it is in, which the
    /// `w:sectPr` ending that section sets up (a paragraph's, or the body's own for the last),
    /// and the first table after its label.
    static func docxPages(_ path: String, labels: Set<String>) throws -> [String: Page] {
        let bodies = try parse(path, "word/document.xml").descendants(where: { $0.name == "body" })
        let body = try #require(bodies.first)
        var pages: [String: Page] = [:], pending: [(label: String, grid: [Double])] = []
        var current: String?
        func close(_ sect: XMLElement) {
            let size = child(sect, "pgSz"), margins = child(sect, "pgMar")
            func twips(_ e: XMLElement?, _ name: String) -> Double { Double(e?.attribute(name) ?? "") ?? 0 }
            let text = twips(size, "w") - twips(margins, "left") - twips(margins, "right")
            for (label, grid) in pending {
                pages[label] = Page(width: twips(size, "w") / 567, height: twips(size, "h") / 567, textWidth: text / 567,
                                    orientation: size?.attribute("orient"), columns: fractions(grid),
                                    fillsTextWidth: abs(grid.reduce(0, +) - text) <= 2)
            }
            pending = []; current = nil
        }
        for case let element as XMLElement in body.children {
            if element.name == "p" {
                let text = AppendixTableTests.text(element)
                if labels.contains(text) { pending.append((text, [])); current = text }
                if let sect = child(child(element, "pPr"), "sectPr") { close(sect) }
            } else if element.name == "tbl", current != nil, pending.last?.grid.isEmpty == true {
                pending[pending.count - 1].grid = element.descendants { $0.name == "gridCol" }.map { Double($0.attribute("w") ?? "") ?? 0 }
            } else if element.name == "sectPr" {
                close(element)
            }
        }
        return pages
    }

    /// ODT: each appendix's label paragraph, its style's master page and that page's layout,
    /// and the first table after the label.
    static func odtPages(_ path: String, labels: Set<String>) throws -> [String: Page] {
        let content = try parse(path, "content.xml"), styles = try parse(path, "styles.xml")
        func named(_ root: XMLElement, _ element: String) -> [String: XMLElement] {
            var out: [String: XMLElement] = [:]
            for e in root.descendants(where: { $0.name == element }) { if let name = e.attribute("name") { out[name] = e } }
            return out
        }
        let automatic = try #require(child(content, "automatic-styles"))
        let contentStyles = named(automatic, "style"), masters = named(styles, "master-page"), layouts = named(styles, "page-layout")
        let texts = content.descendants(where: { $0.name == "text" && $0.parent?.name == "body" })
        let text = try #require(texts.first)
        var pages: [String: Page] = [:], current: String?
        for case let element as XMLElement in text.children {
            let label = element.name == "p" ? AppendixTableTests.text(element) : ""
            if labels.contains(label) {
                let master = element.attribute("style-name").flatMap { contentStyles[$0] }?.attribute("master-page-name")
                let layout = master.flatMap { masters[$0] }?.attribute("page-layout-name").flatMap { layouts[$0] }
                let p = child(layout, "page-layout-properties")
                func cm(_ name: String) -> Double { p?.attribute(name).flatMap(ODFTableFormat.centimetres) ?? 0 }
                pages[label] = Page(width: cm("page-width"), height: cm("page-height"),
                                    textWidth: cm("page-width") - cm("margin-left") - cm("margin-right"),
                                    orientation: p?.attribute("print-orientation"))
                current = label
            } else if element.name == "table", let appendix = current {
                let widths = ODFTableFormat().templateWidths(of: element, root: content).widths
                let properties = child(element.attribute("style-name").flatMap { contentStyles[$0] }, "table-properties")
                pages[appendix]?.columns = fractions(widths)
                pages[appendix]?.fillsTextWidth = properties?.attribute("align") == "margins"
                current = nil
            }
        }
        return pages
    }

    /// The Party report's six appendices are portrait and landscape (Phụ lục 2, 4 and 5 need
    /// the width; Phụ lục 1 fits the portrait width but would take three portrait pages for
    /// two landscape ones); the State report's Phụ lục I fits portrait, a wide second one does not.
    @Test(arguments: [("bao-cao-dang-uy.docx", "party"), ("bao-cao-dang-uy.odt", "party"),
                      ("bao-cao-ubnd.docx", "state"), ("bao-cao-ubnd.odt", "state"),
                      ("bao-cao-ubnd.docx", "state-wide"), ("bao-cao-ubnd.odt", "state-wide")])
    func eachAppendixIsOnThePageItsTableNeeds(_ template: String, _ variant: String) throws {
        let report = try Self.report(variant)
        let view = report.templateData().appendices
        let out = TestPaths.scratch(variant).appendingPathComponent(template).path
        try DocumentTemplate(contentsOf: ReportTemplateTests.template(template)).render(try report.templateValue(), to: out)
        let labels = Set(view.map(\.label))
        let pages = try template.hasSuffix(".docx") ? Self.docxPages(out, labels: labels) : Self.odtPages(out, labels: labels)
        for appendix in view {
            let name = "\(template) + \(variant): \(appendix.label)"
            guard let page = pages[appendix.label] else { Issue.record("\(name): not found"); continue }
            #expect((page.width > page.height) == appendix.landscape, "\(name): \(page.width) × \(page.height) cm")
            #expect((page.orientation == "landscape") == appendix.landscape, "\(name): \(page.orientation ?? "no orientation")")
            let textWidth = appendix.landscape ? AppendixMeasure.landscapeWidth : AppendixMeasure.portraitWidth
            #expect(abs(page.textWidth - textWidth) < 0.01, "\(name): text width \(page.textWidth) cm")
            // The model's widths fill the page's text width; the table takes them as they are.
            #expect(abs(appendix.columnWidths.reduce(0, +) - textWidth) < 0.01, "\(name): \(appendix.columnWidths)")
            #expect(page.fillsTextWidth, "\(name): the table is not as wide as the page's text")
            let expected = Self.fractions(appendix.columnWidths)
            #expect(page.columns.count == expected.count && zip(page.columns, expected).allSatisfy { abs($0 - $1) < 0.002 },
                    "\(name): \(page.columns) vs \(expected)")
        }
        let orientations = view.map(\.landscape)
        let expected = ["party": [true, true, false, true, true, false], "state": [false], "state-wide": [false, true]]
        #expect(orientations == expected[variant])
        #expect(try SchemaValidation.errors(of: out).isEmpty, "\(out)")
    }
}

extension PrintTests {
    /// The PDF LibreOffice prints of each report: the page an appendix starts on is portrait
    /// or landscape as the model says, and the pages after it carry their numbers from 2
    /// (DOCX lost them: the appendix's section break set up its first page style only).
    @Test func appendixPagesArePortraitOrLandscapeInThePDF() throws {
        let jobs = ReportSamplePDFs.converted()
        #expect(jobs.count == ReportTemplateTests.templates.count)
        for job in jobs {
            let name = URL(fileURLWithPath: job.output).lastPathComponent
            let view = try AppendixOrientationTests.view(ReportTemplateTests.sample(for: name))
            let count = try Self.pageCount(job.output)
            let texts = try (1...count).map { page in
                try Self.tool("pdftotext", ["-f", "\(page)", "-l", "\(page)", job.output, "-"]).precomposedStringWithCanonicalMapping
                    .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            // An appendix starts the page whose text begins with its label (the body may name it).
            let starts = try view.map { appendix in
                try #require(texts.firstIndex { $0.hasPrefix(appendix.label + " ") }, "\(name): no page starts with \(appendix.label)") + 1
            }
            for (appendix, (start, end)) in zip(view, zip(starts, starts.dropFirst() + [count + 1])) {
                let info = try Self.tool("pdfinfo", ["-f", "\(start)", "-l", "\(start)", job.output])
                let size = try #require(info.firstMatch(of: /size:\s+([\d.]+) x ([\d.]+) pts/), "\(info)")
                let landscape = Double(size.1)! > Double(size.2)!
                #expect(landscape == appendix.landscape, "\(name) page \(start) (\(appendix.label)): \(size.1) × \(size.2) pt")
                for page in (start + 1)..<max(end, start + 1) {
                    #expect(texts[page - 1].hasPrefix("\(page - start + 1) "), "\(name) page \(page): '\(texts[page - 1].prefix(40))'")
                }
            }
        }
    }
}
