/// Which parts of an office package hold text that may carry tags.
enum PackageParts {
    static let wordContentTypes: Set<String> = [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    ]
    static let textRelationships: Set<String> = ["header", "footer", "footnotes", "endnotes", "comments"]
    /// Parts whose text holds values only, by content type.
    static let valuesOnlyContentTypes: [String: PartKind] = [
        "application/vnd.openxmlformats-package.core-properties+xml": .properties,
        "application/vnd.openxmlformats-officedocument.extended-properties+xml": .properties,
        "application/vnd.openxmlformats-officedocument.custom-properties+xml": .properties,
        "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml": .drawingText,
        "application/vnd.ms-office.drawingml.diagramDrawing+xml": .drawingText,
    ]

    /// How a rendered part is read.
    enum PartKind: Sendable {
        /// Document text: the format's own profile.
        case text
        /// One text per element: document properties, custom XML data.
        case properties
        /// DrawingML paragraphs: SmartArt text.
        case drawingText

        func profile(_ format: FormatProfile, root: XMLElement) -> FormatProfile {
            switch self {
            case .text: return format
            case .properties: return .properties(of: root)
            case .drawingText: return .drawingText
            }
        }
    }

    /// The XML parts a render leaves as they are, whose text is checked for tags
    /// (`tag_not_rendered`): all but the rendered ones and Word's building blocks (the glossary,
    /// which no reader sees until someone inserts a block).
    static func unrenderedParts(_ reader: ZipReader, rendered: Set<String>) throws -> [String] {
        let types = reader.entry(named: "[Content_Types].xml") != nil ? try contentTypes(reader) : [:]
        return reader.entries.map(\.name).filter { name in
            name.hasSuffix(".xml") && !rendered.contains(name) && types[name]?.hasSuffix(".glossary+xml") != true
        }
    }

    /// The content type each part overrides in `[Content_Types].xml`, by part name (no leading `/`).
    static func contentTypes(_ reader: ZipReader) throws -> [String: String] {
        guard let types = reader.entry(named: "[Content_Types].xml") else { return [:] }
        let doc = try XMLParser.parse(try reader.read(types), file: reader.file, part: types.name)
        var result: [String: String] = [:]
        for case let e as XMLElement in doc.root.children where e.name == "Override" {
            guard let type = e.attribute("ContentType"), let partName = e.attribute("PartName") else { continue }
            result[String(partName.drop(while: { $0 == "/" }))] = type
        }
        return result
    }

    /// OOXML packages that are no WordprocessingML document, by their main part's content
    /// type: an Excel workbook or a PowerPoint presentation (nil for anything else).
    static func otherOfficeKind(_ reader: ZipReader) throws -> InputKind? {
        guard reader.entry(named: "_rels/.rels") != nil, let main = try mainPart(reader),
              let type = try contentTypes(reader)[main] else { return nil }
        if type.contains("spreadsheetml") || type.hasPrefix("application/vnd.ms-excel") { return .xlsx }
        if type.contains("presentationml") || type.hasPrefix("application/vnd.ms-powerpoint") { return .pptx }
        return nil
    }

    /// The WordprocessingML text parts, in archive order: the main part, the parts it has
    /// text relationships to, and the parts the content types declare as WordprocessingML.
    static func wordParts(_ reader: ZipReader) throws -> [String] {
        guard let main = try mainPart(reader) else {
            throw DocFillError("missing_part", "the package names no main document part that exists", at: SourceLocation(file: reader.file))
        }
        var parts: Set<String> = [main]
        parts.formUnion(try relatedParts(reader, of: main, kinds: textRelationships))
        // Parts the content types declare as WordprocessingML text (glossary and others).
        for (name, type) in try contentTypes(reader) where wordContentTypes.contains(type) {
            if reader.entry(named: name) != nil { parts.insert(name) }
        }
        return reader.entries.map(\.name).filter(parts.contains)
    }

    /// The main document part the package relationships name, if it exists.
    static func mainPart(_ reader: ZipReader) throws -> String? {
        guard let rootRels = reader.entry(named: "_rels/.rels") else {
            throw DocFillError("missing_part", "the package has no _rels/.rels", at: SourceLocation(file: reader.file))
        }
        guard let target = try relationships(reader, rootRels).first(where: { $0.type.hasSuffix("/officeDocument") })?.target else { return nil }
        return reader.entry(named: resolve(target, from: ""))?.name
    }

    /// The existing parts `part` has internal relationships to of the given kinds (the last
    /// component of the relationship type).
    static func relatedParts(_ reader: ZipReader, of part: String, kinds: Set<String>) throws -> [String] {
        let folder = part.split(separator: "/").dropLast().joined(separator: "/")
        let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (part.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        guard let rels = reader.entry(named: relsName) else { return [] }
        return try relationships(reader, rels).compactMap { rel in
            let kind = rel.type.split(separator: "/").last.map(String.init) ?? ""
            guard !rel.external, kinds.contains(kind) else { return nil }
            let name = resolve(rel.target, from: folder)
            return reader.entry(named: name) != nil ? name : nil
        }
    }

    private static func relationships(_ reader: ZipReader, _ entry: ArchiveEntry) throws -> [(type: String, target: String, external: Bool)] {
        let doc = try XMLParser.parse(try reader.read(entry), file: reader.file, part: entry.name)
        return doc.root.children.compactMap { node in
            guard let e = node as? XMLElement, e.name == "Relationship",
                  let type = e.attribute("Type"), let target = e.attribute("Target") else { return nil }
            return (type, target, e.attribute("TargetMode") == "External")
        }
    }

    /// Resolves a relationship target against the folder of its source part.
    static func resolve(_ target: String, from folder: String) -> String {
        var components: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for c in target.split(separator: "/") {
            if c == ".." { if !components.isEmpty { components.removeLast() } }
            else if c != "." { components.append(c) }
        }
        return components.joined(separator: "/")
    }
}
