import Foundation
import Testing
@testable import DocFill
import OfficialReport

/// Issue 19, "the official report, page by page": what kept a rendered report from being
/// signed as it is. Each test reads the layout from the rendered DOCX/ODT XML or the CLI.
struct OfficialReportPageTests {
    static let party = "Samples/pho-hoa-2023.yaml"
    static let state = "Samples/ubnd-pho-hoa-2025.yaml"

    /// Party data in the State template (and the reverse) is refused with both kinds named;
    /// each template takes its own kind.
    @Test(arguments: [("bao-cao-ubnd.docx", party, "party", "state"), ("bao-cao-dang-uy.odt", state, "state", "party")])
    func aReportOfTheOtherKindIsRefused(template: String, data: String, dataKind: String, templateKind: String) throws {
        let out = TestPaths.scratch().appendingPathComponent("out." + (template as NSString).pathExtension).path
        let r = try CLITests.docfill(["render", "Templates/" + template, data, "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error[kind_mismatch]: kind: the data is a \(dataKind) report but the template is written for a \(templateKind) report"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let check = try CLITests.docfill(["check", "Templates/" + template, data])
        #expect(check.status == 1 && check.stdout.contains("kind_mismatch"), "\(check.stdout)")
        // --model official-report does not lift it: the template is still written for one kind.
        let explicit = try CLITests.docfill(["render", "Templates/" + template, data, "--model", "official-report", "-o", out])
        #expect(explicit.status == 1 && explicit.stderr.contains("kind_mismatch"), "\(explicit.stderr)")
    }

    /// Rows and totals of the appendix tables print figures one way: thousands grouped with a
    /// dot ("2.100" in a row, "3.880" in its total), and centred alike. The State appendix's
    /// figures were left-aligned text under centred totals.
    @Test(arguments: ["bao-cao-dang-uy.docx", "bao-cao-ubnd.docx"])
    func figuresPrintOneWayInRowsAndTotals(_ name: String) throws {
        let doc = try ReportLayoutTests.Document(try ReportTemplateTests.render(name, sample: ReportTemplateTests.sample(for: name)))
        // Data and total rows: header rows (w:tblHeader) name years ("2013") as labels.
        let rows = doc.body.descendants { $0.name == "tr" }.filter { $0.descendants { $0.name == "tblHeader" }.isEmpty }.map { tr in
            tr.children.compactMap { $0 as? XMLElement }.filter { $0.name == "tc" }.map { tc in
                (text: doc.text(tc), alignment: tc.descendants { $0.name == "p" }.compactMap { doc.alignment($0) }.first ?? "?")
            }
        }
        let figure = try NSRegularExpression(pattern: #"^-?\d{1,3}(\.\d{3})*(,\d+)?%?$"#)
        var figures = 0
        for row in rows {
            for cell in row.dropFirst() where cell.text.first?.isNumber == true && !cell.text.contains(" ") {
                let range = NSRange(cell.text.startIndex..., in: cell.text)
                #expect(figure.firstMatch(in: cell.text, range: range) != nil, "\(name): '\(cell.text)' is not in one format")
                #expect(cell.alignment == "center", "\(name): '\(cell.text)' is aligned \(cell.alignment)")
                figures += 1
            }
        }
        #expect(figures >= 10)
        if name.contains("dang-uy") {
            #expect(rows.contains { $0.map(\.text).starts(with: ["2013-2018", "96", "2.100"]) }, "a row's 2100 prints as 2.100")
            #expect(rows.contains { $0.map(\.text).starts(with: ["Tổng cộng", "166", "3.880"]) })
        } else {
            #expect(rows.contains { $0.map(\.text) == ["Tổng cộng", "", "12", "45"] })
        }
    }

    /// State report (NĐ 30/2020): the body must point to each appendix (rule B7), which
    /// `check` reports when it does not; the superior-body line is optional (district-level
    /// units were abolished from 7/2025) and the sample has none; the model tells whether an
    /// appendix needs a landscape page (the sample's four columns fit portrait).
    @Test func stateReportsPointToTheirAppendixAndNeedNoSuperiorLine() throws {
        var report = try Report.from(try DataLoader.load(contentsOf: TestPaths.repo.appendingPathComponent(Self.state).path))
        #expect(report.issuer.superior == nil)
        #expect(report.validate().isEmpty, "\(report.validate())")
        #expect(report.templateData().appendices.map(\.landscape) == [false])
        report.parts[0].sections[0].items[0].bullets[0].text = "Tiếp công dân định kỳ: 12 buổi, tiếp 45 lượt người;"
        #expect(report.validate().map(\.code) == ["appendix_not_referenced"])
        #expect(report.validate().first?.message.contains("Phụ lục I") == true)
        // Party reports are not held to it (no HD 36 rule found).
        var party = report
        party.kind = .party
        #expect(!party.validate().map(\.code).contains("appendix_not_referenced"))

        let doc = try ReportLayoutTests.Document(try ReportTemplateTests.render("bao-cao-ubnd.docx", sample: ReportTemplateTests.stateSample))
        let header = try #require(doc.body.descendants { $0.name == "tbl" }.first)
        let lines = header.descendants { $0.name == "p" }.map { doc.text($0) }.filter { !$0.isEmpty }
        #expect(lines.first == "ỦY BAN NHÂN DÂN", "\(lines)")
        #expect(!lines.contains { $0.contains("THỊ XÃ") })
    }

    /// A copy of the Party sample with `extra` added at its top level, in a scratch folder.
    static func partySample(adding extra: String) throws -> String {
        let dir = TestPaths.scratch()
        let file = dir.appendingPathComponent("report.yaml").path
        let text = try String(contentsOfFile: TestPaths.repo.appendingPathComponent(party).path, encoding: .utf8)
        try (text + "\n" + extra + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The seed's "Dân vận khéo" total states 15 where its rows give 32. `check` lists it as a
    /// finding to confirm; the page prints 32, or 15 with `stated_totals: true` (an office
    /// reproducing a signed original), which `check` still reports.
    @Test func aCorrectedTotalIsAFindingAndTheStatedOneCanBePrinted() throws {
        let check = try CLITests.docfill(["check", "Templates/bao-cao-dang-uy.docx", Self.party])
        let mismatch = check.stdout.split(separator: "\n").filter { $0.contains("warning[total_mismatch]") }
        #expect(mismatch.count == 1 && mismatch[0].contains("confirm which is right: the page prints the computed figure, or the stated one with stated_totals: true"), "\(check.stdout)")
        for (extra, total) in [("", "Tổng cộng | 32 | 1 | 13 | 14 | 5"), ("stated_totals: true", "Tổng cộng | 15 | 1 | 13 | 14 | 5")] {
            let data = try Self.partySample(adding: extra)
            let out = TestPaths.scratch().appendingPathComponent("out.docx").path
            let r = try CLITests.docfill(["render", "Templates/bao-cao-dang-uy.docx", data, "-o", out])
            #expect(r.status == 0 && r.stderr.contains("total_mismatch"), "\(r.stderr)")
            let lines = try DocumentText.extract(out).components(separatedBy: "\n")
            #expect(lines.contains { $0.hasPrefix(total) }, "'\(extra)': no line '\(total)'")
        }
    }

    /// Appendix 4's four header cells the seed lost: the two under "Đối thoại …" are named
    /// from their figures; the two of group (2) the seed gives no meaning for are `check`
    /// findings (blank_header warnings), each at its data line.
    @Test func blankHeaderCellsAreFilledOrReported() throws {
        let report = try Report.from(try DataLoader.load(contentsOf: TestPaths.repo.appendingPathComponent(Self.party).path))
        let appendix = report.appendices[3]
        #expect(appendix.columnTitle(8).hasSuffix("Đối thoại cấp ủy, chính quyền với nhân dân / Số cuộc"))
        #expect(appendix.columnTitle(9).hasSuffix("Đối thoại cấp ủy, chính quyền với nhân dân / Số người tham gia"))
        let check = try CLITests.docfill(["check", "Templates/bao-cao-dang-uy.docx", Self.party])
        let blank = check.stdout.split(separator: "\n").filter { $0.contains("warning[blank_header]") }
        #expect(blank.map { $0.split(separator: " ")[0] } == ["\(Self.party):435:11:", "\(Self.party):436:11:"], "\(check.stdout)")
        #expect(blank.first?.contains("appendices[3].columns[2][4]: header row 3, cell 5 of appendix 4 has no label") == true)
        #expect(check.status == 0)
    }

    /// Party templates print on plain margins (left 30 mm on every page): no mirrored pages,
    /// which put 15 mm at the binding side of even pages printed one-sided.
    @Test func partyMarginsAreNotMirrored() throws {
        for name in ["bao-cao-dang-uy.docx", "bao-cao-dang-uy.odt"] {
            let part = name.hasSuffix(".docx") ? "word/settings.xml" : "styles.xml"
            let xml = try ImageTests.text(ReportTemplateTests.template(name), part)
            #expect(!xml.contains("mirrorMargins") && !xml.contains("mirrored"), "\(name) \(part)")
        }
    }
}

extension PrintTests {
    /// Words of one PDF page with their boxes, from `pdftotext -bbox` (points, origin top left).
    static func words(_ pdf: String, page: Int) throws -> [(text: String, xMin: Double, yMin: Double, xMax: Double, yMax: Double)] {
        let html = try tool("pdftotext", ["-bbox", "-f", "\(page)", "-l", "\(page)", pdf, "-"])
        let pattern = try NSRegularExpression(pattern: #"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>"#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { m in
            func g(_ i: Int) -> String { String(html[Range(m.range(at: i), in: html)!]) }
            return (g(5), Double(g(1))!, Double(g(2))!, Double(g(3))!, Double(g(4))!)
        }
    }

    /// The Party report printed: pages 2 and 3 (an even and an odd page) both start their
    /// lines 30 mm (85 pt) from the left edge; mirrored margins moved even pages to 15 mm.
    @Test func officialReportPagesKeepTheLeftMarginOnEvenPages() throws {
        for name in ["bao-cao-dang-uy.docx", "bao-cao-dang-uy.odt"] {
            let doc = try ReportTemplateTests.render(name)
            let pdf = TestPaths.scratch().appendingPathComponent(name + ".pdf").path
            try PDFConverter().convert(doc, to: pdf)
            for page in [2, 3] {
                let left = try Self.words(pdf, page: page).filter { $0.yMin > 60 }.map(\.xMin).min() ?? 0
                #expect(abs(left - 85) < 2, "\(name) page \(page): text starts at \(left) pt")
            }
        }
    }
}

extension PrintTests {
    /// Pages of a PDF whose text holds `text` (NFC, whitespace-normalised).
    static func pages(of pdf: String, containing text: String) throws -> [Int] {
        let count = try Self.pageCount(pdf)
        return try (1...count).filter { page in
            try tool("pdftotext", ["-f", "\(page)", "-l", "\(page)", pdf, "-"]).precomposedStringWithCanonicalMapping
                .split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(text)
        }
    }

    /// Appendix text is 10 pt or more, at the size the model picks from the column count and
    /// the page (Phụ lục 2's 28 figure columns: 10 pt, headers upright; the others 12 pt), and
    /// header words break only at spaces: every word of Phụ lục 2's header is printed whole
    /// ("nghiệp", not "nghiệ" + "p").
    @Test func officialReportAppendixTextIsTenPointOrMoreWithWholeHeaderWords() throws {
        let report = try Report.from(try DataLoader.load(contentsOf: ReportTemplateTests.sample), file: ReportTemplateTests.sample)
        let view = report.templateData().appendices
        #expect(view.map(\.fontSize) == [12, 10, 12, 12, 12, 12])
        #expect(view.map(\.verticalHeaders) == [false, true, false, false, false, false])
        for name in ["bao-cao-dang-uy.docx", "bao-cao-dang-uy.odt"] {
            let doc = try ReportTemplateTests.render(name)
            if name.hasSuffix(".docx") {
                // The table styles, and any size set on the page (2 pt spacer paragraphs aside).
                let styles = try ImageTests.text(doc, "word/styles.xml").components(separatedBy: "<w:style ")
                    .filter { $0.contains(#"w:styleId="Table"#) }.joined()
                let xml = try ImageTests.text(doc, "word/document.xml") + styles
                let sizes = xml.matches(of: /<w:sz w:val="(\d+)"/).map { Int($0.1)! }
                #expect(!sizes.isEmpty && sizes.allSatisfy { $0 >= 20 || $0 <= 4 }, "sizes below 10 pt: \(Set(sizes).sorted())")
            }
            let pdf = TestPaths.scratch().appendingPathComponent(name + ".pdf").path
            try PDFConverter().convert(doc, to: pdf)
            let page = try #require(try Self.pages(of: pdf, containing: "Phụ lục 2").first)
            let printed = Set(try Self.words(pdf, page: page).map { $0.text.precomposedStringWithCanonicalMapping })
            let headerWords = report.appendices[1].columns.flatMap { $0 }.flatMap { $0.text.split(whereSeparator: \.isWhitespace) }
                .map { String($0).precomposedStringWithCanonicalMapping }
            let broken = Set(headerWords).subtracting(printed)
            #expect(broken.isEmpty, "\(name): header words not printed whole: \(broken.sorted())")
        }
    }

    /// Phụ lục 1 takes two pages: its columns follow their content (the model's widths), no row
    /// splits across pages (w:cantSplit, ODT keep-together) and the header row repeats.
    @Test func officialReportAppendixOneFitsTwoPagesWithoutSplitRows() throws {
        let report = try Report.from(try DataLoader.load(contentsOf: ReportTemplateTests.sample), file: ReportTemplateTests.sample)
        let widths = report.templateData().appendices[0].columnWidths
        #expect(widths[3] > 2 * widths[1], "'Nội dung' is wider than the nearly empty 'Văn bản': \(widths)")
        for name in ["bao-cao-dang-uy.docx", "bao-cao-dang-uy.odt"] {
            let doc = try ReportTemplateTests.render(name)
            if name.hasSuffix(".docx") {
                let xml = try ImageTests.text(doc, "word/document.xml")
                let appendixOne = try #require(xml.range(of: "Phụ lục 1")).upperBound
                let tables = xml[appendixOne...].components(separatedBy: "<w:tbl>").dropFirst()
                for table in tables {
                    let rows = table.matches(of: /<w:tr[ >]/).count
                    #expect(table.components(separatedBy: "<w:cantSplit").count - 1 == rows, "every row cannot split")
                    #expect(table.contains("<w:tblHeader"), "the header row repeats")
                }
                // The first appendix table's grid is the model's widths (twips, 567 a centimetre).
                let grid = tables.first.map { $0.matches(of: /<w:gridCol w:w="(\d+)"/).map { Double($0.1)! / 567 } } ?? []
                #expect(grid.count == 5 && zip(grid, widths).allSatisfy { abs($0 - $1) < 0.05 }, "\(grid) vs \(widths)")
            } else {
                let xml = try ImageTests.text(doc, "content.xml")
                #expect(xml.contains(#"fo:keep-together="always""#))
            }
            let pdf = TestPaths.scratch().appendingPathComponent(name + ".pdf").path
            try PDFConverter().convert(doc, to: pdf)
            let first = try #require(try Self.pages(of: pdf, containing: "Phụ lục 1").first)
            let next = try #require(try Self.pages(of: pdf, containing: "Phụ lục 2").first)
            #expect(next - first == 2, "\(name): Phụ lục 1 takes \(next - first) pages")
            // The last row stays whole: its number and its last words on one page.
            let last = try Self.words(pdf, page: next - 1).map(\.text)
            #expect(last.contains("23") && last.contains("xã") && last.contains("hội."), "\(name): \(last.suffix(20))")
        }
    }
}

extension PrintTests {
    /// `render --pdf` says once which installed font stood in for one the document asks for
    /// (fontconfig's answer, the font LibreOffice embeds): Times New Roman → Liberation Serif
    /// here. The requested fonts are the ones the text uses, in both formats.
    @Test func officialReportPDFSaysWhichFontStoodIn() throws {
        for name in ["bao-cao-dang-uy.docx", "bao-cao-ubnd.odt"] {
            let format: DocumentFormat = name.hasSuffix(".docx") ? .docx : .odt
            let families = FontRequests.families(in: ReportTemplateTests.template(name), format: format)
            #expect(families.first == "Times New Roman" && !families.contains("Arial") && !families.contains("Symbol"), "\(families)")
            let used = try #require(FontSubstitution.match(try ExternalTool.find("fc-match", explicit: nil, extraPlaces: [], code: "x", install: "x"), "Times New Roman"))
            let out = TestPaths.scratch().appendingPathComponent(name + ".pdf").path
            let data = name.contains("ubnd") ? OfficialReportPageTests.state : OfficialReportPageTests.party
            let r = try CLITests.docfill(["render", "Templates/" + name, data, "-o", out])
            #expect(r.status == 0, "\(r.stderr)")
            let notes = r.stderr.split(separator: "\n").filter { $0.contains("font_substituted") }
            if used == "Times New Roman" {
                #expect(notes.isEmpty, "\(notes)")
            } else {
                #expect(notes.count == 1 && notes[0].contains("Times New Roman → \(used)"), "\(r.stderr)")
                let embedded = try Self.tool("pdffonts", [out])
                #expect(embedded.contains(used.replacingOccurrences(of: " ", with: "")), "\(embedded)")
            }
        }
    }
}
