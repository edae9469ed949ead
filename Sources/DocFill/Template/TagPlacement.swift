/// Step 1 of compiling a part: find the tags in each paragraph's text, even where the word
/// processor split them over several runs, and put one placeholder node where each tag
/// starts (inside the run where it starts, so the value takes that run's formatting). The
/// tag's characters are removed from every run they were in.
struct TagPlacement {
    let profile: FormatProfile
    let file: String?
    let part: String
    var lexer: Lexer
    var diagnostics: [Diagnostic] = []
    /// Runs and text elements that lost characters; emptied ones are removed later.
    var touched: [XMLElement] = []
    var placeholders: [TagPlaceholder] = []
    /// Placeholder pictures, in document order.
    var imagePlaceholders: [ImagePlaceholder] = []

    init(profile: FormatProfile, file: String?, part: String, delimiters: Delimiters) {
        self.profile = profile; self.file = file; self.part = part
        self.lexer = Lexer(delimiters: delimiters)
    }

    /// A stretch of paragraph text: a text node, or an element standing for spaces.
    enum Piece {
        case text(XMLText)
        case spaces(XMLElement, count: Int)
    }

    /// At most this many paragraphs are joined for one tag left open at a paragraph's end
    /// (the first one included), as docxtemplater joins a tag split over paragraphs.
    static let joinedParagraphsLimit = 10

    mutating func place(in root: XMLElement) {
        let sites = SiteFinder(profile: profile, root: root)
        let found = Self.paragraphsAndDrawings(in: root, profile: profile)
        let paragraphs = found.paragraphs
        // Paragraphs before this index were lexed as part of an earlier paragraph's group.
        var joinedUntil = 0
        for (index, paragraph) in paragraphs.enumerated() {
            let number = index + 1
            var (pieces, lineBreaks) = piecesAndBreaks(of: paragraph)
            var (text, starts) = Self.text(of: pieces)
            let drawings = found.drawings[ObjectIdentifier(paragraph)] ?? []
            // Cheap exit: most paragraphs have no tag at all.
            let hasTags = index >= joinedUntil && Lexer.find(lexer.delimiters.open, in: text, from: 0) != nil
            guard hasTags || !drawings.isEmpty else { continue }
            let author = authorPlace(of: paragraph, number: number, text: text, sites: sites)
            placeImages(drawings, root: root, author: author)
            guard hasTags else { continue }
            // Where each paragraph of the lexed text starts: a tag belongs to the paragraph it
            // starts in (restructuring moves and splits that paragraph).
            var segments = [Segment(start: 0, paragraph: paragraph, author: author)]
            if let group = joinedGroup(from: index, in: paragraphs, text: text) {
                (pieces, lineBreaks) = (group.pieces, group.lineBreaks)
                (text, starts) = Self.text(of: pieces)
                for (offset, k) in zip(group.starts, (index + 1)..<group.end) {
                    let own = Self.text(of: self.pieces(of: paragraphs[k])).text
                    segments.append(Segment(start: offset, paragraph: paragraphs[k],
                                            author: authorPlace(of: paragraphs[k], number: k + 1, text: own, sites: sites)))
                }
                joinedUntil = group.end
            }
            placeInParagraph(segments, pieces: pieces, starts: starts, text: text, lineBreaks: lineBreaks)
        }
    }

    /// A paragraph within the lexed text, from byte offset `start`.
    struct Segment {
        let start: Int
        let paragraph: XMLElement
        let author: AuthorPlace?
    }

    /// Recorded with the tags still in the text: restructuring later removes tag-only
    /// paragraphs and moves tags. A property or SmartArt text is no paragraph an author would
    /// count: its part and line say where it is.
    private func authorPlace(of paragraph: XMLElement, number: Int, text: [UInt8], sites: SiteFinder) -> AuthorPlace? {
        profile.valuesOnly == nil ? AuthorPlace(site: sites.site(of: paragraph, number: number), text: Excerpt.of(bytes: text)) : nil
    }

