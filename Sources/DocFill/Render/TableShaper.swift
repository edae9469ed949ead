/// Lays a rendered table out again, for both formats (the markup is the `TableFormat`'s):
///
/// - **spans from data**: each cell's marks (`<?docfill-span colspan 3?>`, rendered by cell
///   span tags) give its span (a colspan of 0 drops the cell, and a row left with no cell goes); cells are placed as HTML places them, a cell skipping the grid
///   cells that spans from the rows above cover, which get the format's merged cells
///   (`w:vMerge`, `table:covered-table-cell`);
/// - **merges from data** (`~merge`): a cell whose value equals that of the cell just above
///   (same column, same span) is merged into it;
/// - **the grid**: as many columns as the widest row. Widths keep the template table's total:
///   a template column repeated by a column loop is **split** among its copies (the other
///   columns keep their widths), unless cells give widths from data (`~width`), which are then
///   scaled to the total.
struct TableShaper {
    let slot: TableSlot
    /// What the names of new styles (ODF column widths) start with.
    let stylePrefix: String

    struct Shaped {
        var bytes: [UInt8]
        /// Declarations of the styles the table now uses, by name (ODF automatic styles).
        var styles: [String: [UInt8]]
    }

    /// A cell placed on the grid, or a merged cell standing in for one.
    private struct Placed {
        let element: XMLElement
        let column: Int
        let columns: Int
        var rows = 1
        var origin: Int?
        var templateSpan = 1
        var width: Double?
    }

    /// The table shaped; nil when its bytes do not parse alone (it is then left as rendered).
    func shape(_ rendered: [UInt8]) -> Shaped? {
        let format = slot.format
        // Cells' contents are set aside as bytes and put back unparsed (`TableSkeleton`).
        guard let skeleton = TableSkeleton(rendered, format: format),
              let document = try? XMLParser.parse(slot.open + skeleton.bytes + slot.close, file: nil, part: "table"),
              let table = document.root.children.lazy.compactMap({ $0 as? XMLElement }).first else { return nil }
        var contents = Contents(skeleton: skeleton, slot: slot)
        contents.restore(in: table)
        // A row left without cells (its cell loop had no items) goes: a loop over two template
        // rows keeps, per item, the one its data fills (a tall header row for upright text).
        let rows = format.rows(of: table).filter { row in
            if row.children.contains(where: { ($0 as? XMLElement).map(format.isCell) ?? false }) { return true }
            row.parent?.children.removeAll { $0 === row }
            return false
        }
        var starters: [Placed] = [], sized: [Placed] = []
        var covered: [Int: [Int: Int]] = [:]          // row → column → index of the starter covering it
        var merging: [Int: (starter: Int, value: String, columns: Int, row: Int)] = [:]
        var gridWidth = 0
        for (r, row) in rows.enumerated() {
            var cells: [XMLElement] = [], column = 0
            func fillCovered() {
                while let s = covered[r]?[column] {
                    let starter = starters[s]
                    contents.parse(in: starter.element)
                    let standIns = format.continuation(of: starter.element, columns: starter.columns)
                    cells += standIns
                    if let first = standIns.first { sized.append(Placed(element: first, column: column, columns: starter.columns)) }
                    column += starter.columns
                }
            }
            let rowCells = row.children.compactMap { $0 as? XMLElement }.filter(format.isCell)
            var next = 0
            while next < rowCells.count {
                let cell = rowCells[next]
                next += 1
                // The merged-away cells a cell's template span left after it (ODF): a copy made by a
                // column loop is followed by the next copy, not by them.
                var owned: [XMLElement] = []
                while owned.count < format.followers(of: cell), next < rowCells.count, format.isCovered(rowCells[next]) {
                    owned.append(rowCells[next]); next += 1
                }
                fillCovered()
                let marks = contents.marks[ObjectIdentifier(cell)] ?? Marks()
                let templateSpan = format.span(of: cell)
                // A colspan of 0 drops the cell: a loop over two template cells keeps, per item,
                // the one its data chooses (an upright header cell or one across).
                if marks.colspan == 0 { continue }
                let columns = max(1, min(marks.colspan ?? templateSpan + owned.count, 1000))
                if let value = marks.merge, !value.isEmpty, let above = merging[column], above.row == r - 1,
                   above.value == value, above.columns == columns {
                    starters[above.starter].rows += 1
                    merging[column]?.row = r
                    contents.parse(in: starters[above.starter].element)
                    let standIns = format.continuation(of: starters[above.starter].element, columns: columns)
                    cells += standIns
                    if let first = standIns.first { sized.append(Placed(element: first, column: column, columns: columns)) }
                    column += columns
                    continue
                }
                let standing = marks.colspan != nil ? format.setColumnSpan(columns, of: cell) : [cell] + owned
                let span = max(1, min(marks.rowspan ?? 1, rows.count - r))
                let index = starters.count
                starters.append(Placed(element: cell, column: column, columns: columns, rows: span, origin: marks.origin,
                                       templateSpan: templateSpan + owned.count, width: marks.width))
                for dr in 1..<max(span, 1) { covered[r + dr, default: [:]][column] = index }
                if let value = marks.merge { merging[column] = (index, value, columns, r) } else { merging[column] = nil }
                cells += standing
                column += columns
            }
            fillCovered()
            gridWidth = max(gridWidth, column)
            replaceCells(of: row, with: cells, format: format)
        }
        for starter in starters where starter.rows > 1 { format.setRowSpan(starter.rows, of: starter.element) }
        var styles: [String: [UInt8]] = [:]
        if let (widths, origins) = grid(starters, columns: gridWidth) {
            styles = format.setGrid(widths, relative: slot.relative, origins: origins, of: table, stylePrefix: stylePrefix)
            for placed in starters + sized {
                let end = min(placed.column + placed.columns, widths.count)
                if placed.column < end { format.setWidth(widths[placed.column..<end].reduce(0, +), of: placed.element) }
            }
        }
        var bytes: [UInt8] = []
        for child in document.root.children { XMLWriter.write(child, into: &bytes) }
        return Shaped(bytes: bytes, styles: styles)
    }

