/// A rendered table with each cell's content set aside: what `TableShaper` parses. Shaping
/// reads and changes the table, its rows and each cell's own properties, never what a cell
/// holds; parsing the whole table cost more than the rest of a render (a report's appendices:
/// 63 M of 114 M instructions). The cells' contents stay bytes, found by `XMLScanner`, and the
/// marks the render left in them (`<?docfill-col …?>`, `<?docfill-span …?>`) are taken out as
/// the contents are set aside.
struct TableSkeleton {
    /// The table with a placeholder (`<?docfill-cell N?>`) where each cell's content was.
    let bytes: [UInt8]
    /// Each set-aside content, by placeholder number, without its marks.
    let contents: [[UInt8]]
    /// The marks found in each content (whole processing instructions), by placeholder number.
    let marks: [[[UInt8]]]

    static let placeholder = "docfill-cell"

    /// The skeleton of `rendered` (a table of `format`); nil when its markup cannot be followed
    /// (the table is then left as rendered).
    init?(_ rendered: [UInt8], format: any TableFormat) {
        var bytes: [UInt8] = [], contents: [[UInt8]] = [], marks: [[[UInt8]]] = []
        bytes.reserveCapacity(rendered.count / 4)
        let ok = rendered.withUnsafeBufferPointer { buffer -> Bool in
            guard let names = Names(buffer, format: format) else { return false }
            var depth = 0, tables = 0, copied = 0
            // The open cell of this table: its depth, where its content starts (after its
            // properties), the tables open inside it, the marks found so far.
            var cell: (depth: Int, content: Int, nested: Int, awaitingProperties: Bool, marks: [Range<Int>])?
            func setAside(upTo end: Int, cell c: (depth: Int, content: Int, nested: Int, awaitingProperties: Bool, marks: [Range<Int>])) {
                var content: [UInt8] = [], from = c.content
                content.reserveCapacity(end - from)
                for mark in c.marks {
                    content.append(contentsOf: buffer[from..<mark.lowerBound])
                    from = mark.upperBound
                }
                content.append(contentsOf: buffer[from..<end])
                bytes.append(contentsOf: buffer[copied..<c.content])
                bytes.append(contentsOf: Array("<?\(Self.placeholder) \(contents.count)?>".utf8))
                copied = end
                contents.append(content)
                marks.append(c.marks.map { Array(buffer[$0]) })
            }
            let scanned = XMLScanner.scan(buffer) { tag in
                let name = tag.name
                switch tag.kind {
                case .start, .empty:
                    let isTable = XMLScanner.name(name, in: buffer, is: names.table)
                    if var c = cell {
                        if c.awaitingProperties && depth == c.depth, let properties = names.properties,
                           XMLScanner.name(name, in: buffer, is: properties) {
                            if tag.kind == .empty { c.content = tag.end; c.awaitingProperties = false }
                        } else if depth == c.depth {
                            c.awaitingProperties = false
                        }
                        if isTable && tag.kind == .start { c.nested += 1 }
                        cell = c
                    } else if tag.kind == .start, tables == 1, names.cells.contains(where: { XMLScanner.name(name, in: buffer, is: $0) }) {
                        cell = (depth + 1, tag.end, 0, names.properties != nil, [])
                    } else if isTable && tag.kind == .start {
                        tables += 1
                    }
                    if tag.kind == .start { depth += 1 }
                case .end:
                    depth -= 1
                    let isTable = XMLScanner.name(name, in: buffer, is: names.table)
                    if var c = cell {
                        if depth == c.depth - 1 {
                            setAside(upTo: tag.start, cell: c)
                            cell = nil
                        } else {
                            if c.awaitingProperties && depth == c.depth { c.content = tag.end; c.awaitingProperties = false }
                            if isTable { c.nested -= 1 }
                            cell = c
                        }
                    } else if isTable {
                        tables -= 1
                    }
                case .instruction:
                    guard var c = cell, c.nested == 0, !c.awaitingProperties,
                          names.marks.contains(where: { XMLScanner.name(name, in: buffer, is: $0) }) else { return true }
                    c.marks.append(tag.start..<tag.end)
                    cell = c
                }
                return true
            }
            guard scanned, cell == nil, depth == 0 else { return false }
            bytes.append(contentsOf: buffer[copied...])
            return true
        }
        guard ok else { return nil }
        self.bytes = bytes; self.contents = contents; self.marks = marks
    }

    /// The qualified names to look for, with the prefix the rendered table uses.
    private struct Names {
        let table: [UInt8]
        let cells: [[UInt8]]
        let properties: [UInt8]?
        let marks = [Array(TableMarks.column.utf8), Array(TableMarks.span.utf8)]

        init?(_ buffer: UnsafeBufferPointer<UInt8>, format: any TableFormat) {
            // The table element comes first; its prefix is the one its rows and cells use.
            var prefix: [UInt8]?
            let local = Array(format.tableName.utf8)
            XMLScanner.scan(buffer) { tag in
                let name = XMLScanner.localName(tag.name, in: buffer)
                if tag.kind == .start, XMLScanner.name(name, in: buffer, is: local) { prefix = Array(buffer[tag.name.lowerBound..<name.lowerBound]) }
                return false
            }
            guard let prefix else { return nil }
            table = prefix + local
            cells = format.cellNames.map { prefix + Array($0.utf8) }
            properties = format.cellPropertiesName.map { prefix + Array($0.utf8) }
        }
    }
}
