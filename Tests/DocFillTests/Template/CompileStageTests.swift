import Foundation
import Testing
@testable import DocFill

/// Two compile stages run alone: `Restructure` (section tags paired and put where the
/// structural rules say) on a tree whose tags `TagPlacement` has placed, and `PlanBuilder` on
/// a tree built by hand. Outputs are compared whole.
struct CompileStageTests {
    static let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

    static func parse(_ body: String) throws -> XMLDocument {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \(w)><w:body>\(body)</w:body></w:document>"
        return try XMLParser.parse(Array(xml.utf8), file: nil, part: "word/document.xml")
    }

    /// The body as text: elements by their qualified names (no attributes), text as it is,
    /// a placed tag as `[tag]`, a section marker as `[open name]` / `[close name]`.
    static func outline(_ node: XMLNode) -> String {
        switch node {
        case let e as XMLElement:
            let inner = e.children.map(outline).joined()
            return inner.isEmpty ? "<\(e.qualifiedName)/>" : "<\(e.qualifiedName)>\(inner)</\(e.qualifiedName)>"
        case let t as XMLText: return String(decoding: t.bytes, as: UTF8.self)
        case let p as TagPlaceholder: return "[\(p.tag.source)]"
        case let m as SectionMarker: return "[\(m.isOpen ? "open" : "close") \(m.tag.name)]"
        default: return "?"
        }
    }

    static func body(_ document: XMLDocument) -> String {
        let body = document.root.children.compactMap { $0 as? XMLElement }.first!
        return body.children.map(outline).joined()
    }

    /// Places the tags of `body`, then runs `Restructure` alone.
    static func restructure(_ body: String) throws -> (document: XMLDocument, stage: Restructure) {
        let document = try parse(body)
        var placement = TagPlacement(profile: .docx, file: nil, part: "word/document.xml", delimiters: .mustache)
        placement.place(in: document.root)
        #expect(placement.diagnostics.isEmpty)
        var stage = Restructure(profile: .docx)
        stage.apply(placement.placeholders)
        return (document, stage)
    }

    // MARK: - Restructure

    @Test func inlineSectionIsLiftedToTheParagraph() throws {
        let (document, stage) = try Self.restructure("<w:p><w:r><w:t>[{{#xs}}{{.}};{{/xs}}]</w:t></w:r></w:p>")
        #expect(stage.diagnostics.isEmpty)
        #expect(Self.body(document) == "<w:p><w:r><w:t>[</w:t></w:r>[open xs]<w:r><w:t>[{{.}}];</w:t></w:r>[close xs]<w:r><w:t>]</w:t></w:r></w:p>")
    }

