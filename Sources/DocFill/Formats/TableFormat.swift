/// How a format's tables are laid out, for shaping a table again after a render (column loops,
/// spans and merges from data): its grid, its spans and its merged cells. The layout itself
/// (where each cell lands, which cells a span covers, the widths) is `TableShaper`'s, one
/// for both formats; only the markup differs, and it is all here and in `ODFTableFormat`.
protocol TableFormat: Sendable {
    /// The widths of the template table's grid columns, in the format's unit (DOCX twips, ODF
    /// centimetres), or `relative` ones (ODF `style:rel-column-width`, where a table filling
    /// the margins has no absolute width); `root` is the part (ODF widths are in its styles).
    func templateWidths(of table: XMLElement, root: XMLElement) -> (widths: [Double], relative: Bool)
    /// The table's rows in order, through row groups (ODF header rows).
    func rows(of table: XMLElement) -> [XMLElement]
    /// The local names of the table element, of its cells (merged-away ones included) and of
    /// the element a cell's own properties lead its content in (DOCX `w:tcPr`; none in ODF):
    /// what `isTable`/`isCell` test, and what `TableSkeleton` finds in rendered bytes.
    var tableName: String { get }
    var cellNames: [String] { get }
    var cellPropertiesName: String? { get }
    /// The namespace of the table markup.
    var namespace: String { get }
    /// The grid columns a cell of the rendered template covers (DOCX `w:gridSpan`; an ODF
    /// cell element is one column, its covered cells following it).
    func span(of cell: XMLElement) -> Int
    /// How many merged-away cells after `cell` in its row stand for the rest of its template
    /// span (ODF covered cells; none in DOCX, where one cell covers its span).
    func followers(of cell: XMLElement) -> Int
    /// Whether an element is a merged-away cell (ODF `table:covered-table-cell`).
    func isCovered(_ element: XMLElement) -> Bool
    /// Gives `cell` a span of `n` grid columns; the elements now standing for it in its row.
    func setColumnSpan(_ n: Int, of cell: XMLElement) -> [XMLElement]
    /// Makes `cell` the first of `n` rows it covers (n > 1).
    func setRowSpan(_ n: Int, of cell: XMLElement)
    /// What stands in a lower row for a cell covering `columns` grid columns and several rows.
    func continuation(of starter: XMLElement, columns: Int) -> [XMLElement]
    /// Writes the grid's `widths` (per grid column; `origins`: the template column each came
    /// from, if known). Returns the declarations of styles the widths need (ODF automatic
    /// styles, by name), named with `stylePrefix`.
    func setGrid(_ widths: [Double], relative: Bool, origins: [Int?], of table: XMLElement, stylePrefix: String) -> [String: [UInt8]]
    /// Sets a cell's own width where the format keeps one (DOCX `w:tcW`).
    func setWidth(_ width: Double, of cell: XMLElement)
}

extension TableFormat {
    /// Whether a child of a row is a cell (merged-away ones included).
    func isCell(_ element: XMLElement) -> Bool { element.namespaceURI == namespace && cellNames.contains(element.name) }
    /// Whether an element is a table (a nested one is shaped apart from the table around it).
    func isTable(_ element: XMLElement) -> Bool { element.namespaceURI == namespace && element.name == tableName }
}

