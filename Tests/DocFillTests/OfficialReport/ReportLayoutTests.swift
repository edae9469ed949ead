import Foundation
import Testing
@testable import DocFill
import OfficialReport

/// The measurable layout rules of docs/vn-official-report.md, read from the
/// rendered DOCX: page, margins, and the size and weight of each header and closing element.
struct ReportLayoutTests {
    /// Effective character formatting of a paragraph: its style chain, then its first run.
    struct Format: Equatable, CustomStringConvertible {
        var size: Int?   // half-points
        var bold = false, italic = false, underline = false
        var description: String { "\(size.map { "\(Double($0) / 2)pt" } ?? "?")\(bold ? " bold" : "")\(italic ? " italic" : "")\(underline ? " underline" : "")" }
    }

    final class Document {
        let body: XMLElement
        let styles: [String: XMLElement]

        init(_ path: String) throws {
            let reader = try ZipReader(TemplateBytes([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))), file: path, limits: ArchiveLimits())
            body = try XMLParser.parse(try reader.read(reader.entry(named: "word/document.xml")!), file: path, part: "document").root
            let styleRoot = try XMLParser.parse(try reader.read(reader.entry(named: "word/styles.xml")!), file: path, part: "styles").root
            var styles: [String: XMLElement] = [:]
            for case let s as XMLElement in styleRoot.children where s.name == "style" {
                if let id = s.attribute("styleId") { styles[id] = s }
            }
            self.styles = styles
        }

        func text(_ p: XMLElement) -> String {
            p.descendants { $0.name == "t" }.map { $0.children.compactMap { ($0 as? XMLText).map { String(decoding: $0.bytes, as: UTF8.self) } }.joined() }.joined()
        }

        var paragraphs: [XMLElement] { body.descendants { $0.name == "p" } }

        func paragraph(_ text: String) -> XMLElement? { paragraphs.first { self.text($0) == text } }
        func paragraph(startingWith prefix: String) -> XMLElement? { paragraphs.first { self.text($0).hasPrefix(prefix) } }

        private func apply(_ rPr: XMLElement?, to f: inout Format) {
            guard let rPr else { return }
            for case let e as XMLElement in rPr.children {
                let on = e.attribute("val").map { $0 != "false" && $0 != "0" && $0 != "none" } ?? true
                switch e.name {
                case "sz": f.size = e.attribute("val").flatMap(Int.init)
                case "b": f.bold = on
                case "i": f.italic = on
                case "u": f.underline = on
                default: break
                }
            }
        }

        private func applyStyle(_ id: String?, to f: inout Format, depth: Int = 0) {
            guard let id, let style = styles[id], depth < 20 else { return }
            let basedOn = style.children.compactMap { $0 as? XMLElement }.first { $0.name == "basedOn" }?.attribute("val")
            applyStyle(basedOn, to: &f, depth: depth + 1)
            apply(style.children.compactMap { $0 as? XMLElement }.first { $0.name == "rPr" }, to: &f)
        }

        /// The paragraph's justification (`w:jc`), its own or its style chain's; nil when none says.
        func alignment(_ p: XMLElement) -> String? {
            func jc(_ pPr: XMLElement?) -> String? {
                pPr?.children.compactMap { $0 as? XMLElement }.first { $0.name == "jc" }?.attribute("val")
            }
            let pPr = p.children.compactMap { $0 as? XMLElement }.first { $0.name == "pPr" }
            if let own = jc(pPr) { return own }
            var id = pPr?.children.compactMap { $0 as? XMLElement }.first { $0.name == "pStyle" }?.attribute("val")
            for _ in 0..<20 {
                guard let current = id, let style = styles[current] else { return nil }
                let kids = style.children.compactMap { $0 as? XMLElement }
                if let found = jc(kids.first { $0.name == "pPr" }) { return found }
                id = kids.first { $0.name == "basedOn" }?.attribute("val")
            }
            return nil
        }