    /// The grid's widths and each column's template column; nil when the template's grid
    /// stands as it is (or there is none to keep the total of).
    private func grid(_ starters: [Placed], columns: Int) -> (widths: [Double], origins: [Int?])? {
        let template = slot.widths, total = template.reduce(0, +)
        guard columns > 0, total > 0 else { return nil }
        var origins = [Int?](repeating: nil, count: columns)
        // Single-column cells first: they say best where a column came from.
        for single in [true, false] {
            for s in starters where (s.columns == 1) == single && s.columns == s.templateSpan {
                guard let origin = s.origin else { continue }
                for k in 0..<s.columns where s.column + k < columns && origins[s.column + k] == nil && origin + k < template.count {
                    origins[s.column + k] = origin + k
                }
            }
        }
        var weights = [Double?](repeating: nil, count: columns)
        for single in [true, false] {
            for s in starters where (s.columns == 1) == single {
                guard let width = s.width, width > 0 else { continue }
                for k in 0..<s.columns where s.column + k < columns && weights[s.column + k] == nil { weights[s.column + k] = width / Double(s.columns) }
            }
        }
        var widths: [Double]
        let given = weights.compactMap { $0 }
        if !given.isEmpty {
            let mean = given.reduce(0, +) / Double(given.count)
            widths = weights.map { $0 ?? mean }
        } else {
            if columns == template.count, origins.enumerated().allSatisfy({ $0.element == $0.offset }) { return nil }
            var copies = [Int: Int]()
            for case let o? in origins { copies[o, default: 0] += 1 }
            widths = origins.map { o in o.map { template[$0] / Double(copies[$0]!) } ?? 0 }
            let unplaced = origins.filter { $0 == nil }.count
            if unplaced > 0 {
                let left = template.indices.filter { copies[$0] == nil }.map { template[$0] }.reduce(0, +)
                let share = left > 0 ? left / Double(unplaced) : total / Double(columns)
                widths = zip(widths, origins).map { $1 == nil ? share : $0 }
            }
        }
        let sum = widths.reduce(0, +)
        guard sum > 0 else { return nil }
        return (widths.map { $0 * total / sum }, origins)
    }

    /// Puts `cells` where the row's cells were (after its properties).
    private func replaceCells(of row: XMLElement, with cells: [XMLElement], format: any TableFormat) {
        let at = row.children.firstIndex { ($0 as? XMLElement).map(format.isCell) ?? false } ?? row.children.count
        var kept = row.children.enumerated().filter { !(($0.element as? XMLElement).map(format.isCell) ?? false) }.map(\.element)
        let before = row.children[..<at].filter { !(($0 as? XMLElement).map(format.isCell) ?? false) }.count
        kept.insert(contentsOf: cells as [XMLNode], at: before)
        row.children = []
        for node in kept { row.append(node) }
    }

