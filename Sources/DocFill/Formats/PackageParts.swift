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

    /// Detects the format from the content: ODF's `mimetype` entry or OOXML's content types.
    static func detect(_ reader: ZipReader) throws -> FormatProfile {
        if let mimetype = reader.entry(named: "mimetype") {
            let text = String(decoding: try reader.read(mimetype), as: UTF8.self).trimmingWhitespace()
            if text.hasPrefix("application/vnd.oasis.opendocument.text") { return .odt }
            throw DocFillError("unknown_format", "'\(text)' documents are not supported; use a text document (.odt) or .docx",
                               at: SourceLocation(file: reader.file, part: "mimetype"))
        }
        if reader.entry(named: "[Content_Types].xml") != nil { return .docx }
        throw DocFillError("unknown_format", "neither an OOXML (.docx) nor an ODF (.odt) package: no [Content_Types].xml or mimetype entry",
                           at: SourceLocation(file: reader.file))
    }

    /// The text parts, in archive order.
    static func textParts(_ reader: ZipReader, profile: FormatProfile) throws -> [String] {
        switch profile.format {
        case .odt, .fodt:
            guard reader.entry(named: "content.xml") != nil else {
                throw DocFillError("missing_part", "the package has no content.xml", at: SourceLocation(file: reader.file))
            }
            return reader.entries.map(\.name).filter { $0 == "content.xml" || $0 == "styles.xml" }
        case .docx:
            return try wordParts(reader)
        }
    }

    private static func wordParts(_ reader: ZipReader) throws -> [String] {
        let file = reader.file
        guard let rootRels = reader.entry(named: "_rels/.rels") else {
            throw DocFillError("missing_part", "the package has no _rels/.rels", at: SourceLocation(file: file))
        }
        let mainTarget = try relationships(reader, rootRels).first { $0.type.hasSuffix("/officeDocument") }?.target
        guard let mainTarget, let main = reader.entry(named: resolve(mainTarget, from: "")) else {
            throw DocFillError("missing_part", "the package names no main document part that exists", at: SourceLocation(file: file))
        }
        var parts: Set<String> = [main.name]
        let folder = main.name.split(separator: "/").dropLast().joined(separator: "/")
        let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (main.name.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        if let rels = reader.entry(named: relsName) {
            for rel in try relationships(reader, rels) where !rel.external {
                let kind = rel.type.split(separator: "/").last.map(String.init) ?? ""
                guard textRelationships.contains(kind) else { continue }
                let name = resolve(rel.target, from: folder)
                if reader.entry(named: name) != nil { parts.insert(name) }
            }
        }
        // Parts the content types declare as WordprocessingML text (glossary and others).
        if let types = reader.entry(named: "[Content_Types].xml") {
            let doc = try XMLParser.parse(try reader.read(types), file: file, part: types.name)
            for case let e as XMLElement in doc.root.children where e.name == "Override" {
                guard let type = e.attribute("ContentType"), wordContentTypes.contains(type),
                      let partName = e.attribute("PartName") else { continue }
                let name = String(partName.drop(while: { $0 == "/" }))
                if reader.entry(named: name) != nil { parts.insert(name) }
            }
        }
        return reader.entries.map(\.name).filter(parts.contains)
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
