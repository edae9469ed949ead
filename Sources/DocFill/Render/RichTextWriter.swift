/// Writes a rich value where its tag is: runs with marks, links, and paragraphs where the
/// tag has its paragraph to itself (elsewhere blocks are joined with line breaks). The
/// markup comes from the site (`RichSite`); this only puts it in order.
struct RichTextWriter {
    let site: RichSite
    let context: TextContext
    let part: String
    /// Gives links their relationship (DOCX) and records the styles used (ODF).
    let sink: ImageSink?

    /// What the renderer finishes after the template's next bytes (`PlanRenderer`).
    struct After {
        /// DOCX: where the run resuming the template's starts, and what closes it: taken
        /// back if the next bytes close it at once, so no empty run is left.
        var emptyRun: (at: Int, close: [UInt8])?
        /// ODF: a list of bullets open at the value's end, closed (`insert`) after the
        /// paragraph's end tag (`marker`), which the template writes.
        var closeAfter: (marker: [UInt8], insert: [UInt8])?
    }

    @discardableResult
    func write(_ rich: RichText, into out: OutputBuffer) -> After {
        // The tag starts its run: the run is taken back, not left empty.
        if !site.templateRunStart.isEmpty, out.ends(with: site.templateRunStart) { out.truncate(to: out.count - site.templateRunStart.count) }
        else { out.append(site.leaveRun) }
        var inList = false
        for (n, (runs, styledBullet)) in blocks(of: rich).enumerated() {
            if n > 0, let paragraphBreak = site.paragraphBreak {
                if let list = site.bulletList {
                    // Bullets in a list of the template's bullet style, the list closed before a paragraph.
                    out.append(paragraphBreak.written(ids: sink?.ids, between: styledBullet ? (inList ? list.next : list.open) : (inList ? list.close : [])))
                    inList = styledBullet
                } else {
                    out.append((styledBullet ? site.bulletBreak! : paragraphBreak).written(ids: sink?.ids))
                }
                if !styledBullet || site.bulletList != nil, let style = site.copyStyle { sink?.useParagraphStyle(style.name, style.declaration, part: part) }
            }
            var openLink: String?
            for run in runs {
                let link = site.linksAllowed && sink != nil ? run.link : nil
                if link != openLink {
                    if openLink != nil { out.append(Array(site.rules.linkEnd(site.prefix).utf8)) }
                    if let link { out.append(Array(site.rules.linkStart(site.prefix, target(of: link)).utf8)) }
                    openLink = link
                }
                out.append(site.open(run.marks, link: link != nil))
                if !run.marks.isEmpty, site.rules.usesAutomaticStyles { sink?.useStyle(run.marks, part: part) }
                PlanRenderer.writeText(run.text, context: context, into: out)
                out.append(site.close(run.marks))
            }
            if openLink != nil { out.append(Array(site.rules.linkEnd(site.prefix).utf8)) }
        }
        let at = out.count
        out.append(site.resume)
        return After(emptyRun: site.rules.runsNest ? nil : (at, site.leaveRun),
                     closeAfter: inList ? site.bulletList.map { ($0.paragraphEnd, $0.close) } : nil)
    }

    /// The runs of each paragraph written, and whether it is a paragraph in the template's
    /// bullet style: one per block where the site can start paragraphs, else all blocks in
    /// one, joined by line breaks. A bullet starts with `• ` unless it has the bullet style
    /// (the first block cannot: its paragraph is the template's).
    private func blocks(of rich: RichText) -> [(runs: [RichRun], styledBullet: Bool)] {
        let each = rich.blocks.enumerated().map { n, block in
            let styled = block.kind == .bullet && n > 0 && (site.bulletBreak != nil || site.bulletList != nil)
            return (runs: block.kind == .bullet && !styled ? [RichRun(RichText.bulletPrefix)] + block.runs : block.runs, styledBullet: styled)
        }
        guard site.paragraphBreak == nil else { return each }
        var joined: [RichRun] = []
        for (n, block) in each.enumerated() {
            if n > 0 { joined.append(RichRun("\n")) }
            joined += block.runs
        }
        return [(joined, false)]
    }

    /// A link's relationship id (DOCX) or its address, escaped for an attribute (ODF).
    private func target(of link: String) -> String {
        if site.rules.linksUseRelationships, let sink { return sink.hyperlink(link, part: part) }
        var escaped: [UInt8] = []
        XMLWriter.escapeAttribute(link, into: &escaped)
        return String(decoding: escaped, as: UTF8.self)
    }
}

extension CopiedMarkup {
    /// The markup with fresh ids (one per template id: a start and end with one id stay
    /// paired); the template's ids without `ids`. `between`: written between the end tags
    /// and the start tags (a list's markup; ids are all in the start tags).
    func written(ids: UniqueIDs?, between: [UInt8] = []) -> [UInt8] {
        guard !between.isEmpty else { return substituted(ids: ids) }
        let all = substituted(ids: ids)
        return Array(all[..<leaveCount]) + between + all[leaveCount...]
    }

    private func substituted(ids: UniqueIDs?) -> [UInt8] {
        guard !self.ids.isEmpty, let ids else { return bytes }
        var out: [UInt8] = [], from = 0, fresh: [String: String] = [:]
        for slot in self.ids {
            out += bytes[from..<slot.at]
            let key = "\(slot.space) \(slot.original)"
            let id = fresh[key] ?? ids.fresh(slot.space, from: slot.original)
            fresh[key] = id
            XMLWriter.escapeAttribute(id, into: &out)
            from = slot.at
        }
        return out + bytes[from...]
    }
}
