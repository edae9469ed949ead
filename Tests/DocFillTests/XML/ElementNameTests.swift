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

/// Each profile has a cache space of its own: a set of another space with the same bit is
/// answered by its own names, not by what an earlier profile's set remembered.
struct NameCacheSpaceTests {
    @Test func setsOfTwoSpacesWithOneBitStayApart() throws {
        let w = Namespaces.w
        let docxParagraphs = FormatProfile.docx.paragraphs
        let other = NameSetMaker(space: 99, bits: 0..<64)
        var sameBit = other.make(w, ["r"])
        while sameBit.bit != docxParagraphs.bit { sameBit = other.make(w, ["r"]) }
        for element in try ElementNameTests.elements() where element.qname?.namespace == w {
            for _ in 0..<2 {
                #expect(element.matches(docxParagraphs) == (element.name == "p"), "\(element.qualifiedName)")
                #expect(element.matches(sameBit) == (element.name == "r"), "\(element.qualifiedName)")
            }
        }
    }

    /// Each profile draws its sets from its own space, with bits to spare.
    @Test func profilesHaveTheirOwnSpaces() {
        #expect(FormatProfile.docx.paragraphs.space != FormatProfile.odt.paragraphs.space)
        #expect(FormatProfile.docx.images.drawings.space == FormatProfile.docx.paragraphs.space)
        #expect(FormatProfile.drawingText.paragraphs.space != FormatProfile.docx.paragraphs.space)
    }
}
