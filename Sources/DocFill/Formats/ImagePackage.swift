/// Adds a render's pictures to the package: the media entries, and the lists that must name
/// them — DOCX: each part's relationships and the content types; ODT: the manifest. Lists the
/// template has are parsed and written back in place; a .rels a part lacks is created.
enum ImagePackage {
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let imageRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
    static let hyperlinkRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

    struct Changes {
        /// Template entries written with new bytes.
        var replaced: [String: [UInt8]] = [:]
        /// New entries, sorted by name; media are stored (already compressed).
        var added: [(name: String, bytes: [UInt8], store: Bool)] = []
    }

    /// `word/_rels/document.xml.rels` for `word/document.xml`.
    static func relationshipsPart(of part: String) -> String {
        var components = part.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name = components.removeLast()
        return (components + ["_rels", name + ".rels"]).joined(separator: "/")
    }

    /// The relationship ids a .rels part already uses.
    static func relationshipIDs(_ bytes: [UInt8], file: String, part: String) throws -> Set<String> {
        let doc = try XMLParser.parse(bytes, file: file, part: part)
        return Set(doc.root.children.compactMap { ($0 as? XMLElement)?.attribute("Id") })
    }

    /// The media entries themselves, stored (already compressed), sorted by name, with `extra`
    /// entries (new .rels parts).
    private static func added(_ media: RenderedMedia, extra: [String: [UInt8]] = [:]) -> [(name: String, bytes: [UInt8], store: Bool)] {
        var added: [String: (bytes: [UInt8], store: Bool)] = [:]
        for (name, image) in media.entries { added[name] = (image.bytes, true) }
        for (name, bytes) in extra { added[name] = (bytes, false) }
        return added.keys.sorted().map { ($0, added[$0]!.bytes, added[$0]!.store) }
    }

    /// DOCX: the media, each part's relationships to them and the content types' defaults
    /// for their extensions. `read` gives a template entry's bytes, or nil if there is none.
    static func relationshipChanges(_ media: RenderedMedia, file: String, read: (String) throws -> [UInt8]?) throws -> Changes {
        var changes = Changes()
        guard !media.entries.isEmpty || !media.links.isEmpty else { return changes }
        var newParts: [String: [UInt8]] = [:]
        for part in Set(media.relationships.keys).union(media.links.keys).sorted() {
            let relationships = media.relationships[part] ?? []
            let relsName = relationshipsPart(of: part)
            let folder = part.split(separator: "/").dropLast().joined(separator: "/")
            let doc: XMLDocument
            let existing = try read(relsName)
            if let existing {
                doc = try XMLParser.parse(existing, file: file, part: relsName)
            } else {
                let root = XMLElement(prefix: nil, name: "Relationships", namespaceURI: relationshipsNamespace)
                root.namespaceDeclarations = [(nil, relationshipsNamespace)]
                doc = XMLDocument(root: root, standalone: true)
            }
            for (id, entry) in relationships {
                let target = entry.hasPrefix(folder + "/") ? String(entry.dropFirst(folder.count + 1)) : "/" + entry
                append(to: doc.root, "Relationship", [("Id", id), ("Type", imageRelationship), ("Target", target)])
            }
            for (id, url) in media.links[part] ?? [] {
                append(to: doc.root, "Relationship", [("Id", id), ("Type", hyperlinkRelationship), ("Target", url), ("TargetMode", "External")])
            }
            if existing != nil { changes.replaced[relsName] = XMLWriter.write(doc) }
            else { newParts[relsName] = XMLWriter.write(doc) }
        }
        let typesName = "[Content_Types].xml"
        if !media.entries.isEmpty, let bytes = try read(typesName) {
            let doc = try XMLParser.parse(bytes, file: file, part: typesName)
            let known = Set(doc.root.children.compactMap { node -> String? in
                guard let e = node as? XMLElement, e.name == "Default" else { return nil }
                return e.attribute("Extension")?.lowercased()
            })
            let kinds = Set(media.entries.values.map(\.kind)).sorted { $0.rawValue < $1.rawValue }
            var changed = false
            for kind in kinds where !known.contains(kind.fileExtension) {
                let e = append(to: doc.root, "Default", [("Extension", kind.fileExtension), ("ContentType", kind.mimeType)])
                // Defaults before Overrides, as packages usually have them.
                let firstOverride = doc.root.children.firstIndex { ($0 as? XMLElement)?.name == "Override" }
                if let firstOverride, let index = e.indexInParent, firstOverride < index {
                    e.remove(); doc.root.insert(e, at: firstOverride)
                }
                changed = true
            }
            if changed { changes.replaced[typesName] = XMLWriter.write(doc) }
        }
        changes.added = added(media, extra: newParts)
        return changes
    }

    /// ODT: the media and the manifest's entries for them.
    static func manifestChanges(_ media: RenderedMedia, file: String, read: (String) throws -> [UInt8]?) throws -> Changes {
        var changes = Changes()
        guard !media.entries.isEmpty else { return changes }
        let manifestName = ODFManifest.name
        if let bytes = try read(manifestName) {
            let doc = try XMLParser.parse(bytes, file: file, part: manifestName)
            let prefix = doc.root.prefix
            let listed = Set(doc.root.children.compactMap { ($0 as? XMLElement)?.attribute("full-path") })
            for name in media.entries.keys.sorted() where !listed.contains(name) {
                append(to: doc.root, "file-entry", [("full-path", name), ("media-type", media.entries[name]!.kind.mimeType)],
                       attributePrefix: prefix)
            }
            changes.replaced[manifestName] = XMLWriter.write(doc)
        }
        changes.added = added(media)
        return changes
    }

    @discardableResult
    private static func append(to root: XMLElement, _ name: String, _ attributes: [(String, String)],
                               attributePrefix: String? = nil) -> XMLElement {
        let e = XMLElement(prefix: root.prefix, name: name, namespaceURI: root.namespaceURI)
        e.attributes = attributes.map { XMLAttribute(prefix: attributePrefix, name: $0.0, value: $0.1) }
        root.append(e)
        return e
    }
}
