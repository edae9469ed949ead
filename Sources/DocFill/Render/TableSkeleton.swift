/// A rendered table with each cell's content set aside: what `TableShaper` parses. Shaping
/// reads and changes the table, its rows and a few of each cell's own properties, never what a
/// cell holds; parsing the whole table cost more than the rest of a render (a report's
/// appendices: 63 M of 114 M instructions, 70 % of their bytes the cells' borders). The
/// cells' contents and their properties with children stay bytes, found by `XMLScanner`; the
/// marks the render left in the contents (`<?docfill-col …?>`, `<?docfill-span …?>`) are taken
/// out as they are set aside.
struct TableSkeleton {
    /// The table with a placeholder (`<?docfill-cell N?>`) where each cell's content was.
    let bytes: [UInt8]
    /// Each set-aside content, by placeholder number, without its marks.
    let contents: [[UInt8]]
    /// The marks found in each content (whole processing instructions), by placeholder number.
    let marks: [[[UInt8]]]
    /// Cell properties that have children (DOCX borders, shading), whole, by number: the
    /// skeleton has each as an empty element with `docfill-keep="N"`.
    let kept: [[UInt8]]
    static let keptAttribute = "docfill-keep"

    static let placeholder = "docfill-cell"
    private static let placeholderStart = Array("<?\(placeholder) ".utf8)

    /// The number of a placeholder (`<?docfill-cell N?>` as the parser keeps it), nil for
    /// other markup.
    static func placeholderNumber(_ bytes: [UInt8]) -> Int? {
        bytes.starts(with: placeholderStart) ? integer(in: bytes, from: placeholderStart.count) : nil
    }

    /// The decimal digits from `start` up to the mark's end (spaces around them allowed).
    static func integer(in bytes: [UInt8], from start: Int) -> Int? {
        var value = 0, digits = 0, i = start
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9"), digits < 9 {
            value = value * 10 + Int(bytes[i] - UInt8(ascii: "0")); digits += 1; i += 1
        }
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard digits > 0, bytes[i...].elementsEqual("?>".utf8) else { return nil }
        return value
    }

    /// The skeleton of `rendered` (a table of `format`); nil when its markup cannot be followed
    /// (the table is then left as rendered).
    init?(_ rendered: [UInt8], format: any TableFormat) {
        var bytes: [UInt8] = [], contents: [[UInt8]] = [], marks: [[[UInt8]]] = [], kept: [[UInt8]] = []
        bytes.reserveCapacity(rendered.count / 4)
        let ok = rendered.withUnsafeBufferPointer { buffer -> Bool in
            guard let names = Names(buffer, format: format) else { return false }
            var depth = 0, tables = 0, copied = 0
            var cell: OpenCell?
            /// Copies what comes before `from`, then `replacement` for the bytes up to `to`.
            func cut(from: Int, to: Int, _ replacement: [UInt8]) {
                bytes.append(contentsOf: buffer[copied..<from])
                bytes.append(contentsOf: replacement)
                copied = to
            }
            func setAside(upTo end: Int, cell c: OpenCell) {
                var content: [UInt8] = [], from = c.content
                content.reserveCapacity(end - from)
                for mark in c.marks {
                    content.append(contentsOf: buffer[from..<mark.lowerBound])
                    from = mark.upperBound
                }
                content.append(contentsOf: buffer[from..<end])
                cut(from: c.content, to: end, Array("<?\(Self.placeholder) \(contents.count)?>".utf8))
                contents.append(content)
                marks.append(c.marks.map { Array(buffer[$0]) })
            }
            let scanned = XMLScanner.scan(buffer) { tag in
                let name = tag.name
                switch tag.kind {
                case .start, .empty:
                    let isTable = XMLScanner.name(name, in: buffer, is: names.table)
                    if var c = cell {
                        if c.inProperties {
                            if depth == c.depth + 1 && tag.kind == .start { c.keeping = tag.start..<tag.end }
                        } else if c.awaitingProperties && depth == c.depth, let properties = names.properties,
                                  XMLScanner.name(name, in: buffer, is: properties) {
                            if tag.kind == .empty { c.content = tag.end; c.awaitingProperties = false } else { c.inProperties = true }
                        } else if depth == c.depth {
                            c.awaitingProperties = false
                        }
                        if isTable && tag.kind == .start { c.nested += 1 }
                        cell = c
                    } else if tag.kind == .start, tables == 1, names.cells.contains(where: { XMLScanner.name(name, in: buffer, is: $0) }) {
                        cell = OpenCell(depth: depth + 1, content: tag.end, awaitingProperties: names.properties != nil)
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
                            return true
                        }
                        if c.inProperties, depth == c.depth + 1, let start = c.keeping {
                            // A property with children of its own (borders, shading…): shaping
                            // never reads it, so the parser gets it empty, with its number.
                            cut(from: start.lowerBound, to: tag.end,
                                Array(buffer[start.lowerBound..<(start.upperBound - 1)]) + Array(" \(Self.keptAttribute)=\"\(kept.count)\"/>".utf8))
                            kept.append(Array(buffer[start.lowerBound..<tag.end]))
                            c.keeping = nil
                        } else if c.inProperties && depth == c.depth {
                            c.content = tag.end; c.awaitingProperties = false; c.inProperties = false
                        }
                        if isTable { c.nested -= 1 }
                        cell = c
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
        self.bytes = bytes; self.contents = contents; self.marks = marks; self.kept = kept
    }

    /// The open cell of the table: its depth, where its content starts (after its properties),
    /// the tables open inside it, the marks found so far, and the property being set aside.
    private struct OpenCell {
        var depth: Int
        var content: Int
        var nested = 0
        var awaitingProperties: Bool
        var inProperties = false
        var keeping: Range<Int>?
        var marks: [Range<Int>] = []

        init(depth: Int, content: Int, awaitingProperties: Bool) {
            self.depth = depth; self.content = content; self.awaitingProperties = awaitingProperties
        }
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
