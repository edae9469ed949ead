@testable import DocFill
import Testing

/// `XMLParser.parse(keepingDepth:)`: a part read for its top levels only (the style list of
/// styles.xml) builds those levels and nothing below, and keeps every limit of a whole parse.
struct ShallowParseTests {
    @Test func elementsBelowTheDepthAreNotBuilt() throws {
        let xml = Array("<a><b x=\"1\"><c>deep<e/></c>tail</b><!--note--><d>top</d></a>".utf8)
        let root = try XMLParser.parse(xml, file: nil, part: "p.xml", keepingDepth: 2).root
        let children = root.children.compactMap { $0 as? XMLElement }
        #expect(children.map(\.name) == ["b", "d"])
        #expect(children[0].attribute("x") == "1")
        // b and d are at the deepest level kept: their own text is kept, the elements below
        // them (and the text inside those) are not built.
        #expect(children[0].children.map { ($0 as? XMLText).map { String(decoding: $0.bytes, as: UTF8.self) } } == ["tail"])
        #expect(children[1].children.map { ($0 as? XMLText).map { String(decoding: $0.bytes, as: UTF8.self) } } == ["top"])
        // The whole tree, for comparison.
        let whole = try XMLParser.parse(xml, file: nil, part: "p.xml").root
        #expect((whole.children.first as? XMLElement)?.children.count == 2)
    }

    @Test func skippedLevelsStillCountTowardsTheNestingLimit() {
        let depth = XMLParser.maxDepth + 5
        let xml = Array((String(repeating: "<e>", count: depth) + String(repeating: "</e>", count: depth)).utf8)
        #expect(throws: DocFillError.self) { try XMLParser.parse(xml, file: nil, part: "p.xml", keepingDepth: 3) }
        do {
            _ = try XMLParser.parse(xml, file: nil, part: "p.xml", keepingDepth: 3)
        } catch let error as DocFillError {
            #expect(error.diagnostics.first?.code == "xml_limit")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func malformedBelowTheDepthIsStillRefused() {
        let xml = Array("<a><b><c></b></c></a>".utf8)
        #expect(throws: DocFillError.self) { try XMLParser.parse(xml, file: nil, part: "p.xml", keepingDepth: 1) }
    }
}