        func format(_ p: XMLElement) -> Format {
            var f = Format()
            if let defaults = styles.values.first(where: { $0.attribute("default") == "1" && $0.attribute("type") == "paragraph" }) {
                applyStyle(defaults.attribute("styleId"), to: &f)
            }
            let pPr = p.children.compactMap { $0 as? XMLElement }.first { $0.name == "pPr" }
            applyStyle(pPr?.children.compactMap { $0 as? XMLElement }.first { $0.name == "pStyle" }?.attribute("val"), to: &f)
            if let run = p.children.compactMap({ $0 as? XMLElement }).first(where: { $0.name == "r" && !text($0).isEmpty }) {
                let rPr = run.children.compactMap { $0 as? XMLElement }.first { $0.name == "rPr" }
                applyStyle(rPr?.children.compactMap { $0 as? XMLElement }.first { $0.name == "rStyle" }?.attribute("val"), to: &f)
                apply(rPr, to: &f)
            }
            return f
        }

        /// Every w:sectPr in document order (the paragraphs' section breaks, then the body's own,
        /// which sets up the last section), as portrait (true) or landscape (false).
        var sectionsPortrait: [Bool] {
            body.descendants { $0.name == "sectPr" }.map { sect in
                let size = sect.descendants { $0.name == "pgSz" }.first
                return (Int(size?.attribute("w") ?? "") ?? 0) < (Int(size?.attribute("h") ?? "") ?? 0)
            }
        }

        /// The first section's page size and margins, in twips.
        var page: (width: Int, height: Int, top: Int, bottom: Int, left: Int, right: Int) {
            let sect = body.descendants { $0.name == "sectPr" }.first!
            let size = sect.descendants { $0.name == "pgSz" }.first!
            let margin = sect.descendants { $0.name == "pgMar" }.first!
            func v(_ e: XMLElement, _ n: String) -> Int { Int(e.attribute(n) ?? "") ?? -1 }
            return (v(size, "w"), v(size, "h"), v(margin, "top"), v(margin, "bottom"), v(margin, "left"), v(margin, "right"))
        }
    }

    func check(_ doc: Document, _ text: String, _ expected: Format, prefix: Bool = false,
               sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let p = prefix ? doc.paragraph(startingWith: text) : doc.paragraph(text) else {
            Issue.record("no paragraph '\(text)'", sourceLocation: sourceLocation); return
        }
        #expect(doc.format(p) == expected, "'\(text)'", sourceLocation: sourceLocation)
    }

    @Test func partyReportFollowsHD36() throws {
        let doc = try Document(try ReportTemplateTests.render("bao-cao-dang-uy.docx"))
        let page = doc.page
        #expect(page.width == 11906 && page.height == 16838, "A4")
        #expect(page.top == 1134 && page.bottom == 1134 && page.left == 1701 && abs(page.right - 851) <= 2, "20/20/30/15 mm (LibreOffice rounds 15 mm to 850 twips)")
        check(doc, "ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", Format(size: 28))
        check(doc, "ĐẢNG ỦY PHƯỜNG PHỔ HÒA", Format(size: 28, bold: true))
        check(doc, "Số 05-BC/ĐU", Format(size: 28))
        check(doc, "ĐẢNG CỘNG SẢN VIỆT NAM", Format(size: 30, bold: true))
        check(doc, "Phổ Hòa, ngày 15 tháng 8 năm 2023", Format(size: 28, italic: true))
        check(doc, "BÁO CÁO", Format(size: 32, bold: true))
        check(doc, "tổng kết 10 năm", Format(size: 28, bold: true), prefix: true)
        check(doc, "T/M ĐẢNG ỦY", Format(size: 28, bold: true))
        check(doc, "Võ Thanh", Format(size: 28, bold: true))
        check(doc, "Nơi nhận:", Format(size: 28, underline: true))
        check(doc, "- Ban Thường vụ Thị ủy,", Format(size: 24))
    }

    @Test func stateReportFollowsND30() throws {
        let doc = try Document(try ReportTemplateTests.render("bao-cao-ubnd.docx", sample: ReportTemplateTests.stateSample))
        let page = doc.page
        #expect(page.width == 11906 && page.height == 16838, "A4")
        #expect((1134...1418).contains(page.top) && (1701...1985).contains(page.left) && (849...1134).contains(page.right))
        check(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Format(size: 26, bold: true))
        check(doc, "Độc lập - Tự do - Hạnh phúc", Format(size: 28, bold: true))
        check(doc, "Số: 12/BC-UBND", Format(size: 26))
        check(doc, "Phổ Hòa, ngày 20 tháng 01 năm 2026", Format(size: 28, italic: true))
        check(doc, "BÁO CÁO", Format(size: 28, bold: true))
        check(doc, "TM. ỦY BAN NHÂN DÂN", Format(size: 28, bold: true))
        check(doc, "Nguyễn Văn Bình", Format(size: 28, bold: true))
        check(doc, "Nơi nhận:", Format(size: 24, bold: true, italic: true))
        check(doc, "- UBND tỉnh Quảng Ngãi;", Format(size: 22))
    }

    /// The body is one portrait section and each appendix one of its own, landscape or portrait
    /// as its table needs. Without appendices the portrait section is the last: no empty
    /// appendix section is left at the end (it printed as a blank page).
    @Test(arguments: ["bao-cao-dang-uy.docx", "bao-cao-ubnd.docx"])
    func lastSectionIsTheBodyWithoutAppendices(_ name: String) throws {
        let sample = ReportTemplateTests.sample(for: name)
        let appendices = try Report.from(try DataLoader.load(contentsOf: sample), file: sample).templateData().appendices
        try #require(!appendices.isEmpty)
        let full = try Document(try ReportTemplateTests.render(name, sample: sample))
        #expect(full.sectionsPortrait == [true] + appendices.map { !$0.landscape })
        let bare = try Document(try ReportTemplateTests.render(name, sample: sample, withoutAppendices: true))
        #expect(bare.sectionsPortrait == [true])
        let last = bare.body.descendants { $0.name == "body" }.first?.children.compactMap { $0 as? XMLElement }.last
        #expect(last?.name == "sectPr", "the body's last element is \(last?.name ?? "nothing")")
    }
}

