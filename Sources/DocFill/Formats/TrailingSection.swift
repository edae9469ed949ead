/// DOCX: a last section the data left empty is dropped.
///
/// In WordprocessingML a paragraph whose `w:pPr` holds a `w:sectPr` ends a section, and the
/// body's own closing `w:sectPr` sets up the last section: whatever follows the last such
/// paragraph. When a render removes all of that (a report's appendices are sections of their
/// own, each ending with its break: after the last one's, or with none in the data, nothing is
/// left), the body ends with the section-break paragraph and
/// Word and LibreOffice still lay out the empty last section: a blank page. So when the last
/// body element before the closing `w:sectPr` is a paragraph holding a section break, that
/// break's `w:sectPr` replaces the closing one (the section before it becomes the last, with
/// its own page setup and headers) and the paragraph stays, without the break.
///
/// Works on the rendered bytes of the main document part, from its end: only the last
/// paragraph is read, and a paragraph holding other paragraphs (a text box) is left alone.
struct TrailingSection: PartPostStep {
    private let sectStart: [UInt8], sectEnd: [UInt8], pStart: [UInt8], pEnd: [UInt8]
    private let pPrStart: [UInt8], pPrEnd: [UInt8], bodyEnd: [UInt8], sectChange: [UInt8]

    /// For a DOCX main document part (`w:document` root), with its prefix for the main namespace.
    init?(root: XMLElement) {
        guard root.qname == QName(namespace: Namespaces.w, local: "document") else { return nil }
        let p = root.prefix.map { $0 + ":" } ?? ""
        func b(_ s: String) -> [UInt8] { Array(s.utf8) }
        sectStart = b("<\(p)sectPr"); sectEnd = b("</\(p)sectPr>")
        pStart = b("<\(p)p"); pEnd = b("</\(p)p>")
        pPrStart = b("<\(p)pPr"); pPrEnd = b("</\(p)pPr>")
        bodyEnd = b("</\(p)body>")
        sectChange = b("<\(p)sectPrChange")
    }

    func apply(to out: OutputBuffer) {
        let n = out.count
        let bytes = UnsafeBufferPointer(start: out.base, count: n)
        guard let edit = edit(bytes) else { return }
        // The break moves from the paragraph to the body's end: rewrite from the break on.
        let from = edit.paragraphSectionStart
        let moved = Array(bytes[edit.paragraphSectionEnd..<edit.sectionStart])
            + Array(bytes[edit.paragraphSectionStart..<edit.paragraphSectionEnd])
            + Array(bytes[edit.sectionEnd..<n])
        out.truncate(to: from)
        out.append(moved)
    }

    /// Where the closing `w:sectPr` and the last paragraph's `w:sectPr` are, if the edit applies.
    private func edit(_ b: UnsafeBufferPointer<UInt8>) -> (sectionStart: Int, sectionEnd: Int,
                                                             paragraphSectionStart: Int, paragraphSectionEnd: Int)? {
        guard let bodyClose = lastIndex(of: bodyEnd, in: b, before: b.count, notBefore: max(0, b.count - 4096)) else { return nil }
        let sectionEnd = skipSpaceBackwards(b, from: bodyClose)
        // The closing w:sectPr: `<w:sectPr …>…</w:sectPr>` or `<w:sectPr …/>` right before </w:body>.
        guard let sectionStart = lastTag(sectStart, in: b, before: sectionEnd, notBefore: max(0, sectionEnd - 16_384)),
              endsSection(b, from: sectionStart, at: sectionEnd) else { return nil }
        // The body element before it must be a paragraph: `…</w:p>`.
        let paragraphEnd = skipSpaceBackwards(b, from: sectionStart)
        guard paragraphEnd >= pEnd.count, matches(pEnd, in: b, at: paragraphEnd - pEnd.count) else { return nil }
        let closeAt = paragraphEnd - pEnd.count
        guard let paragraphStart = lastTag(pStart, in: b, before: closeAt, notBefore: 0),
              lastIndex(of: pEnd, in: b, before: closeAt, notBefore: paragraphStart) == nil else { return nil }
        // Its properties hold a w:sectPr: <w:p …><w:pPr …>…<w:sectPr>…</w:sectPr>…</w:pPr>…</w:p>.
        guard let breakStart = lastTag(sectStart, in: b, before: closeAt, notBefore: paragraphStart),
              let propertiesStart = lastTag(pPrStart, in: b, before: breakStart, notBefore: paragraphStart),
              lastIndex(of: pPrEnd, in: b, before: breakStart, notBefore: propertiesStart) == nil,
              let breakEnd = sectionEndIndex(b, from: breakStart, limit: closeAt),
              let propertiesEnd = ByteSearch.firstIndex(of: pPrEnd, in: b, from: breakEnd, before: closeAt),
              lastTag(sectStart, in: b, before: propertiesEnd, notBefore: breakEnd) == nil,
              // A tracked change of the break (`w:sectPrChange`, holding the old `w:sectPr`):
              // which properties are current is for the author to settle, not this edit.
              lastIndex(of: sectChange, in: b, before: closeAt, notBefore: paragraphStart) == nil else { return nil }
        return (sectionStart, sectionEnd, breakStart, breakEnd)
    }

    // MARK: byte search

    private func matches(_ pattern: [UInt8], in b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i >= 0, i + pattern.count <= b.count else { return false }
        for k in 0..<pattern.count where b[i + k] != pattern[k] { return false }
        return true
    }

    private func lastIndex(of pattern: [UInt8], in b: UnsafeBufferPointer<UInt8>, before end: Int, notBefore start: Int) -> Int? {
        var i = end - pattern.count
        while i >= start {
            if matches(pattern, in: b, at: i) { return i }
            i -= 1
        }
        return nil
    }

    /// The last start tag `<name` (followed by `>`, `/` or white space, so `<w:p` is not `<w:pPr`).
    private func lastTag(_ open: [UInt8], in b: UnsafeBufferPointer<UInt8>, before end: Int, notBefore start: Int) -> Int? {
        var limit = end
        while let i = lastIndex(of: open, in: b, before: limit, notBefore: start) {
            let next = i + open.count
            if next < b.count, [0x3E, 0x2F, 0x20, 0x09, 0x0A, 0x0D].contains(b[next]) { return i }
            limit = i + open.count - 1
        }
        return nil
    }

    /// The end of the `w:sectPr` starting at `start` (after `/>` or `</w:sectPr>`), if before `limit`.
    private func sectionEndIndex(_ b: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int? {
        guard let tagEnd = ByteSearch.firstIndex(of: [0x3E], in: b, from: start, before: limit) else { return nil }
        if b[tagEnd - 1] == 0x2F { return tagEnd + 1 }
        return ByteSearch.firstIndex(of: sectEnd, in: b, from: tagEnd, before: limit).map { $0 + sectEnd.count }
    }

    private func endsSection(_ b: UnsafeBufferPointer<UInt8>, from start: Int, at end: Int) -> Bool {
        sectionEndIndex(b, from: start, limit: end) == end
    }

    private func skipSpaceBackwards(_ b: UnsafeBufferPointer<UInt8>, from end: Int) -> Int {
        var i = end
        while i > 0, [0x20, 0x09, 0x0A, 0x0D].contains(b[i - 1]) { i -= 1 }
        return i
    }
}
