/// Footnotes, endnotes and comments referenced from repeated content: each copy of the
/// reference has a new id (`UniqueIDs.copies`), and the note it names is copied under that id
/// into its part (`footnotes.xml`, `endnotes.xml`, `comments.xml`), right after the note,
/// with new ids of its own inside (paragraph ids, bookmarks). The part is parsed from what the
/// render wrote (or the template's bytes) and written back whole.
enum NoteCopies {
    /// The patched parts by name. `parts`: the part holding each space's copied element;
    /// `read`: a part's bytes as rendered, or the template's.
    static func patch(_ ids: UniqueIDs, parts: [Int: String], file: String,
                      read: (String) throws -> [UInt8]?) throws -> [String: [UInt8]] {
        guard !ids.copies.isEmpty else { return [:] }
        var documents: [String: XMLDocument] = [:]
        var lastCopy: [String: XMLElement] = [:]   // per part and original: where the next copy goes
        for (space, id, original) in ids.copies {
            guard let copied = ids.profile.spaces[space].copied, let name = parts[space] else { continue }
            if documents[name] == nil {
                guard let bytes = try read(name) else { continue }
                documents[name] = try XMLParser.parse(bytes, file: file, part: name)
            }
            let root = documents[name]!.root
            guard let note = root.children.lazy.compactMap({ $0 as? XMLElement }).first(where: {
                $0.qname == copied.element && $0.attribute(copied.attribute) == original
            }) else { continue }
            let copy = note.deepClone()
            if let a = copy.attributes.first(where: { $0.name == copied.attribute }) {
                copy.setAttribute(prefix: a.prefix, name: a.name, value: id)
            }
            renumber(copy, ids)
            let key = name + "\u{0}" + original
            let anchor = lastCopy[key] ?? note
            if let index = anchor.indexInParent { root.insert(copy, at: index + 1) }
            lastCopy[key] = copy
        }
        return documents.mapValues { XMLWriter.write($0) }
    }

    /// New ids for every id below `copy`, one per template id (so pairs stay paired).
    private static func renumber(_ copy: XMLElement, _ ids: UniqueIDs) {
        var mapping: [Int: [String: String]] = [:]
        copy.forEachDescendant { e in
            var changes: [(Int, String)] = []
            ids.profile.forEachID(of: e) { index, space in
                let old = e.attributes[index].value
                let new = mapping[space]?[old] ?? ids.fresh(space, from: old)
                mapping[space, default: [:]][old] = new
                changes.append((index, new))
            }
            for (index, value) in changes { e.attributes[index].value = value }
        }
    }
}
