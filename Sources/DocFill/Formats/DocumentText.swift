import Foundation

/// The plain text of a DOCX, ODT or flat ODT document, one line per block: a paragraph per
/// line (a line break inside it stays a `\n`), a table row as its cells joined with " | "
/// (merged-away cells skipped), then headers and footers after "--- header" / "--- footer".
/// Each format's package picks the parts (`FormatPackage.documentLines`); all are read
/// through their `FormatProfile`, so they share every rule. `diff`
/// compares documents by these lines; tests compare renders by them.
public enum DocumentText {
    /// The lines joined with newlines.
    public static func extract(_ path: String) throws -> String {
        try lines(contentsOf: path).joined(separator: "\n")
    }

    /// The document's visible text, one entry per paragraph; a table row becomes one line with its cells joined by " | ".
    public static func lines(contentsOf path: String) throws -> [String] {
        let raw: [UInt8]
        do { raw = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw DocFillError("io_error", "cannot read the document: \(error.localizedDescription)", at: SourceLocation(file: path))
        }
        if FlatODF.isFlat(raw) { return try FlatODTPackage().documentLines(raw, file: path) }
        let reader = try ZipReader(TemplateBytes(raw), file: path, limits: ArchiveLimits())
        return try FormatDetection.detect(reader).documentLines(reader)
    }

    static func odfLines(content: XMLDocument, styles: XMLDocument) -> [String] {
        let profile = FormatProfile.odt
        var lines: [String] = []
        if let body = content.root.descendants(where: { $0.name == "text" && $0.namespaceURI == Namespaces.office }).first {
            lines += blocks(body, profile)
        }
        for kind in ["header", "footer"] {
            for e in styles.root.descendants(where: { $0.name == kind && $0.namespaceURI?.contains("style") == true }) {
                lines.append("--- \(kind)")
                lines += blocks(e, profile)
            }
        }
        return lines
    }

    static func part(_ reader: ZipReader, _ name: String) throws -> [UInt8] {
        guard let entry = reader.entry(named: name) else {
            throw DocFillError("missing_part", "the package has no \(name)", at: SourceLocation(file: reader.file))
        }
        return try reader.read(entry)
    }

    static func blockLines(_ reader: ZipReader, _ name: String, _ profile: FormatProfile) throws -> [String] {
        let doc = try XMLParser.parse(try part(reader, name), file: reader.file, part: name)
        return blocks(doc.root, profile)
    }

    /// Paragraphs and table rows below `e`, in order.
    static func blocks(_ e: XMLElement, _ profile: FormatProfile) -> [String] {
        var lines: [String] = []
        for case let child as XMLElement in e.children {
            if child.matches(profile.paragraphs) {
                lines.append(paragraphText(child, profile))
            } else if child.matches(profile.rows) {
                var cells: [String] = []
                // Cells may sit in content controls (`w:sdt`) inside the row.
                func collect(_ e: XMLElement) {
                    for case let cell as XMLElement in e.children {
                        if cell.matches(profile.transparentWrappers) { collect(cell); continue }
                        guard cell.matches(profile.cells), !isCovered(cell, profile) else { continue }
                        cells.append(blocks(cell, profile).joined(separator: " "))
                    }
                }
                collect(child)
                lines.append(cells.joined(separator: " | "))
            } else if child.matches(profile.ignoredSubtrees) {
                continue
            } else {
                lines += blocks(child, profile)
            }
        }
        return lines
    }

    /// A cell merged into the one above or beside it (ODF covered cells, a DOCX `w:vMerge`
    /// that is not `restart`): its text belongs to the merged cell.
    static func isCovered(_ cell: XMLElement, _ profile: FormatProfile) -> Bool {
        if cell.matches(profile.coveredCells) { return true }
        for case let properties as XMLElement in cell.children where properties.matches(profile.cellProperties) {
            for case let merge as XMLElement in properties.children where merge.matches(profile.verticalMerge) {
                return merge.attribute("val") != "restart"
            }
        }
        return false
    }

    static func paragraphText(_ p: XMLElement, _ profile: FormatProfile) -> String {
        var out = ""
        func walk(_ e: XMLElement) {
            for child in e.children {
                if let t = child as? XMLText, e.matches(profile.textCarriers) {
                    out += String(decoding: t.bytes, as: UTF8.self)
                } else if let el = child as? XMLElement {
                    if el.matches(profile.ignoredSubtrees) || el.matches(profile.propertyElements) { continue }
                    switch el.name {
                    case "br", "line-break": out += "\n"
                    case "tab": if el.parent?.name != "tabs" { out += "\t" }
                    case "s": out += String(repeating: " ", count: Int(el.attribute("c") ?? "1") ?? 1)
                    default: walk(el)
                    }
                }
            }
        }
        walk(p)
        return out
    }
}
