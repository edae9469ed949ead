import Foundation
import Testing
@testable import DocFill

/// Each compile stage run alone: lexer, tag syntax, pairing, placement, plan.
struct StageTests {
    static let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

    func compile(_ body: String) throws -> (plan: String, result: PartCompiler.Result) {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \(Self.w)><w:body>\(body)</w:body></w:document>"
        let doc = try XMLParser.parse(Array(xml.utf8), file: nil, part: "word/document.xml")
        let result = PartCompiler(profile: .docx, delimiters: .mustache, filters: .standard).compile(doc, file: nil, part: "word/document.xml")
        var dump = ""
        PlanNode.dump(result.plan ?? [], into: &dump)
        return (dump, result)
    }

    func render(_ body: String, _ data: Value) throws -> String {
        let (_, result) = try compile(body)
        var renderer = PlanRenderer(options: RenderOptions(), filters: .standard)
        var context = ContextStack(root: data)
        let out = OutputBuffer()
        renderer.render(result.plan ?? [], context: &context, into: out)
        #expect(renderer.evaluator.diagnostics.isEmpty)
        let text = String(decoding: out.bytes, as: UTF8.self)
        return String(text[text.range(of: "<w:body>")!.upperBound..<text.range(of: "</w:body>")!.lowerBound])
    }

    @Test func lexerFindsTagsAndKeepsDelimiterChanges() {
        var lexer = Lexer()
        var problems: [Lexer.Problem] = []
        let tokens = lexer.lex(Array("a {{x}} {{=<% %>=}} <%y%> {{z}}".utf8), problems: &problems)
        let tags = tokens.compactMap { if case .tag(let t) = $0 { return t.source } else { return nil } }
        #expect(tags == ["{{x}}", "{{=<% %>=}}", "<%y%>"])
        #expect(problems.isEmpty)
        #expect(lexer.delimiters == Delimiters(open: "<%", close: "%>"))
    }

    @Test func tagSyntaxReadsSigilsNamesAndFilters() throws {
        let tag = try TagSyntax.parse(Array(" value | default:\"—, none\" | upper ".utf8), triple: false, source: "", range: 0..<0).get()
        #expect(tag.kind == .variable && tag.name == "value")
        #expect(tag.filters == [FilterCall(name: "default", arguments: ["—, none"]), FilterCall(name: "upper", arguments: [])])
        #expect(try TagSyntax.parse(Array("#items".utf8), triple: false, source: "", range: 0..<0).get().kind == .sectionOpen)
        #expect(try TagSyntax.parse(Array("& raw".utf8), triple: false, source: "", range: 0..<0).get().kind == .unescapedVariable)
    }

    @Test func tagSplitOverRunsWithBookmarksAndProofErrors() throws {
        let body = """
        <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Hi {</w:t></w:r><w:proofErr w:type="spellStart"/>\
        <w:r><w:rPr><w:i/></w:rPr><w:t>{na</w:t></w:r><w:bookmarkStart w:id="0" w:name="x"/>\
        <w:r w:rsidR="00AB"><w:t>m</w:t></w:r><w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellEnd"/>\
        <w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>e}}!</w:t></w:r></w:p>
        """
        let out = try render(body, .object(["name": .string("Lan")]))
        // The value sits in the bold run where the tag starts; emptied runs are gone.
        #expect(out == """
        <w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Hi Lan</w:t></w:r><w:proofErr w:type="spellStart"/>\
        <w:bookmarkStart w:id="0" w:name="x"/><w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellEnd"/>\
        <w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>!</w:t></w:r></w:p>
        """)
    }

    @Test func inlineSectionSplitsRunsAndRepeats() throws {
        let body = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>[{{#xs}}{{.}};{{/xs}}]</w:t></w:r></w:p>"
        let out = try render(body, .object(["xs": .array([.int(1), .int(2)])]))
        #expect(out == "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>[</w:t></w:r>"
                + "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">1;</w:t></w:r>"
                + "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">2;</w:t></w:r>"
                + "<w:r><w:rPr><w:b/></w:rPr><w:t>]</w:t></w:r></w:p>")
    }

    @Test func tagOnlyParagraphsVanishAroundARepeatedParagraph() throws {
        let body = "<w:p><w:r><w:t>{{#xs}}</w:t></w:r></w:p><w:p><w:r><w:t>{{.}}</w:t></w:r></w:p><w:p><w:r><w:t>{{/xs}}</w:t></w:r></w:p>"
        let out = try render(body, .object(["xs": .array([.string("a"), .string("b & c")])]))
        #expect(out == "<w:p><w:r><w:t xml:space=\"preserve\">a</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">b &amp; c</w:t></w:r></w:p>")
    }

    @Test func controlCharactersAreDroppedAndBreaksBecomeMarkup() throws {
        let body = "<w:p><w:r><w:t>{{v}}</w:t></w:r></w:p>"
        let out = try render(body, .object(["v": .string("a\u{1}b\r\nc\td\u{FFFE}")]))
        #expect(out == "<w:p><w:r><w:t xml:space=\"preserve\">ab</w:t><w:br/><w:t xml:space=\"preserve\">c</w:t><w:tab/><w:t xml:space=\"preserve\">d</w:t></w:r></w:p>")
    }

    @Test func sectionPairingReportsEveryProblem() {
        func tag(_ kind: TagKind, _ name: String) -> TemplateTag { TemplateTag(kind: kind, name: name, filters: [], source: name, range: 0..<0) }
        let (pairs, problems) = SectionPairing.pair([tag(.sectionOpen, "a"), tag(.close, "b"), tag(.close, "c"), tag(.sectionOpen, "d")])
        #expect(pairs.isEmpty)   // the mismatched close ends {{#a}} without pairing it
        #expect(problems.map { $0.code } == ["mismatched_close", "unexpected_close", "unclosed_section"])
    }
}
