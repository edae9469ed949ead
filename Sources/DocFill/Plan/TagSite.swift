/// Where a tag sits in a document, in the words an author uses in a word processor: the
/// table cell, or else the paragraph. Numbers are 1-based and count in document order
/// within the part; a paragraph's number counts every paragraph of the part, those in
/// tables included.
public enum TagSite: Sendable, Hashable, CustomStringConvertible {
    /// The n-th paragraph of the part, outside any table.
    case paragraph(Int)
    /// A cell of a table: the table's number in the part, then the row and the cell in it.
    case tableCell(table: Int, row: Int, cell: Int)

    /// The site in a reader's words: "paragraph 4" or "table 1, row 2, cell 3".
    public var description: String {
        switch self {
        case .paragraph(let n): return "paragraph \(n)"
        case .tableCell(let t, let r, let c): return "table \(t), row \(r), cell \(c)"
        }
    }
}