/// DOCX: the render drops a last section it left empty (TrailingSection).
struct TrailingSectionTests {
    static let head = #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
    static let text = "<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    static let portrait = #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>"#
    static let landscape = #"<w:sectPr w:rsidR="1"><w:pgSz w:orient="landscape" w:w="16838" w:h="11906"/></w:sectPr>"#
    static let breakParagraph = #"<w:p><w:pPr><w:pStyle w:val="BodyEnd"/>"# + portrait + "</w:pPr><w:r><w:rPr/></w:r></w:p>"
    static let tail = "</w:body></w:document>"

    func apply(_ xml: String) throws -> String {
        let bytes = Array(xml.utf8)
        let root = try XMLParser.parse(bytes, file: "t.docx", part: "word/document.xml").root
        let trailing = try #require(TrailingSection(root: root))
        let out = OutputBuffer()
        out.append(bytes)
        trailing.apply(to: out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test func anEmptyLastSectionGivesWayToTheOneBefore() throws {
        let xml = Self.head + Self.text + Self.breakParagraph + "\n" + Self.landscape + Self.tail
        let expected = Self.head + Self.text + #"<w:p><w:pPr><w:pStyle w:val="BodyEnd"/></w:pPr><w:r><w:rPr/></w:r></w:p>"#
            + "\n" + Self.portrait + Self.tail
        #expect(try apply(xml) == expected)
    }

    @Test func aLastSectionWithContentStays() throws {
        for xml in [Self.head + Self.breakParagraph + Self.text + Self.landscape + Self.tail,       // a paragraph after the break
                    Self.head + Self.breakParagraph + "<w:tbl/>" + Self.landscape + Self.tail,     // a table after it
                    Self.head + Self.text + Self.landscape + Self.tail,                            // no break at all
                    // a tracked change of the break: its old w:sectPr must not be taken for the break
                    Self.head + Self.text + #"<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:sectPrChange w:id="1" w:author="x"><w:sectPr><w:pgSz w:w="16838" w:h="11906"/></w:sectPr></w:sectPrChange></w:sectPr></w:pPr></w:p>"#
                        + Self.landscape + Self.tail] {
            #expect(try apply(xml) == xml)
        }
    }
}
