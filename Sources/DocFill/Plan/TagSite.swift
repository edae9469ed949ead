/// Where a tag sits in a document, in the words an author uses in a word processor: the
/// table cell, or else the paragraph. Numbers are 1-based and count in document order
/// within the part; a paragraph's number counts every paragraph of the part, those in
/// tables included.
public enum TagSite: Sendable, Hashable, CustomStringConvertible {
    case paragraph(Int)
    case tableCell(table: Int, row: Int, cell: Int)

    public var description: String {
        switch self {
        case .paragraph(let n): return "paragraph \(n)"
        case .tableCell(let t, let r, let c): return "table \(t), row \(r), cell \(c)"
        }
    }
}
