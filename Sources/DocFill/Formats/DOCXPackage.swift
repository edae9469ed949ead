/// WordprocessingML packages (.docx, .docm, .dotx, .dotm): text parts found through the
/// relationships and content types, document properties, custom XML data and SmartArt text
/// rendered as values only, pictures as relationships plus content-type defaults, notes
/// copied with repeated references, the package type set by the output's extension, and a
/// last section the render left empty dropped (`TrailingSection`).
struct DOCXPackage: FormatPackage {
    var format: DocumentFormat { .docx }
    var profile: FormatProfile { .docx }
    var extensions: Set<String> { ["docx", "docm", "dotx", "dotm"] }
    var mediaPlacement: MediaPlacement { .relationships }

    func textParts(_ reader: ZipReader) throws -> [String] {
        try PackageParts.wordParts(reader)
    }

    /// The text parts, the document properties, custom XML data (content controls bound to
    /// it show its text) and SmartArt text.
    func renderedParts(_ reader: ZipReader) throws -> [(name: String, kind: PackageParts.PartKind)] {
        var kinds: [String: PackageParts.PartKind] = [:]
        for name in try textParts(reader) { kinds[name] = .text }
        for (name, type) in try PackageParts.contentTypes(reader) {
            if let kind = PackageParts.valuesOnlyContentTypes[type], reader.entry(named: name) != nil, kinds[name] == nil { kinds[name] = kind }
        }
        if let main = try PackageParts.mainPart(reader) {
            for name in try PackageParts.relatedParts(reader, of: main, kinds: ["customXml"]) where kinds[name] == nil { kinds[name] = .properties }
        }
        return reader.entries.compactMap { entry in kinds[entry.name].map { (entry.name, $0) } }
    }

    func pageSetupPart(_ reader: ZipReader) throws -> String? {
        try PackageParts.contentTypes(reader).first { reader.entry(named: $0.key) != nil && $0.value == Self.settingsType }?.key
    }

    func setPageSides(_ sides: PageSides, in root: XMLElement) -> Bool { PageSidesSetup.docx(sides, in: root) }

    static let settingsType = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"

    func postRenderStep(root: XMLElement, kind: PackageParts.PartKind) -> (any PartPostStep)? {
        kind == .text ? TrailingSection(root: root) : nil
    }

    func copiedElementParts(_ reader: ZipReader) throws -> [Int: String] {
        let types = try PackageParts.contentTypes(reader)
        var parts: [Int: String] = [:]
        for (index, space) in profile.uniqueIDs.spaces.enumerated() {
            guard let copied = space.copied else { continue }
            parts[index] = reader.entries.first { types[$0.name] == copied.contentType }?.name
        }
        return parts
    }

    func reservedRelationshipIDs(_ reader: ZipReader, partsWithImages: [String], file: String) throws -> [String: Set<String>] {
        var reserved: [String: Set<String>] = [:]
        for part in partsWithImages {
            let relsName = ImagePackage.relationshipsPart(of: part)
            guard let entry = reader.entry(named: relsName) else { continue }
            reserved[part] = try ImagePackage.relationshipIDs(try reader.read(entry), file: file, part: relsName)
        }
        return reserved
    }

    func declaredProperty(_ reader: ZipReader, name: String) throws -> DeclaredProperty? {
        try DocumentProperties.docx(reader, name: name)
    }

    func title(_ reader: ZipReader) throws -> String? { try DocumentProperties.docxTitle(reader) }

    func mediaChanges(_ media: RenderedMedia, file: String, read: (String) throws -> [UInt8]?) throws -> ImagePackage.Changes {
        try ImagePackage.relationshipChanges(media, file: file, read: read)
    }

    /// Standard output gets a document, as a `.docx` would (macros dropped).
    func packageTypeChanges(outputExtension: String?, file: String,
                            read: (String) throws -> [UInt8]?) throws -> WordPackageType.Changes {
        try WordPackageType.changes(outputExtension: outputExtension ?? "docx", file: file, read: read)
    }

    /// From word/styles.xml: the id of the paragraph style named "List Bullet" (Word's
    /// built-in bullet list style, with its numbering) and the character style with the id
    /// "Hyperlink" (Word's link style), where the template has them.
    func richStyles(_ reader: ZipReader, file: String) throws -> RichStyles {
        guard let entry = reader.entry(named: "word/styles.xml") else { return RichStyles() }
        // Styles and their names are the top three levels; the properties below are not needed
        // (python-docx's 350 KB styles.xml as a whole tree doubled a compile).
        let root = try XMLParser.parse(try reader.read(entry), file: file, part: entry.name, keepingDepth: 3).root
        let styles = root.children.compactMap { $0 as? XMLElement }.filter { $0.name == "style" }
        let bullet = styles.first { style in
            style.attribute("type") == "paragraph"
                && style.children.contains { ($0 as? XMLElement)?.name == "name" && ($0 as? XMLElement)?.attribute("val")?.lowercased() == "list bullet" }
        }
        let link = styles.first { $0.attribute("type") == "character" && $0.attribute("styleId") == "Hyperlink" }
        return RichStyles(bullet: bullet?.attribute("styleId"), link: link?.attribute("styleId"))
    }

    /// The main part's blocks, then each header and footer after `--- header` / `--- footer`.
    func documentLines(_ reader: ZipReader) throws -> [String] {
        let parts = try textParts(reader)
        var lines: [String] = []
        for name in parts where name.hasSuffix("document.xml") { lines += try DocumentText.blockLines(reader, name, profile) }
        for kind in ["header", "footer"] {
            for name in parts where name.contains("/\(kind)") {
                lines.append("--- \(kind)")
                lines += try DocumentText.blockLines(reader, name, profile)
            }
        }
        return lines
    }
}
