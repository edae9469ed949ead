/// ODF tables: `table:table-column` elements whose automatic styles give the widths (in
/// centimetres here), `table:number-columns-spanned`/`-rows-spanned` and a
/// `table:covered-table-cell` for every grid cell a span covers.
struct ODFTableFormat: TableFormat {
    static let table = Namespaces.table
    static let style = RichTextProfile.styleNamespace

    func templateWidths(of table: XMLElement, root: XMLElement) -> (widths: [Double], relative: Bool) {
        var widths: [String: Double] = [:], relativeWidths: [String: Double] = [:]
        for case let container as XMLElement in root.children where container.name == "automatic-styles" || container.name == "styles" {
            for case let style as XMLElement in container.children where style.attribute("family") == "table-column" {
                let properties = style.children.lazy.compactMap { $0 as? XMLElement }.first { $0.name == "table-column-properties" }
                guard let name = style.attribute("name") else { continue }
                if let width = properties?.attribute("column-width").flatMap(Self.centimetres) { widths[name] = width }
                if let width = properties?.attribute("rel-column-width").flatMap({ Double($0.dropLast()) }) { relativeWidths[name] = width }
            }
        }
        func grid(_ widths: [String: Double]) -> [Double] {
            columns(of: table).flatMap { column -> [Double] in
                let repeated = max(1, Int(column.attribute("number-columns-repeated") ?? "") ?? 1)
                return Array(repeating: column.attribute("style-name").flatMap { widths[$0] } ?? 0, count: min(repeated, 1024))
            }
        }
        // Absolute widths where every column has one; else relative ones (LibreOffice writes
        // only those for a table filling the margins).
        let absolute = grid(widths)
        if !absolute.contains(0) { return (absolute, false) }
        return (grid(relativeWidths), true)
    }

    func rows(of table: XMLElement) -> [XMLElement] {
        var rows: [XMLElement] = []
        func walk(_ e: XMLElement) {
            for case let c as XMLElement in e.children where c.namespaceURI == Self.table {
                if c.name == "table-row" { rows.append(c) }
                else if ["table-header-rows", "table-rows", "table-row-group"].contains(c.name) { walk(c) }
            }
        }
        walk(table)
        return rows
    }

    var namespace: String { Self.table }
    var tableName: String { "table" }
    var cellNames: [String] { ["table-cell", "covered-table-cell"] }
    var cellPropertiesName: String? { nil }

    func span(of cell: XMLElement) -> Int { 1 }

    func followers(of cell: XMLElement) -> Int {
        max(0, (Int(cell.attribute("number-columns-spanned") ?? "") ?? 1) - 1)
    }

    func isCovered(_ element: XMLElement) -> Bool { element.namespaceURI == Self.table && element.name == "covered-table-cell" }

    func setColumnSpan(_ n: Int, of cell: XMLElement) -> [XMLElement] {
        if n > 1 { cell.setAttribute(prefix: cell.prefix, name: "number-columns-spanned", value: String(n)) }
        else { cell.attributes.removeAll { $0.name == "number-columns-spanned" } }
        return [cell] + (1..<max(n, 1)).map { _ in covered(like: cell) }
    }

    func setRowSpan(_ n: Int, of cell: XMLElement) {
        cell.setAttribute(prefix: cell.prefix, name: "number-rows-spanned", value: String(n))
    }

    func continuation(of starter: XMLElement, columns: Int) -> [XMLElement] {
        (0..<max(columns, 1)).map { _ in covered(like: starter) }
    }

    func setGrid(_ widths: [Double], relative: Bool, origins: [Int?], of table: XMLElement, stylePrefix: String) -> [String: [UInt8]] {
        let old = columns(of: table)
        // The template's columns, one per grid column: a new column keeps its origin's cell style.
        let expanded = old.flatMap { column in
            Array(repeating: column, count: min(max(1, Int(column.attribute("number-columns-repeated") ?? "") ?? 1), 1024))
        }
        guard let first = old.first, let parent = first.parent, let at = parent.children.firstIndex(where: { $0 === first }) else { return [:] }
        for column in old { column.parent?.children.removeAll { $0 === column } }
        var styles: [String: [UInt8]] = [:]
        for (i, width) in widths.enumerated() {
            let thousandths = Int((width * 1000).rounded())
            let name = "\(stylePrefix)\(relative ? "rel" : "col")\(thousandths)"
            let property = relative ? "style:rel-column-width=\"\(max(1, Int(width.rounded())))*\""
                : "style:column-width=\"\(Self.format(thousandths: thousandths))cm\""
            styles[name] = Array(("<style:style xmlns:style=\"\(Self.style)\" style:name=\"\(name)\" style:family=\"table-column\">"
                + "<style:table-column-properties \(property)/></style:style>").utf8)
            let column = XMLElement(prefix: first.prefix, name: "table-column", namespaceURI: Self.table)
            column.setAttribute(prefix: first.prefix, name: "style-name", value: name)
            if let origin = i < origins.count ? origins[i] : nil, origin < expanded.count,
               let cellStyle = expanded[origin].attribute("default-cell-style-name") {
                column.setAttribute(prefix: first.prefix, name: "default-cell-style-name", value: cellStyle)
            }
            parent.insert(column, at: at + i)
        }
        return styles
    }

    func setWidth(_ width: Double, of cell: XMLElement) {}

    /// The table's column elements: its own, or those in column groups.
    private func columns(of table: XMLElement) -> [XMLElement] {
        var columns: [XMLElement] = []
        func walk(_ e: XMLElement) {
            for case let c as XMLElement in e.children where c.namespaceURI == Self.table {
                if c.name == "table-column" { columns.append(c) }
                else if ["table-columns", "table-header-columns", "table-column-group"].contains(c.name) { walk(c) }
            }
        }
        walk(table)
        return columns
    }

    private func covered(like cell: XMLElement) -> XMLElement {
        let covered = XMLElement(prefix: cell.prefix, name: "covered-table-cell", namespaceURI: Self.table)
        if let style = cell.attribute("style-name") { covered.setAttribute(prefix: cell.prefix, name: "style-name", value: style) }
        return covered
    }

    /// An ODF length (`2.5cm`, `25mm`, `1in`, `72pt`) in centimetres; nil for other units.
    static func centimetres(_ length: String) -> Double? {
        let units: [(String, Double)] = [("cm", 1), ("mm", 0.1), ("in", 2.54), ("pt", 2.54 / 72), ("pc", 2.54 / 6)]
        for (unit, factor) in units where length.hasSuffix(unit) {
            return Double(length.dropLast(unit.count)).map { $0 * factor }
        }
        return nil
    }

    /// Thousandths as a decimal without trailing zeros: 2540 → `2.54`, 3000 → `3`.
    static func format(thousandths n: Int) -> String {
        var fraction = String(n % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(n / 1000)" + (fraction.isEmpty ? "" : "." + fraction)
    }
}
