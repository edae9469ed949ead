/// Step 2b of compiling a part: the tables whose columns or spans come from data — those with
/// a column loop (`{{-w:tc years}}`) or a cell span tag (`{{~colspan n}}`) — are marked for
/// shaping after they render. Each cell gets a mark of the template grid column it starts in
/// (`<?docfill-col 2?>`, repeated with the cell), from which a looped column's copies share
/// its width; the plan wraps the table in a `.shapedTable` node (see `TableShaper`).
struct TableShaping {
    let profile: FormatProfile
    var diagnostics: [Diagnostic] = []
    /// The marked tables, with what shaping them needs.
    var slots: [ObjectIdentifier: TableSlot] = [:]

    init(profile: FormatProfile) { self.profile = profile }

    /// `loopTables`: tables holding a column loop; `placeholders`: the part's tags.
    mutating func mark(loopTables: [XMLElement], placeholders: [TagPlaceholder], root: XMLElement) {
        var tables = loopTables
        for p in placeholders where p.tag.cellSpan != nil {
            let up = p.parent == nil ? [p.paragraph] + p.paragraph.ancestors : p.ancestors
            guard profile.tableFormat != nil, let cell = up.first(where: { $0.matches(profile.cells) }),
                  let table = cell.ancestors.first(where: { $0.matches(profile.tables) }) else {
                diagnostics.append(Diagnostic("span_outside_table", "'\(p.tag.shortSource)': a cell span tag must stand in a table cell", at: p.location))
                continue
            }
            tables.append(table)
        }
        guard let format = profile.tableFormat else { return }
        for table in tables where slots[ObjectIdentifier(table)] == nil {
            for row in format.rows(of: table) {
                var column = 0
                for case let cell as XMLElement in row.children where format.isCell(cell) {
                    cell.append(XMLRaw(Array("<?\(TableMarks.column) \(column)?>".utf8)))
                    column += format.span(of: cell)
                }
            }
            let grid = format.templateWidths(of: table, root: root)
            slots[ObjectIdentifier(table)] = TableSlot(open: Self.scope(of: table), close: Array("</docfill-table>".utf8),
                                                       widths: grid.widths, relative: grid.relative, format: format)
        }
    }

    /// A start tag declaring the namespaces in scope at `table` (its own are on its start tag).
    static func scope(of table: XMLElement) -> [UInt8] {
        var seen = Set<String>(), out = "<docfill-table"
        for element in table.ancestors {
            for ns in element.namespaceDeclarations where seen.insert(ns.prefix ?? "").inserted {
                var uri: [UInt8] = []
                XMLWriter.escapeAttribute(ns.uri, into: &uri)
                out += (ns.prefix.map { " xmlns:\($0)=\"" } ?? " xmlns=\"") + String(decoding: uri, as: UTF8.self) + "\""
            }
        }
        return Array((out + ">").utf8)
    }
}