    @Test func paragraphSectionSplitsAtItsTags() throws {
        let (document, stage) = try Self.restructure(
            "<w:p><w:r><w:t>Before {{#xs}}</w:t></w:r></w:p><w:p><w:r><w:t>{{.}}</w:t></w:r></w:p><w:p><w:r><w:t>{{/xs}} after</w:t></w:r></w:p>")
        #expect(stage.diagnostics.isEmpty)
        #expect(Self.body(document) == "<w:p><w:r><w:t>Before </w:t></w:r></w:p>[open xs]<w:p><w:r><w:t>[{{.}}]</w:t></w:r></w:p>[close xs]"
                + "<w:p><w:r><w:t> after</w:t></w:r></w:p>")
        // Pieces holding nothing but a tag vanish.
        let (bare, _) = try Self.restructure(
            "<w:p><w:r><w:t>{{#xs}}</w:t></w:r></w:p><w:p><w:r><w:t>{{.}}</w:t></w:r></w:p><w:p><w:r><w:t>{{/xs}}</w:t></w:r></w:p>")
        #expect(Self.body(bare) == "[open xs]<w:p><w:r><w:t>[{{.}}]</w:t></w:r></w:p>[close xs]")
    }

    @Test func tagsInTwoRowsRepeatTheRowsAndGuardTheTable() throws {
        let row = { (text: String) in "<w:tr><w:tc><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc></w:tr>" }
        let (document, stage) = try Self.restructure("<w:tbl>" + row("Head") + row("{{#xs}}{{a}}") + row("{{b}}{{/xs}}") + "</w:tbl>")
        #expect(stage.diagnostics.isEmpty)
        #expect(Self.body(document) == "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Head</w:t></w:r></w:p></w:tc></w:tr>[open xs]"
                + "<w:tr><w:tc><w:p><w:r><w:t>[{{a}}]</w:t></w:r></w:p></w:tc></w:tr>"
                + "<w:tr><w:tc><w:p><w:r><w:t>[{{b}}]</w:t></w:r></w:p></w:tc></w:tr>[close xs]</w:tbl>")
        let table = try #require(document.root.descendants { $0.name == "tbl" }.first)
        #expect(stage.guards[ObjectIdentifier(table)].map { "\($0)" } == "dropIfNoRows")
    }

    @Test func commentsAndDelimiterChangesLeaveNothing() throws {
        let (document, stage) = try Self.restructure("<w:p><w:r><w:t>a{{! note }}b{{=| |=}}c|v|</w:t></w:r></w:p>")
        #expect(stage.diagnostics.isEmpty)
        #expect(Self.body(document) == "<w:p><w:r><w:t>abc[|v|]</w:t></w:r></w:p>")
    }

    @Test func aSectionLeavingItsTableAndAPartialAreReported() throws {
        let (_, crossing) = try Self.restructure(
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{#xs}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>{{/xs}}</w:t></w:r></w:p>")
        #expect(crossing.diagnostics.map(\.description) == [
            "word/document.xml:2:126 (table 1, row 1, cell 1, \"{{#xs}}\"): error[section_crosses_table]: '{{#xs}}' and '{{/xs}}' are not in the same table: "
                + "open and close a row loop in the same table, or a paragraph loop outside it",
        ])
        let (_, partial) = try Self.restructure("<w:p><w:r><w:t>{{> other}}</w:t></w:r></w:p>")
        #expect(partial.diagnostics.map(\.description) == [
            "word/document.xml:2:107 (paragraph 1, \"{{> other}}\"): error[unsupported_partial]: '{{> other}}': partials work in text templates only",
        ])
    }

    // MARK: - PlanBuilder

    static func tag(_ inner: String) throws -> TemplateTag {
        try TagSyntax.parse(Array(inner.utf8), triple: false, source: "{{\(inner)}}", range: 0..<0).get()
    }

    /// The plan in full: every byte of literal XML, and each node's kind.
    static func dump(_ nodes: [PlanNode], indent: String = "") -> String {
        nodes.map { node in
            switch node {
            case .bytes(let b): return "\(indent)xml \(String(decoding: b, as: UTF8.self))\n"
            case .value(let slot): return "\(indent)value \(slot.tag.name)\n"
            case .section(let slot, let body): return "\(indent)section \(slot.tag.name)\n" + dump(body, indent: indent + "  ")
            case .guarded(let kind, let open, let body, let close):
                return "\(indent)guard \(kind) \(String(decoding: open, as: UTF8.self))…\(String(decoding: close, as: UTF8.self))\n"
                    + dump(body, indent: indent + "  ")
            case .counted(let body): return "\(indent)counted\n" + dump(body, indent: indent + "  ")
            case .image(let slot): return "\(indent)image \(slot.tag.name)\n"
            case .uniqueID(let slot): return "\(indent)id \(slot.original)\n"
            case .shapedTable(_, let body): return "\(indent)shaped table\n" + dump(body, indent: indent + "  ")
            case .cellSpan(let slot): return "\(indent)cell span \(slot.tag.name)\n"
            }
        }.joined()
    }

    /// The part's first bytes: the declaration as the writer puts it, the root and the body.
    static let start = String(decoding: XMLWriter.declaration(standalone: true), as: UTF8.self) + "<w:document \(w)><w:body>"

    @Test func aPartWithoutTagsIsOneRunOfBytes() throws {
        let document = try Self.parse("<w:p><w:r><w:t>Plain</w:t></w:r></w:p>")
        let plan = PlanBuilder(profile: .docx, guards: [:], root: document.root).build(document)
        #expect(Self.dump(plan) == "xml \(Self.start)<w:p><w:r><w:t>Plain</w:t></w:r></w:p></w:body></w:document>\n")
    }

    @Test func aValueSplitsTheBytesAroundIt() throws {
        let document = try Self.parse("<w:p><w:r><w:t>Dear:</w:t></w:r></w:p>")
        let paragraph = try #require(document.root.descendants { $0.name == "p" }.first)
        let text = try #require(document.root.descendants { $0.name == "t" }.first)
        text.append(TagPlaceholder(tag: try Self.tag("name"), location: SourceLocation(), paragraph: paragraph))
        let plan = PlanBuilder(profile: .docx, guards: [:], root: document.root).build(document)
        #expect(Self.dump(plan) == """
            xml \(Self.start)<w:p><w:r><w:t>Dear:
            value name
            xml </w:t></w:r></w:p></w:body></w:document>

            """)
    }

    @Test func markersBecomeASectionAndAGuardWrapsTheTable() throws {
        let document = try Self.parse("<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>")
        let table = try #require(document.root.descendants { $0.name == "tbl" }.first)
        let paragraph = try #require(document.root.descendants { $0.name == "p" }.first)
        let open = TagPlaceholder(tag: try Self.tag("#rows"), location: SourceLocation(), paragraph: paragraph)
        let close = TagPlaceholder(tag: try Self.tag("/rows"), location: SourceLocation(), paragraph: paragraph)
        table.insert(SectionMarker(open, isOpen: true), at: 0)
        table.append(SectionMarker(close, isOpen: false))
        let plan = PlanBuilder(profile: .docx, guards: [ObjectIdentifier(table): .dropIfNoRows], root: document.root).build(document)
        #expect(Self.dump(plan) == """
            xml \(Self.start)
            guard dropIfNoRows <w:tbl>…</w:tbl>
              section rows
                counted
                  xml <w:tr><w:tc><w:p/></w:tc></w:tr>
            xml </w:body></w:document>

            """)
    }
}
