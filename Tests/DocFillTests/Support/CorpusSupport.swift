import Foundation
@testable import DocFill

/// What the corpus tests read of a document: the text of every paragraph in every part a
/// reader sees (DOCX: `word/*.xml` — body, headers, footers, notes, comments, SmartArt data —
/// and `docProps/*.xml`; ODT: content, styles, meta), its XML parts, and which parts differ
/// between a template and its render.
enum CorpusDocument {
    /// One line per paragraph (a paragraph inside a text box is also a line of its own);
    /// document properties give one line per element holding text.
    static func lines(_ path: String, onlyPart: String? = nil) throws -> [String] {
        let reader = try ZipReader(TemplateBytes(try read(path)), file: path, limits: ArchiveLimits())
        let profile = try FormatDetection.detect(reader).profile
        var lines: [String] = []
        for entry in reader.entries where onlyPart.map({ $0 == entry.name }) ?? isTextPart(entry.name, profile) {
            let doc = try XMLParser.parse(try reader.read(entry), file: path, part: entry.name)
            if entry.name.hasPrefix("docProps/") || entry.name == "meta.xml" || entry.name.hasPrefix("word/diagrams/") {
                doc.root.forEachDescendant { e in
                    let text = e.children.compactMap { ($0 as? XMLText).map { String(decoding: $0.bytes, as: UTF8.self) } }.joined()
                    if !text.isEmpty { lines.append(text) }
                }
            } else {
                for p in doc.root.descendants(where: { $0.matches(profile.paragraphs) }) {
                    lines.append(readerText(p, profile))
                }
            }
        }
        return lines
    }

    /// A paragraph's text as Word and LibreOffice show it: a DOCX `w:t` without
    /// `xml:space="preserve"` loses its leading and trailing spaces; in ODF a run of spaces
    /// shows as one and spaces at the start of a paragraph not at all (only `text:s` keeps
    /// more). Nested paragraphs (text boxes, notes) are lines of their own.
    static func readerText(_ p: XMLElement, _ profile: FormatProfile) -> String {
        var out = ""
        var collapsible = true   // ODF: the last character shown is a space that swallows the next
        func walk(_ e: XMLElement) {
            for child in e.children {
                if let t = child as? XMLText, e.matches(profile.textCarriers) {
                    var text = String(decoding: t.bytes, as: UTF8.self)
                    if profile.format == .docx {
                        // XML white space only: a no-break space is text.
                        if e.attribute("space") != "preserve" { text = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n")) }
                        out += text
                    } else {
                        for ch in text {
                            if ch == " " || ch == "\t" || ch == "\n" || ch == "\r" {
                                if !collapsible { out.append(" "); collapsible = true }
                            } else { out.append(ch); collapsible = false }
                        }
                    }
                } else if let el = child as? XMLElement {
                    if el.matches(profile.ignoredSubtrees) || el.matches(profile.propertyElements) || el.matches(profile.paragraphs) { continue }
                    switch el.name {
                    case "br", "line-break": out += "\n"; collapsible = true
                    case "tab": if el.parent?.name != "tabs" { out += "\t"; collapsible = false }
                    case "s": out += String(repeating: " ", count: Int(el.attribute("c") ?? "1") ?? 1); collapsible = false
                    default: walk(el)
                    }
                }
            }
        }
        walk(p)
        return out
    }

    static func isTextPart(_ name: String, _ profile: FormatProfile) -> Bool {
        if profile.format == .docx {
            return (name.hasPrefix("word/") || name.hasPrefix("docProps/")) && name.hasSuffix(".xml")
        }
        return ["content.xml", "styles.xml", "meta.xml"].contains(name)
    }

    /// Every `.xml` / `.rels` part that libxml2 cannot parse → its message. (LibreOffice
    /// writes an empty `Configurations2/accelerator/current.xml`: a template can have some.)
    static func unparseableParts(_ path: String) throws -> [String: String] {
        let reader = try ZipReader(TemplateBytes(try read(path)), file: path, limits: ArchiveLimits())
        var failures: [String: String] = [:]
        for entry in reader.entries where entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") {
            do { _ = try XMLParser.parse(try reader.read(entry), file: path, part: entry.name) } catch {
                failures[entry.name] = "\(error)"
            }
        }
        return failures
    }

    /// Schema errors of `output` that `template` does not have. Only the parts whose bytes
    /// differ are validated (an unchanged part has the same errors in both), each package's
    /// changed parts unpacked into a folder for the validator.
    static func newSchemaErrors(template: String, output: String, scratch: URL) throws -> Set<String> {
        let before = try ZipReader(TemplateBytes(try read(template)), file: template, limits: ArchiveLimits())
        let after = try ZipReader(TemplateBytes(try read(output)), file: output, limits: ArchiveLimits())
        let isODF = try FormatDetection.detect(after).format != .docx
        if isODF {   // the ODF validator checks the package (manifest, mimetype) as a whole
            do {
                return try SchemaValidation.errors(of: output).subtracting(try SchemaValidation.errors(of: template))
            } catch let error as SchemaValidation.ValidationUnavailable where error.output.contains("no schema for office:version=") {
                return []   // ODF 1.0/1.1 (OpenOffice 2): the repository has schemas from ODF 1.2 on
            }
        }
        var changed: [String] = []
        for entry in after.entries where entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") {
            let old = try before.entry(named: entry.name).map { try before.read($0) }
            if try old != after.read(entry) { changed.append(entry.name) }
        }
        if changed.isEmpty { return [] }
        func unpack(_ reader: ZipReader, _ folder: String) throws -> String {
            let root = scratch.appendingPathComponent(folder)
            for name in changed {
                guard let entry = reader.entry(named: name) else { continue }
                let url = root.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(try reader.read(entry)).write(to: url)
            }
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            return root.path
        }
        let old = try SchemaValidation.errors(of: try unpack(before, "schema-template"))
        let new = try SchemaValidation.errors(of: try unpack(after, "schema-output"))
        return new.subtracting(old)
    }

    static func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
}
