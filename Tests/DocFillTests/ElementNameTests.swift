import Testing
@testable import DocFill

/// Element names are made once per distinct name of a part and remember the profile's
/// answers; both must give exactly what comparing the names would.
struct ElementNameTests {
    static let xml = """
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:x="urn:other">\
        <w:body><w:p w:rsidR="1"><w:r><w:t>a</w:t></w:r></w:p><x:p x:rsidR="2"/><w:p w:rsidR="3"/>\
        <p xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/></w:body></w:document>
        """

    static func elements() throws -> [XMLElement] {
        try XMLParser.parse(Array(xml.utf8), file: nil, part: "t.xml").root.descendants(where: { _ in true })
    }

    @Test func oneNamePerDistinctName() throws {
        let all = try Self.elements()
        let paragraphs = all.filter { $0.name == "p" }
        #expect(paragraphs.map(\.qualifiedName) == ["w:p", "x:p", "w:p", "p"])
        // The two w:p share their name; x:p (another namespace) and p (no prefix) do not.
        #expect(paragraphs[0].elementName === paragraphs[2].elementName)
        #expect(paragraphs[0].elementName !== paragraphs[1].elementName)
        #expect(paragraphs[0].elementName !== paragraphs[3].elementName)
        #expect(paragraphs.map { $0.attribute("rsidR") } == ["1", "2", "3", nil])
        #expect(paragraphs.map { $0.attributes.first?.qualifiedName } == ["w:rsidR", "x:rsidR", "w:rsidR", nil])
    }

    /// The remembered answers agree with the sets, whichever order the tests come in and with
    /// both profiles' sets asked of the same names.
    @Test func rememberedAnswersMatchTheSets() throws {
        let sets = [FormatProfile.docx.paragraphs, FormatProfile.docx.runs, FormatProfile.docx.textCarriers,
                    FormatProfile.odt.paragraphs, FormatProfile.odt.runs, FormatProfile.docx.spaceElements]
        for order in [sets, sets.reversed()] {
            for element in try Self.elements() {
                for set in order {
                    let expected = element.qname.map { set.names.contains($0) } ?? false
                    #expect(element.matches(set) == expected, "\(element.qualifiedName)")
                    #expect(element.matches(set) == expected, "\(element.qualifiedName), asked again")
                }
            }
        }
        #expect(try Self.elements().filter { $0.matches(FormatProfile.docx.paragraphs) }.count == 3)
    }

    /// A node taken out of the tree stays alive with its subtree, so a run still held by a
    /// later stage can read its parent.
    @Test func removedNodesKeepTheirSubtree() throws {
        let document = try XMLParser.parse(Array(Self.xml.utf8), file: nil, part: "t.xml")
        let run = document.root.descendants(where: { $0.name == "r" })[0]
        run.parent!.remove()
        #expect(run.parent?.qualifiedName == "w:p")
        #expect(run.parent?.parent == nil)
        #expect(document.root.descendants(where: { $0.name == "r" }).isEmpty)
    }
}