    /// What the marks in a cell say; nested tables keep theirs.
    struct Marks {
        var origin: Int?
        var colspan: Int?
        var rowspan: Int?
        var merge: String?
        var width: Double?
    }

    /// What a cell's marks (whole processing instructions) say.
    static func marks(_ instructions: [[UInt8]]) -> Marks {
        var marks = Marks()
        let columnPrefix = Array("<?\(TableMarks.column) ".utf8), spanPrefix = Array("<?\(TableMarks.span) ".utf8)
        for bytes in instructions {
            if bytes.starts(with: columnPrefix) {
                marks.origin = Int(text(bytes, after: columnPrefix.count))
                continue
            }
            guard bytes.starts(with: spanPrefix) else { continue }
            let words = text(bytes, after: spanPrefix.count).split(separator: " ", maxSplits: 1).map(String.init)
            guard let kind = words.first.flatMap(CellSpanKind.init(rawValue:)) else { continue }
            let value = words.count > 1 ? words[1] : ""
            switch kind {
            case .colspan: marks.colspan = Int(value)
            case .rowspan: marks.rowspan = Int(value)
            case .width: marks.width = Double(value)
            case .merge: marks.merge = value
            }
        }
        return marks
    }

    /// The cells' set-aside contents, put back in the parsed skeleton as raw bytes; parsed
    /// only where shaping reads one (a merged cell copies its starter's paragraph properties).
    private struct Contents {
        let skeleton: TableSkeleton
        let slot: TableSlot
        /// Each cell's marks.
        var marks: [ObjectIdentifier: Marks] = [:]
        /// The raw contents not parsed yet.
        private var raw: Set<ObjectIdentifier> = []

        init(skeleton: TableSkeleton, slot: TableSlot) { self.skeleton = skeleton; self.slot = slot }

        mutating func restore(in element: XMLElement) {
            let prefix = Array("<?\(TableSkeleton.placeholder) ".utf8)
            for (i, child) in element.children.enumerated() {
                if let e = child as? XMLElement { restore(in: e); continue }
                guard let placeholder = child as? XMLRaw, placeholder.bytes.starts(with: prefix),
                      let n = Int(TableShaper.text(placeholder.bytes, after: prefix.count)), n < skeleton.contents.count else { continue }
                let content = XMLRaw(skeleton.contents[n])
                content.parent = element
                element.children[i] = content
                raw.insert(ObjectIdentifier(content))
                marks[ObjectIdentifier(element)] = TableShaper.marks(skeleton.marks[n])
            }
        }

        /// Parses the raw content of `cell` into elements (once).
        mutating func parse(in cell: XMLElement) {
            guard let i = cell.children.firstIndex(where: { raw.contains(ObjectIdentifier($0)) }),
                  let content = cell.children[i] as? XMLRaw else { return }
            raw.remove(ObjectIdentifier(content))
            guard let parsed = try? XMLParser.parse(slot.open + content.bytes + slot.close, file: nil, part: "table") else { return }
            let nodes = parsed.root.children
            for node in nodes { node.parent = cell }
            cell.children.replaceSubrange(i...i, with: nodes)
        }
    }

    /// The text of a mark after its prefix, without the closing `?>`.
    private static func text(_ bytes: [UInt8], after count: Int) -> String {
        String(decoding: bytes.dropFirst(count).dropLast(2), as: UTF8.self).trimmingWhitespace()
    }
}

/// The mark a cell span tag leaves in its cell for the shaper: a processing instruction,
/// which readers ignore should a table not be shaped.
enum CellSpanMark {
    static func markup(_ kind: CellSpanKind, text: String) -> [UInt8] {
        let value: String
        switch kind {
        case .colspan: value = Int(text.trimmingWhitespace()).map { String(max(0, $0)) } ?? "1"
        case .rowspan: value = Int(text.trimmingWhitespace()).map { String(max(1, $0)) } ?? "1"
        case .width: value = Double(text.trimmingWhitespace()).map { String(max(0, $0)) } ?? ""
        // Any text: its UTF-8 bytes in hexadecimal, so that no `?>` ends the mark early.
        case .merge: value = text.utf8.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
        return Array("<?\(TableMarks.span) \(kind.rawValue) \(value)?>".utf8)
    }
}
