import Foundation

/// A DOCX or ODT template, compiled once and rendered many times (also from several threads:
/// it holds only immutable values).
public final class DocumentTemplate: Sendable {
    public let format: DocumentFormat
    /// The template's file name, for messages.
    public let file: String
    let bytes: TemplateBytes
    let limits: ArchiveLimits
    let filters: FilterSet
    /// Rendered parts by name; every other entry is copied unchanged.
    let plans: [String: PartPlan]
    let entryNames: [String]
    /// Every tag of every part, in document order, with its place (for inspection).
    public let tags: [TagInfo]
    let storedEntries: Set<String>
    /// Placeholder pictures: the largest drawing id of the template (new ids go above it) and
    /// the relationship ids the parts holding pictures already use.
    let largestDrawingID: Int
    let reservedRelationshipIDs: [String: Set<String>]
    /// The size each part rendered to last time: the next render reserves that much at once.
    let sizeHints = SizeHints()
    /// Output buffers reused from one render to the next.
    let buffers = BufferPool()
    /// Open readers of the template's archive: raw copies read from one, and opening it
    /// again on every render re-parsed the central directory (libzip converts every entry's
    /// DOS time with mktime, which stats /etc/localtime each time).
    let readers = IdlePool<ZipReader>(limit: 4)

    /// Compiles the template at `path`.
    public convenience init(contentsOf path: String, options: CompileOptions = CompileOptions()) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DocFillError("io_error", "cannot read the template: \(error.localizedDescription)", at: SourceLocation(file: path))
        }
        try self.init(bytes: [UInt8](data), file: path, options: options)
    }

    public init(bytes: [UInt8], file: String, options: CompileOptions = CompileOptions()) throws {
        self.file = file
        self.limits = options.limits
        self.filters = options.filters
        let templateBytes = TemplateBytes(bytes)
        self.bytes = templateBytes
        let compiler: (FormatProfile) -> PartCompiler = {
            PartCompiler(profile: $0, delimiters: options.delimiters, filters: options.filters)
        }
        var plans: [String: PartPlan] = [:]
        var tags: [TagInfo] = []
        var diagnostics: [Diagnostic] = []
        var largestID = 0
        var partsWithImages: [String] = []
        var trees: [XMLDocument] = []
        defer { TreeDisposal.release(&trees) }
        func compilePart(_ data: [UInt8], name: String, profile: FormatProfile) throws {
            let document = try XMLParser.parse(data, file: file, part: name)
            trees.append(document)
            let trailing = profile.format == .docx ? TrailingSection(root: document.root) : nil
            let result = compiler(profile).compile(document, file: file, part: name)
            diagnostics += result.diagnostics
            let found = result.placeholders.map { TagInfo(tag: $0.tag, location: $0.location, site: $0.site) }
                + result.images.map { TagInfo(tag: $0.tag, location: $0.location, site: $0.site, isImage: true) }
            // In document order: XML positions only grow through a part.
            tags += found.enumerated().sorted {
                ($0.element.location.line ?? 0, $0.element.location.column ?? 0, $0.offset)
                    < ($1.element.location.line ?? 0, $1.element.location.column ?? 0, $1.offset)
            }.map(\.element)
            largestID = max(largestID, result.largestDrawingID)
            if !result.images.isEmpty { partsWithImages.append(name) }
            if let plan = result.plan { plans[name] = PartPlan(name: name, nodes: plan, trailingSection: trailing) }
        }
        var reserved: [String: Set<String>] = [:]
        var openedReader: ZipReader?

        if FlatODF.isFlat(bytes) {
            // A flat ODF document is one XML part; it is written back as XML, not a zip.
            if bytes.count > options.limits.maxEntrySize {
                throw DocFillError("zip_bomb", "the flat document is larger than \(options.limits.maxEntrySize) bytes", at: SourceLocation(file: file))
            }
            self.format = .fodt
            try compilePart(bytes, name: FlatODF.partName, profile: .odt)
            self.entryNames = [FlatODF.partName]
        } else {
            let reader = try ZipReader(templateBytes, file: file, limits: options.limits)
            openedReader = reader
            let profile = try PackageParts.detect(reader)
            self.format = profile.format
            let textParts = try PackageParts.textParts(reader, profile: profile)
            // Read every entry once: libzip checks each CRC only when the data is read, and
            // unchanged entries are later copied raw, so this is where a corrupt part is caught.
            for entry in reader.entries {
                let data = try reader.read(entry)
                if textParts.contains(entry.name) { try compilePart(data, name: entry.name, profile: profile) }
                if profile.format == .odt, entry.name == ODFManifest.name { try ODFManifest.check(data, file: file) }
            }
            self.entryNames = reader.entries.map(\.name)
            if profile.format == .docx {
                for part in partsWithImages {
                    let relsName = ImagePackage.relationshipsPart(of: part)
                    guard let entry = reader.entry(named: relsName) else { continue }
                    reserved[part] = try ImagePackage.relationshipIDs(try reader.read(entry), file: file, part: relsName)
                }
            }
        }
        if !diagnostics.isEmpty { throw DocFillError(diagnostics) }
        self.plans = plans
        self.tags = tags
        self.storedEntries = format == .odt ? ["mimetype"] : []
        self.largestDrawingID = largestID
        self.reservedRelationshipIDs = reserved
        // The first render copies from the reader compiling opened rather than opening another.
        if let openedReader { readers.recycle([openedReader]) }
    }

    /// The render plan of every rendered part, indented (`docfill render --debug-plan`).
    public func dumpPlan() -> String {
        var out = ""
        for name in entryNames where plans[name] != nil {
            out += "part \(name)\n"
            PlanNode.dump(plans[name]!.nodes, indent: "  ", into: &out)
        }
        return out
    }

    /// Renders the data into the parts. All problems are collected and thrown together.
    func renderParts(_ data: Value, options: RenderOptions) throws -> (parts: [String: OutputBuffer], images: ImageSink) {
        var renderer = PlanRenderer(options: options)
        let images = ImageSink(format: format, profile: format == .docx ? FormatProfile.docx.images : FormatProfile.odt.images,
                               largestID: largestDrawingID, reservedIDs: reservedRelationshipIDs)
        renderer.images = images
        var outputs: [String: OutputBuffer] = [:]
        // In archive order, so that new drawing and relationship ids are the same on every render.
        for name in entryNames {
            guard let plan = plans[name] else { continue }
            renderer.part = name
            var context = ContextStack(root: data)
            let out = buffers.take(capacity: sizeHints.hint(for: name))
            renderer.render(plan.nodes, context: &context, into: out)
            plan.trailingSection?.apply(to: out)
            sizeHints.record(out.count, for: name)
            outputs[name] = out
        }
        // A tag inside a loop fails once per iteration; report each place once.
        var seen = Set<Diagnostic>()
        let problems = renderer.evaluator.diagnostics.compactMap { d -> Diagnostic? in
            var d = d; if d.location.file == nil { d.location.file = file }
            return seen.insert(d).inserted ? d : nil
        }
        if !problems.isEmpty {
            throw DocFillError(problems.sorted {
                ($0.location.part ?? "", $0.location.line ?? 0, $0.location.column ?? 0)
                    < ($1.location.part ?? "", $1.location.line ?? 0, $1.location.column ?? 0)
            })
        }
        return (outputs, images)
    }

    /// Renders `data` and writes the document to `path` atomically: the archive is written to
    /// a temporary file beside it and renamed into place only when complete.
    public func render(_ data: Value, to path: String, options: RenderOptions = RenderOptions()) throws {
        try OutputFile.refuseOverwritingTemplate(output: path, template: file)
        let (parts, images) = try renderParts(data, options: options)
        defer { buffers.recycle(parts.values) }
        if format == .fodt {
            let xml = parts[FlatODF.partName]?.bytes ?? Array(UnsafeRawBufferPointer(start: bytes.pointer.baseAddress, count: bytes.count))
            try OutputFile.writeAtomically(to: path) { temp in try OutputFile.write(xml, to: temp) }
            return
        }
        try OutputFile.writeAtomically(to: path) { temp in
            let reader = try readers.take() ?? ZipReader(bytes, file: file, limits: limits)
            let writer = try ZipWriter(path: temp)
            let pictures = try ImagePackage.changes(for: images, file: file) { name in
                try reader.entry(named: name).map { try reader.read($0) }
            }
            for entry in reader.entries {
                if let rendered = parts[entry.name] {
                    try writer.add(name: entry.name, buffer: rendered, store: storedEntries.contains(entry.name))
                } else if let patched = pictures.replaced[entry.name] {
                    try writer.add(name: entry.name, bytes: patched)
                } else {
                    try writer.copy(entry, from: reader)
                }
            }
            for entry in pictures.added { try writer.add(name: entry.name, bytes: entry.bytes, store: entry.store) }
            try writer.close()
            // Only after a successful write: a reader that failed may be in an error state.
            readers.recycle([reader])
        }
    }

}

/// A tag and where it is, for `docfill inspect`.
public struct TagInfo: Sendable {
    public let tag: Tag
    public let location: SourceLocation
    /// The paragraph or table cell (documents only; nil in text templates).
    public var site: TagSite? = nil
    /// The tag is a placeholder picture's alt text.
    public var isImage: Bool = false
}

extension DocumentTemplate {
    /// Renders any `Encodable` model (encoded straight into the engine's value tree).
    public func render<T: Encodable>(_ model: T, to path: String, options: RenderOptions = RenderOptions()) throws {
        try render(try ValueEncoder().encode(model), to: path, options: options)
    }
}