/// DOCX tables: `w:tblGrid`/`w:gridCol` in twips, `w:gridSpan`, `w:vMerge`, `w:tcW`.
struct DOCXTableFormat: TableFormat {
    static let w = Namespaces.w
    /// `w:tcPr`'s children in schema order (CT_TcPr): a property is inserted where it belongs.
    static let cellPropertyOrder = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
                                    "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers",
                                    "cellIns", "cellDel", "cellMerge", "tcPrChange"]

    func templateWidths(of table: XMLElement, root: XMLElement) -> (widths: [Double], relative: Bool) {
        guard let grid = child(table, "tblGrid") else { return ([], false) }
        return (grid.children.compactMap { $0 as? XMLElement }.filter { $0.name == "gridCol" }
            .map { Double($0.attribute("w") ?? "") ?? 0 }, false)
    }

    func rows(of table: XMLElement) -> [XMLElement] {
        // Rows may sit in content controls (`w:sdt`/`w:sdtContent`); nested tables are not ours.
        var rows: [XMLElement] = []
        func walk(_ e: XMLElement) {
            for case let c as XMLElement in e.children where c.namespaceURI == Self.w {
                if c.name == "tr" { rows.append(c) } else if c.name == "sdt" || c.name == "sdtContent" || c.name == "customXml" { walk(c) }
            }
        }
        walk(table)
        return rows
    }

    var namespace: String { Self.w }
    var tableName: String { "tbl" }
    var cellNames: [String] { ["tc"] }
    var cellPropertiesName: String? { "tcPr" }
    func followers(of cell: XMLElement) -> Int { 0 }
    func isCovered(_ element: XMLElement) -> Bool { false }

    func span(of cell: XMLElement) -> Int {
        guard let properties = child(cell, "tcPr"), let span = child(properties, "gridSpan") else { return 1 }
        return max(1, Int(span.attribute("val") ?? "") ?? 1)
    }

    func setColumnSpan(_ n: Int, of cell: XMLElement) -> [XMLElement] {
        if n > 1 { setProperty("gridSpan", value: String(n), in: properties(of: cell)) }
        else { properties(of: cell).children.removeAll { ($0 as? XMLElement)?.name == "gridSpan" } }
        return [cell]
    }

    func setRowSpan(_ n: Int, of cell: XMLElement) {
        setProperty("vMerge", value: "restart", in: properties(of: cell))
    }

    func continuation(of starter: XMLElement, columns: Int) -> [XMLElement] {
        let cell = starter.shallowClone()
        let tcPr = child(starter, "tcPr")?.deepClone() ?? element("tcPr", like: starter)
        cell.append(tcPr)
        setProperty("vMerge", value: nil, in: tcPr)
        if columns > 1 { setProperty("gridSpan", value: String(columns), in: tcPr) }
        // An empty paragraph with the starter's paragraph properties: the row keeps its height.
        let paragraph = element("p", like: starter)
        if let first = child(starter, "p"), let pPr = child(first, "pPr") { paragraph.append(pPr.deepClone()) }
        cell.append(paragraph)
        return [cell]
    }

    func setGrid(_ widths: [Double], relative: Bool, origins: [Int?], of table: XMLElement, stylePrefix: String) -> [String: [UInt8]] {
        let grid: XMLElement
        if let existing = child(table, "tblGrid") { grid = existing } else {
            grid = element("tblGrid", like: table)
            let at = table.children.firstIndex { ($0 as? XMLElement)?.name == "tblPr" }.map { $0 + 1 } ?? 0
            table.insert(grid, at: at)
        }
        grid.children.removeAll { ($0 as? XMLElement)?.name == "gridCol" }
        for (i, width) in Self.twips(widths).enumerated() {
            let column = element("gridCol", like: table)
            column.setAttribute(prefix: table.prefix, name: "w", value: String(width))
            grid.insert(column, at: i)
        }
        return [:]
    }

    func setWidth(_ width: Double, of cell: XMLElement) {
        let tcW = element("tcW", like: cell)
        tcW.setAttribute(prefix: cell.prefix, name: "w", value: String(Int(width.rounded())))
        tcW.setAttribute(prefix: cell.prefix, name: "type", value: "dxa")
        let tcPr = properties(of: cell)
        tcPr.children.removeAll { ($0 as? XMLElement)?.name == "tcW" }
        insert(tcW, in: tcPr)
    }

    /// Whole twips adding up to the rounded total: each column rounded down, the remainder
    /// given one twip at a time from the first column.
    static func twips(_ widths: [Double]) -> [Int] {
        var result = widths.map { Int($0.rounded(.down)) }
        var left = Int(widths.reduce(0, +).rounded()) - result.reduce(0, +)
        var i = 0
        while left > 0, !result.isEmpty { result[i % result.count] += 1; left -= 1; i += 1 }
        return result
    }

    private func child(_ e: XMLElement, _ local: String) -> XMLElement? {
        e.children.lazy.compactMap { $0 as? XMLElement }.first { $0.name == local && $0.namespaceURI == Self.w }
    }

    private func element(_ local: String, like e: XMLElement) -> XMLElement {
        XMLElement(prefix: e.prefix, name: local, namespaceURI: Self.w)
    }

    /// The cell's `w:tcPr`, made as its first child when it has none.
    private func properties(of cell: XMLElement) -> XMLElement {
        if let existing = child(cell, "tcPr") { return existing }
        let tcPr = element("tcPr", like: cell)
        cell.insert(tcPr, at: 0)
        return tcPr
    }

    /// Sets (or adds, in schema order) the property `local` with `w:val` = `value` (none when nil).
    private func setProperty(_ local: String, value: String?, in tcPr: XMLElement) {
        tcPr.children.removeAll { ($0 as? XMLElement)?.name == local }
        let property = element(local, like: tcPr)
        if let value { property.setAttribute(prefix: tcPr.prefix, name: "val", value: value) }
        insert(property, in: tcPr)
    }

    private func insert(_ property: XMLElement, in tcPr: XMLElement) {
        let rank = Self.cellPropertyOrder.firstIndex(of: property.name) ?? Self.cellPropertyOrder.count
        let at = tcPr.children.firstIndex { node in
            guard let e = node as? XMLElement else { return false }
            return (Self.cellPropertyOrder.firstIndex(of: e.name) ?? Self.cellPropertyOrder.count) > rank
        } ?? tcPr.children.count
        tcPr.insert(property, at: at)
    }
}
