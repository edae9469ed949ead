/// OpenDocument text packages (.odt, .ott): `content.xml` and `styles.xml` templated,
/// `meta.xml` rendered as values only, `mimetype` written stored, the manifest checked when
/// compiling and listing the render's pictures.
struct ODTPackage: FormatPackage {
    var format: DocumentFormat { .odt }
    var profile: FormatProfile { .odt }
    var extensions: Set<String> { ["odt", "ott"] }
    var storedEntries: Set<String> { ["mimetype"] }
    var mediaPlacement: MediaPlacement { .packagePaths }

    /// The styles of styles.xml: content.xml's paragraphs inherit from its common styles,
    /// and a new style's name must not be one of its names.
    func richStyles(_ reader: ZipReader, file: String) throws -> RichStyles {
        guard let entry = reader.entry(named: "styles.xml") else { return RichStyles() }
        return RichStyles(odf: ODFStyles(root: try XMLParser.parse(try reader.read(entry), file: file, part: entry.name).root))
    }

    func textParts(_ reader: ZipReader) throws -> [String] {
        guard reader.entry(named: "content.xml") != nil else {
            throw DocFillError("missing_part", "the package has no content.xml", at: SourceLocation(file: reader.file))
        }
        return reader.entries.map(\.name).filter { $0 == "content.xml" || $0 == "styles.xml" }
    }

    func renderedParts(_ reader: ZipReader) throws -> [(name: String, kind: PackageParts.PartKind)] {
        var kinds: [String: PackageParts.PartKind] = [:]
        for name in try textParts(reader) { kinds[name] = .text }
        if reader.entry(named: "meta.xml") != nil { kinds["meta.xml"] = .properties }
        return reader.entries.compactMap { entry in kinds[entry.name].map { (entry.name, $0) } }
    }

    func check(entry name: String, _ data: [UInt8], file: String) throws {
        if name == ODFManifest.name { try ODFManifest.check(data, file: file) }
    }

    func declaredProperty(_ reader: ZipReader, name: String) throws -> DeclaredProperty? {
        try DocumentProperties.odt(reader, name: name)
    }

    func title(_ reader: ZipReader) throws -> String? { try DocumentProperties.odtTitle(reader) }

    func mediaChanges(_ media: RenderedMedia, file: String, read: (String) throws -> [UInt8]?) throws -> ImagePackage.Changes {
        try ImagePackage.manifestChanges(media, file: file, read: read)
    }

    func pageSetupPart(_ reader: ZipReader) throws -> String? {
        reader.entry(named: "styles.xml") == nil ? nil : "styles.xml"
    }

    func setPageSides(_ sides: PageSides, in root: XMLElement) -> Bool { PageSidesSetup.odf(sides, in: root) }

    func documentLines(_ reader: ZipReader) throws -> [String] {
        let content = try XMLParser.parse(try DocumentText.part(reader, "content.xml"), file: reader.file, part: "content.xml")
        let styles = try XMLParser.parse(try DocumentText.part(reader, "styles.xml"), file: reader.file, part: "styles.xml")
        return DocumentText.odfLines(content: content, styles: styles)
    }
}

/// Flat ODT (.fodt): one XML file holding the whole document (see `FlatODF`), rendered as
/// one part with the ODT profile and written back as XML; pictures go inline.
struct FlatODTPackage: FormatPackage {
    var format: DocumentFormat { .fodt }
    var profile: FormatProfile { .odt }
    var extensions: Set<String> { ["fodt"] }
    var isArchive: Bool { false }
    var mediaPlacement: MediaPlacement { .inline }

    func setPageSides(_ sides: PageSides, in root: XMLElement) -> Bool { PageSidesSetup.odf(sides, in: root) }

    /// The whole document is the one part; there is no archive to read.
    func textParts(_ reader: ZipReader) throws -> [String] { [] }
    func renderedParts(_ reader: ZipReader) throws -> [(name: String, kind: PackageParts.PartKind)] { [] }
    func declaredProperty(_ reader: ZipReader, name: String) throws -> DeclaredProperty? { nil }

    func title(_ reader: ZipReader) throws -> String? { nil }

    /// The title among the document's own `office:meta`.
    func title(_ root: XMLElement) -> String? { DocumentProperties.odfTitle(root) }

    /// The property among the document's own `office:meta`.
    func declaredProperty(_ root: XMLElement, name: String, file: String) -> DeclaredProperty? {
        DocumentProperties.odf(root, name: name, file: file, part: FlatODF.partName)
    }

    func mediaChanges(_ media: RenderedMedia, file: String, read: (String) throws -> [UInt8]?) throws -> ImagePackage.Changes {
        .init()   // pictures are inline
    }

    func documentLines(_ reader: ZipReader) throws -> [String] { [] }

    /// The lines of a flat document's bytes.
    func documentLines(_ bytes: [UInt8], file: String) throws -> [String] {
        let doc = try XMLParser.parse(bytes, file: file, part: FlatODF.partName)
        return DocumentText.odfLines(content: doc, styles: doc)
    }
}