    /// When the paragraph at `index` ends inside an open tag: the pieces (and line breaks) of
    /// it and of the fewest following sibling paragraphs whose joined text closes every tag
    /// (at most `joinedParagraphsLimit` paragraphs in all), and the index after the last one.
    /// Nil when the paragraph closes its tags, or when joining does not close them (the
    /// paragraph is then lexed alone and reports `unclosed_tag` as before).
    private func joinedGroup(from index: Int, in paragraphs: [XMLElement], text: [UInt8])
        -> (pieces: [Piece], lineBreaks: [Int], starts: [Int], end: Int)? {
        // Each property of a values-only part is a paragraph of its own: never joined.
        guard profile.valuesOnly == nil, mayEndInsideTag(text) else { return nil }
        var (codes, close) = problemCodes(text)
        guard codes.contains("unclosed_tag") else { return nil }
        let first = paragraphs[index]
        var (pieces, lineBreaks) = piecesAndBreaks(of: first)
        var joined = text, starts: [Int] = []
        var end = index + 1
        while end < paragraphs.count, end - index < Self.joinedParagraphsLimit,
              paragraphs[end].parent === first.parent {
            let (more, breaks) = piecesAndBreaks(of: paragraphs[end])
            let added = Self.text(of: more).text
            starts.append(joined.count)
            lineBreaks += breaks.map { $0 + joined.count }
            pieces += more
            joined += added
            end += 1
            // Without the closing delimiter in force, the added text cannot close the tag: no
            // need to lex again (thousands of unclosed tags would otherwise cost ten lexes each).
            guard Lexer.find(close, in: added, from: 0) != nil else { continue }
            (codes, close) = problemCodes(joined)
            // A tag inside a tag means the close found belongs to another tag: the open tag
            // was not meant to go on, so it stays reported as not closed.
            if codes.contains("tag_in_tag") { return nil }
            if !codes.contains("unclosed_tag") { return (pieces, lineBreaks, starts, end) }
        }
        return nil
    }

    /// False when the paragraph surely closes every tag it opens: its last opening delimiter
    /// has a closing one after it (then so has every earlier one). Spares most paragraphs a
    /// second lex. Set-delimiter and triple tags (whose closers differ) always take the lex.
    private func mayEndInsideTag(_ text: [UInt8]) -> Bool {
        let open = lexer.delimiters.open, close = lexer.delimiters.close
        guard let brace = open.last, var last = Lexer.find(open, in: text, from: 0) else { return false }
        while true {
            let after = last + open.count
            if after < text.count, text[after] == UInt8(ascii: "=") || text[after] == brace { return true }
            guard let next = Lexer.find(open, in: text, from: last + 1) else { break }
            last = next
        }
        return Lexer.find(close, in: text, from: last + open.count) == nil
    }

    /// The codes of the problems lexing `text` finds, with the delimiters in force now, and
    /// the closing delimiter in force after it (a set-delimiter tag may change it).
    private func problemCodes(_ text: [UInt8]) -> (codes: Set<String>, close: [UInt8]) {
        var trial = lexer, problems: [Lexer.Problem] = []
        _ = trial.lex(text, problems: &problems)
        return (Set(problems.map(\.code)), trial.delimiters.close)
    }

