/// A custom document property a template declares about itself, with its place.
public struct DeclaredProperty: Sendable, Hashable {
    /// The property's value, whitespace trimmed.
    public let value: String
    /// The part and line where it is written (`docProps/custom.xml`, `meta.xml`; the flat
    /// document itself for .fodt).
    public let location: SourceLocation
}

/// Reads the custom document properties DocFill gives a meaning to. Both office suites keep
/// them through editing and saving: Word's File > Info > Properties > Custom
/// (`docProps/custom.xml`), LibreOffice's File > Properties > Custom Properties (ODF
/// `meta:user-defined`, exported to and imported from `docProps/custom.xml`).
enum DocumentProperties {
    /// The property naming the data model a template is written for (`docfill.model`).
    static let modelProperty = "docfill.model"

    static let customPropertiesRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
    static let odfMetaNamespace = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"

    /// `name` in a DOCX package: the part `_rels/.rels` names as custom properties, a
    /// `property` element with that `name` whose one child (`vt:lpwstr` or any other
    /// variant type) holds the value.
    static func docx(_ reader: ZipReader, name: String) throws -> DeclaredProperty? {
        guard let (part, root) = try packagePart(reader, relationship: customPropertiesRelationship) else { return nil }
        for case let property as XMLElement in root.children where property.name == "property" && property.attribute("name") == name {
            let value = property.children.lazy.compactMap { $0 as? XMLElement }.first.map(text) ?? ""
            return DeclaredProperty(value: value.trimmingWhitespace(),
                                    location: SourceLocation(file: reader.file, part: part, line: property.line, column: property.column))
        }
        return nil
    }

    /// `name` in an ODT package's `meta.xml`.
    static func odt(_ reader: ZipReader, name: String) throws -> DeclaredProperty? {
        guard let meta = reader.entry(named: "meta.xml") else { return nil }
        let document = try XMLParser.parse(try reader.read(meta), file: reader.file, part: meta.name)
        return odf(document.root, name: name, file: reader.file, part: meta.name)
    }

    /// `name` among the `meta:user-defined` elements of an ODF document's `office:meta`
    /// (`meta.xml`'s root, or a flat document's root).
    static func odf(_ root: XMLElement, name: String, file: String, part: String) -> DeclaredProperty? {
        for case let meta as XMLElement in root.children where meta.name == "meta" {
            for case let property as XMLElement in meta.children
            where property.name == "user-defined" && property.namespaceURI == odfMetaNamespace
                && property.attributes.contains(where: { $0.name == "name" && $0.prefix == "meta" && $0.value == name }) {
                return DeclaredProperty(value: text(property).trimmingWhitespace(),
                                        location: SourceLocation(file: file, part: part, line: property.line, column: property.column))
            }
        }
        return nil
    }

    /// The package-level part `_rels/.rels` names with `relationship` (internal targets
    /// only), parsed: its name and root; nil when there is none.
    private static func packagePart(_ reader: ZipReader, relationship: String) throws -> (name: String, root: XMLElement)? {
        guard let rels = reader.entry(named: "_rels/.rels") else { return nil }
        let relations = try XMLParser.parse(try reader.read(rels), file: reader.file, part: rels.name).root
        guard let target = relations.children.lazy.compactMap({ $0 as? XMLElement })
                .first(where: { $0.attribute("Type") == relationship && $0.attribute("TargetMode") != "External" })?
                .attribute("Target"),
              let part = reader.entry(named: PackageParts.resolve(target, from: "")) else { return nil }
        return (part.name, try XMLParser.parse(try reader.read(part), file: reader.file, part: part.name).root)
    }

    static let corePropertiesRelationship = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    static let dublinCoreNamespace = "http://purl.org/dc/elements/1.1/"

    /// The title of a DOCX package: `dc:title` in the part `_rels/.rels` names as core
    /// properties (`docProps/core.xml`); nil when absent or blank.
    static func docxTitle(_ reader: ZipReader) throws -> String? {
        guard let (_, root) = try packagePart(reader, relationship: corePropertiesRelationship) else { return nil }
        return titleChild(of: root)
    }

    /// The title of an ODT package, in `meta.xml`.
    static func odtTitle(_ reader: ZipReader) throws -> String? {
        guard let meta = reader.entry(named: "meta.xml") else { return nil }
        return odfTitle(try XMLParser.parse(try reader.read(meta), file: reader.file, part: meta.name).root)
    }

    /// `dc:title` in the `office:meta` of an ODF document (`meta.xml`'s root, or a flat document's root).
    static func odfTitle(_ root: XMLElement) -> String? {
        for case let meta as XMLElement in root.children where meta.name == "meta" {
            if let title = titleChild(of: meta) { return title }
        }
        return nil
    }

    private static func titleChild(of element: XMLElement) -> String? {
        for case let child as XMLElement in element.children where child.name == "title" && child.namespaceURI == dublinCoreNamespace {
            let title = text(child).trimmingWhitespace()
            return title.isEmpty ? nil : title
        }
        return nil
    }

    /// The character data of an element and its descendants, in order.
    private static func text(_ element: XMLElement) -> String {
        var bytes: [UInt8] = []
        func collect(_ e: XMLElement) {
            for child in e.children {
                if let t = child as? XMLText { bytes += t.bytes } else if let c = child as? XMLElement { collect(c) }
            }
        }
        collect(element)
        return String(decoding: bytes, as: UTF8.self)
    }
}
