import Testing
@testable import DocFill

/// A rendered table's skeleton: every cell's content set aside whole and in order, its marks
/// taken out, nested tables' cells and marks left in their content; what cannot be followed
/// gives no skeleton.
struct TableSkeletonTests {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func docxCellContentsAfterTheirPropertiesAreSetAside() throws {
        let xml = "<w:tbl><w:tblGrid/><w:tr><w:tc><w:tcPr><w:tcW w:w=\"5\"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p>"
            + "<?docfill-col 0?></w:tc><w:tc><w:p><?docfill-span colspan 2?><w:r><w:t>b &gt; c</w:t></w:r></w:p></w:tc><w:tc/></w:tr></w:tbl>"
        let skeleton = try #require(TableSkeleton(Array(xml.utf8), format: DOCXTableFormat()))
        #expect(Self.text(skeleton.bytes) == "<w:tbl><w:tblGrid/><w:tr><w:tc><w:tcPr><w:tcW w:w=\"5\"/></w:tcPr><?docfill-cell 0?></w:tc>"
                + "<w:tc><?docfill-cell 1?></w:tc><w:tc/></w:tr></w:tbl>")
        #expect(skeleton.contents.map(Self.text) == ["<w:p><w:r><w:t>a</w:t></w:r></w:p>", "<w:p><w:r><w:t>b &gt; c</w:t></w:r></w:p>"])
        #expect(skeleton.marks.map { $0.map(Self.text) } == [["<?docfill-col 0?>"], ["<?docfill-span colspan 2?>"]])
    }

    @Test func aNestedTableKeepsItsCellsAndMarksInTheContent() throws {
        let inner = "<w:tbl><w:tr><w:tc><w:p><?docfill-span rowspan 2?></w:p></w:tc></w:tr></w:tbl>"
        let xml = "<w:tbl><w:tr><w:tc><w:tcPr/><w:p/>\(inner)<w:p/><?docfill-col 1?></w:tc></w:tr></w:tbl>"
        let skeleton = try #require(TableSkeleton(Array(xml.utf8), format: DOCXTableFormat()))
        #expect(Self.text(skeleton.bytes) == "<w:tbl><w:tr><w:tc><w:tcPr/><?docfill-cell 0?></w:tc></w:tr></w:tbl>")
        #expect(skeleton.contents.map(Self.text) == ["<w:p/>\(inner)<w:p/>"])
        #expect(skeleton.marks.map { $0.map(Self.text) } == [["<?docfill-col 1?>"]])
    }

    @Test func odfCellsAndCoveredCellsUnderTheTablesOwnPrefix() throws {
        let xml = "<t:table t:name=\"A\"><t:table-column/><t:table-header-rows><t:table-row><t:table-cell t:number-columns-spanned=\"2\">"
            + "<text:p>x<?docfill-span merge 41?></text:p></t:table-cell><t:covered-table-cell/></t:table-row></t:table-header-rows>"
            + "<t:table-row><t:table-cell><text:p>y</text:p></t:table-cell><t:covered-table-cell><text:p/></t:covered-table-cell></t:table-row></t:table>"
        let skeleton = try #require(TableSkeleton(Array(xml.utf8), format: ODFTableFormat()))
        #expect(skeleton.contents.map(Self.text) == ["<text:p>x</text:p>", "<text:p>y</text:p>", "<text:p/>"])
        #expect(skeleton.marks.map(\.count) == [1, 0, 0])
        #expect(Self.text(skeleton.bytes).contains("<t:table-cell t:number-columns-spanned=\"2\"><?docfill-cell 0?></t:table-cell><t:covered-table-cell/>"))
    }

    @Test func markupThatCannotBeFollowedGivesNoSkeleton() {
        for xml in ["<w:tbl><w:tr><w:tc><w:p>", "<w:p/>", "<w:tbl><w:tr><w:tc></w:tr></w:tbl>x<"] {
            #expect(TableSkeleton(Array(xml.utf8), format: DOCXTableFormat()) == nil, "\(xml)")
        }
    }
}