    /// In one walk of the part, in document order: the paragraphs that are document text (not
    /// inside annotations or tracked deletions), and for each paragraph its own drawings
    /// (nearest paragraph, not inside another drawing or an ignored subtree).
    static func paragraphsAndDrawings(in root: XMLElement, profile: FormatProfile)
        -> (paragraphs: [XMLElement], drawings: [ObjectIdentifier: [XMLElement]]) {
        var paragraphs: [XMLElement] = [], drawings: [ObjectIdentifier: [XMLElement]] = [:]
        func walk(_ e: XMLElement, paragraph: XMLElement?, ignored: Bool, inDrawing: Bool) {
            for case let child as XMLElement in e.children {
                let isParagraph = child.matches(profile.paragraphs)
                let isDrawing = child.matches(profile.images.drawings)
                if isParagraph && !ignored { paragraphs.append(child) }
                if isDrawing && !ignored && !inDrawing, let paragraph { drawings[ObjectIdentifier(paragraph), default: []].append(child) }
                walk(child, paragraph: isParagraph ? child : paragraph,
                     ignored: ignored || child.matches(profile.ignoredSubtrees), inDrawing: inDrawing || isDrawing)
            }
        }
        walk(root, paragraph: nil, ignored: false, inDrawing: false)
        return (paragraphs, drawings)
    }

    func pieces(of paragraph: XMLElement) -> [Piece] { piecesAndBreaks(of: paragraph).pieces }

    /// The paragraph's text pieces, and the byte offsets of its line breaks (for messages).
    func piecesAndBreaks(of paragraph: XMLElement) -> (pieces: [Piece], lineBreaks: [Int]) {
        var pieces: [Piece] = [], lineBreaks: [Int] = [], length = 0
        func walk(_ e: XMLElement) {
            let carrier = e.matches(profile.textCarriers)
            for child in e.children {
                if let text = child as? XMLText {
                    if carrier { pieces.append(.text(text)); length += text.bytes.count }
                } else if let el = child as? XMLElement {
                    if el.matches(profile.paragraphs) || el.matches(profile.ignoredSubtrees) { continue }
                    if el.matches(profile.spaceElements) {
                        let count = profile.spaceCountAttribute.flatMap { el.attribute($0) }.flatMap { Int($0) } ?? 1
                        pieces.append(.spaces(el, count: max(count, 1)))
                        length += max(count, 1)
                        continue
                    }
                    if el.matches(profile.lineBreakElements) { lineBreaks.append(length) }
                    walk(el)
                }
            }
        }
        walk(paragraph)
        return (pieces, lineBreaks)
    }

    /// The paragraph text of `pieces` (an element standing for spaces as that many spaces)
    /// and where each piece starts in it.
    static func text(of pieces: [Piece]) -> (text: [UInt8], starts: [Int]) {
        var starts: [Int] = []
        var text: [UInt8] = []
        for piece in pieces {
            starts.append(text.count)
            switch piece {
            case .text(let t): text += t.bytes
            case .spaces(_, let n): text += [UInt8](repeating: UInt8(ascii: " "), count: n)
            }
        }
        return (text, starts)
    }

    private mutating func placeInParagraph(_ segments: [Segment], pieces: [Piece], starts: [Int], text: [UInt8],
                                           lineBreaks: [Int]) {
        var problems: [Lexer.Problem] = [], tags: [TemplateTag] = []
        for scope in scopes(of: pieces, starts: starts, length: text.count) {
            var found: [Lexer.Problem] = []
            let whole = scope.count == text.count
            let breaks = whole ? lineBreaks : lineBreaks.filter { scope.contains($0) }.map { $0 - scope.lowerBound }
            for case .tag(var tag) in lexer.lex(whole ? text : Array(text[scope]), problems: &found, lineBreaks: breaks) {
                tag.range = (tag.range.lowerBound + scope.lowerBound)..<(tag.range.upperBound + scope.lowerBound)
                tags.append(tag)
            }
            problems += found.map { var p = $0; p.offset += scope.lowerBound; return p }
        }
        for (p, place) in zip(problems, locations(ofOffsets: problems.map(\.offset), pieces, starts, segments)) {
            diagnostics.append(Diagnostic(p.code, p.message, at: place))
        }
        let tagPlaces = locations(ofOffsets: tags.map(\.range.lowerBound), pieces, starts, segments)
        var placed: [TagPlaceholder] = []
        // Right to left, so that cutting one tag's characters leaves the offsets of the
        // tags before it valid.
        for (tag, place) in zip(tags, tagPlaces).reversed() {
            let placeholder = TagPlaceholder(tag: tag, location: place,
                                             paragraph: Self.segment(at: tag.range.lowerBound, segments).paragraph)
            cut(tag.range, pieces, starts, placeholder: placeholder)
            placed.append(placeholder)
        }
        placeholders += placed.reversed()
    }

    /// The stretches of the paragraph text lexed apart: each `mc:Choice` and `mc:Fallback` of
    /// an `mc:AlternateContent` (two versions of one content) is a scope of its own, so no
    /// tag is joined across the boundary of one; the text outside them is cut there too.
    private func scopes(of pieces: [Piece], starts: [Int], length: Int) -> [Range<Int>] {
        guard !profile.alternateBranches.names.isEmpty else { return [0..<length] }
        var scopes: [Range<Int>] = [], start = 0, current: ObjectIdentifier?
        for (piece, offset) in zip(pieces, starts) {
            let node: XMLNode
            switch piece { case .text(let t): node = t; case .spaces(let e, _): node = e }
            var up = node.parent, branch: ObjectIdentifier?
            while let e = up, !e.matches(profile.paragraphs) {
                if e.matches(profile.alternateBranches) { branch = ObjectIdentifier(e); break }
                up = e.parent
            }
            if branch != current, offset > start { scopes.append(start..<offset); start = offset }
            current = branch
        }
        scopes.append(start..<length)
        return scopes
    }

    /// The places of byte offsets of the paragraph text, in one pass when the offsets ascend
    /// (as the lexer reports them): each column count continues from the previous one, so a
    /// paragraph with thousands of tags or problems is not counted over once per offset.
    private func locations(ofOffsets offsets: [Int], _ pieces: [Piece], _ starts: [Int],
                           _ segments: [Segment]) -> [SourceLocation] {
        var result: [SourceLocation] = []
        result.reserveCapacity(offsets.count)
        var piece = -1, counted = 0, columns = 0    // bytes [0, counted) of `piece` hold `columns` characters
        for offset in offsets {
            // The last piece starting at or before the offset (binary search).
            var lo = 0, hi = starts.count - 1
            while lo < hi { let mid = (lo + hi + 1) / 2; if starts[mid] <= offset { lo = mid } else { hi = mid - 1 } }
            let i = lo
            var line = 0, column = 0
            switch pieces[i] {
            case .text(let t):
                let bytes = t.bytes
                let target = min(max(0, offset - starts[i]), bytes.count)
                if i != piece || target < counted { piece = i; counted = 0; columns = 0 }
                while counted < target {
                    if bytes[counted] & 0xC0 != 0x80 { columns += 1 }
                    counted += 1
                }
                line = t.line; column = t.column + columns
            case .spaces(let e, _):
                line = e.line; column = e.column
            }
            result.append(SourceLocation(file: file, part: part, line: line, column: column,
                                         authorPlace: Self.segment(at: offset, segments).author))
        }
        return result
    }

    /// The paragraph a byte offset of the lexed text is in (the last one starting at or
    /// before it, so an empty paragraph never holds a tag).
    private static func segment(at offset: Int, _ segments: [Segment]) -> Segment {
        segments.last { $0.start <= offset } ?? segments[0]
    }

    private mutating func cut(_ range: Range<Int>, _ pieces: [Piece], _ starts: [Int], placeholder: TagPlaceholder) {
        for i in pieces.indices.reversed() {
            let length: Int
            switch pieces[i] { case .text(let t): length = t.bytes.count; case .spaces(_, let n): length = n }
            let pieceRange = starts[i]..<(starts[i] + length)
            let isStart = pieceRange.contains(range.lowerBound)
            guard pieceRange.overlaps(range) || isStart else { continue }
            let lo = max(range.lowerBound, pieceRange.lowerBound) - starts[i]
            let hi = min(range.upperBound, pieceRange.upperBound) - starts[i]
            switch pieces[i] {
            case .text(let t):
                guard let parent = t.parent, let index = t.indexInParent else { continue }
                // The bytes of this node may already have been shortened by a later tag.
                let current = t.bytes
                let cutHi = min(hi, current.count)
                let after = Array(current[min(cutHi, current.count)...])
                t.bytes = Array(current[..<min(lo, current.count)])
                if isStart {
                    parent.insert(placeholder, at: index + 1)
                    if !after.isEmpty { parent.insert(XMLText(after, line: t.line, column: t.column), at: index + 2) }
                } else {
                    t.bytes += after
                }
                touch(parent)
            case .spaces(let e, let n):
                let remaining = n - (hi - lo)
                if remaining <= 0 {
                    if isStart, let parent = e.parent, let index = e.indexInParent {
                        parent.insert(placeholder, at: index)
                    }
                    if let parent = e.parent { touch(parent) }
                    e.remove()
                } else if let attribute = profile.spaceCountAttribute {
                    e.setAttribute(prefix: e.prefix, name: attribute, value: String(remaining))
                }
            }
        }
    }

    private mutating func touch(_ element: XMLElement) {
        touched.append(element)
        if let run = element.parent, run.matches(profile.runs) { touched.append(run) }
    }
}

extension TagPlacement {
    /// Finds a paragraph's table cell (innermost table) by walking its ancestors with the
    /// profile's table, row and cell sets.
    struct SiteFinder {
        let profile: FormatProfile
        /// Tables of the part in document order, nested ones included.
        let tables: [ObjectIdentifier: Int]
        /// Row numbers within their table and cell numbers within their row, counted once
        /// here (a row or cell of a nested table counts in that table).
        let rowNumbers: [ObjectIdentifier: Int]
        let cellNumbers: [ObjectIdentifier: Int]

        init(profile: FormatProfile, root: XMLElement) {
            self.profile = profile
            var tables: [ObjectIdentifier: Int] = [:], rows: [ObjectIdentifier: Int] = [:], cells: [ObjectIdentifier: Int] = [:]
            var rowCount: [ObjectIdentifier: Int] = [:], cellCount: [ObjectIdentifier: Int] = [:]
            func walk(_ e: XMLElement, table: XMLElement?, row: XMLElement?) {
                for case let child as XMLElement in e.children {
                    if child.matches(profile.tables) {
                        tables[ObjectIdentifier(child)] = tables.count + 1
                        walk(child, table: child, row: nil)
                    } else if child.matches(profile.rows), let table {
                        rowCount[ObjectIdentifier(table), default: 0] += 1
                        rows[ObjectIdentifier(child)] = rowCount[ObjectIdentifier(table)]
                        walk(child, table: table, row: child)
                    } else if child.matches(profile.cells), let row {
                        cellCount[ObjectIdentifier(row), default: 0] += 1
                        cells[ObjectIdentifier(child)] = cellCount[ObjectIdentifier(row)]
                        walk(child, table: table, row: row)
                    } else {
                        walk(child, table: table, row: row)
                    }
                }
            }
            walk(root, table: nil, row: nil)
            self.tables = tables; self.rowNumbers = rows; self.cellNumbers = cells
        }

        func site(of paragraph: XMLElement, number: Int) -> TagSite {
            func nearest(_ set: NameSet, above node: XMLElement) -> XMLElement? {
                var up = node.parent
                while let n = up, !n.matches(set) { up = n.parent }
                return up
            }
            guard let cell = nearest(profile.cells, above: paragraph),
                  let row = nearest(profile.rows, above: cell),
                  let table = nearest(profile.tables, above: row),
                  let tableNumber = tables[ObjectIdentifier(table)] else { return .paragraph(number) }
            let r = rowNumbers[ObjectIdentifier(row)] ?? 0
            let c = cellNumbers[ObjectIdentifier(cell)] ?? 0
            return .tableCell(table: tableNumber, row: r, cell: c)
        }
    }
}
