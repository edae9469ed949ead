import Foundation

/// A DOCX or ODT template, compiled once and rendered many times (also from several threads:
/// it holds only immutable values).
public final class DocumentTemplate: Sendable {
    /// The format of the template, which is also the format of every document it renders.
    public var format: DocumentFormat { package.format }
    /// What the format's package does differently (parts, media, post-render steps).
    let package: any FormatPackage
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
    /// The data model the template declares it is written for: its custom document property
    /// `docfill.model` (DOCX `docProps/custom.xml`, ODF `meta:user-defined`), nil if none.
    /// The library gives the name no meaning; the CLI decodes the data as that model.
    public let declaredModel: DeclaredProperty?
    /// The document's title (its `dc:title` property: Word's File > Info > Title, LibreOffice's
    /// File > Properties > Description > Title), nil when it has none.
    public let title: String?
    /// The name of the custom document property that declares the data model.
    public static let modelPropertyName = DocumentProperties.modelProperty
    /// The ids the template uses (new ids of copies and pictures avoid them), per space of
    /// the format's `uniqueIDs`, and the part holding each space's copied element (notes).
    let usedIDs: UsedIDs
    let copiedElementParts: [Int: String]
    /// The relationship ids the parts holding pictures already use.
    let reservedRelationshipIDs: [String: Set<String>]
    /// The size each part rendered to last time: the next render reserves that much at once.
    let sizeHints = SizeHints()
    /// Output buffers reused from one render to the next.
    let buffers = BufferPool()
    /// Open readers of the template's archive: raw copies read from one, and opening it
    /// again on every render re-parsed the central directory (libzip converts every entry's
    /// DOS time with mktime, which stats /etc/localtime each time).
    let readers = IdlePool<ZipReader>(limit: 4)
    /// The uncompressed bytes of the entries a render copies unchanged (`OutputLimits.maxTotalSize`).
    let copiedBytes: Int

    /// Compiles the template at `path`.
    public convenience init(contentsOf path: String, options: CompileOptions = CompileOptions()) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DocFillError("io_error", "cannot read the template: \(error.localizedDescription)", at: SourceLocation(file: path))
        }
        let bytes = [UInt8](data)
        try InputKind.of(bytes: bytes).refuseAsTemplate(path)
        try self.init(bytes: bytes, file: path, options: options)
    }

    /// Compiles a template held in memory; `file` names it in messages and decides nothing else.
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
        var usedIDs = UsedIDs(spaces: 0)
        var partsWithImages: [String] = []
        var richStyles = RichStyles()
        var trees: [XMLDocument] = []
        defer { TreeDisposal.release(&trees) }
        func compilePart(_ data: [UInt8], name: String, package: any FormatPackage, kind: PackageParts.PartKind = .text) throws {
            let document = try XMLParser.parse(data, file: file, part: name)
            trees.append(document)
            var profile = kind.profile(package.profile, root: document.root)
            if var rich = profile.rich {
                rich.styles = richStyles
                if rich.usesAutomaticStyles {
                    rich.styles.textStylePrefix = RichStyles.textStylePrefix(avoiding: ODFStyles(root: document.root).names.union(richStyles.odf.names))
                }
                profile = profile.replacing(rich: rich)
            }
            let postStep = package.postRenderStep(root: document.root, kind: kind)
            let result = compiler(profile).compile(document, file: file, part: name)
            diagnostics += result.diagnostics
            let found = result.placeholders.map { TagInfo(tag: $0.tag, location: $0.location, site: $0.location.authorPlace?.site) }
                + result.images.map { TagInfo(tag: $0.tag, location: $0.location, site: $0.location.authorPlace?.site, isImage: true) }
            // In document order: XML positions only grow through a part.
            tags += found.enumerated().sorted {
                ($0.element.location.line ?? 0, $0.element.location.column ?? 0, $0.offset)
                    < ($1.element.location.line ?? 0, $1.element.location.column ?? 0, $1.offset)
            }.map(\.element)
            usedIDs.merge(result.usedIDs)
            // Rich values' links are relationships too.
            if !result.images.isEmpty || !result.placeholders.isEmpty { partsWithImages.append(name) }
            if let plan = result.plan {
                plans[name] = PartPlan(name: name, nodes: plan, postStep: postStep,
                                       textStylePrefix: profile.rich?.styles.textStylePrefix ?? RichStyles.defaultTextStylePrefix)
            }
        }
        var reserved: [String: Set<String>] = [:]
        var copiedParts: [Int: String] = [:]
        var openedReader: ZipReader?

        if FlatODF.isFlat(bytes) {
            // A flat ODF document is one XML part; it is written back as XML, not a zip.
            if bytes.count > options.limits.maxEntrySize {
                throw DocFillError("zip_bomb", "the flat document is larger than \(options.limits.maxEntrySize) bytes", at: SourceLocation(file: file))
            }
            let flat = FlatODTPackage()
            self.package = flat
            try compilePart(bytes, name: FlatODF.partName, package: flat)
            self.entryNames = [FlatODF.partName]
            self.copiedBytes = 0
            self.declaredModel = trees.first.flatMap { flat.declaredProperty($0.root, name: DocumentProperties.modelProperty, file: file) }
            self.title = trees.first.flatMap { flat.title($0.root) }
        } else {
            let reader = try ZipReader(templateBytes, file: file, limits: options.limits)
            openedReader = reader
            let package = try FormatDetection.detect(reader)
            self.package = package
            let rendered = Dictionary(try package.renderedParts(reader), uniquingKeysWith: { a, _ in a })
            richStyles = try package.richStyles(reader, file: file)
            let unrendered = Set(try PackageParts.unrenderedParts(reader, rendered: Set(rendered.keys)))
            // Read every entry once: libzip checks each CRC only when the data is read, and
            // unchanged entries are later copied raw, so this is where a corrupt part is caught.
            for entry in reader.entries {
                let data = try reader.read(entry)
                try package.check(entry: entry.name, data, file: file)
                if let kind = rendered[entry.name] {
                    try compilePart(data, name: entry.name, package: package, kind: kind)
                } else if unrendered.contains(entry.name) {
                    diagnostics += UnrenderedTags.check(data, file: file, part: entry.name, delimiters: options.delimiters)
                }
            }
            copiedParts = try package.copiedElementParts(reader)
            self.entryNames = reader.entries.map(\.name)
            self.copiedBytes = reader.entries.reduce(0) { plans[$1.name] == nil ? $0 + $1.size : $0 }
            self.declaredModel = try package.declaredProperty(reader, name: DocumentProperties.modelProperty)
            self.title = try package.title(reader)
            reserved = try package.reservedRelationshipIDs(reader, partsWithImages: partsWithImages, file: file)
        }
        if !diagnostics.isEmpty { throw DocFillError(diagnostics) }
        self.plans = plans
        self.tags = tags
        self.usedIDs = usedIDs
        self.copiedElementParts = copiedParts
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
        var renderer = PlanRenderer(options: options, filters: filters)
        let profile = package.profile
        let ids = UniqueIDs(profile: profile.uniqueIDs, used: usedIDs)
        let images = ImageSink(placement: package.mediaPlacement, profile: profile.images, ids: ids, reservedIDs: reservedRelationshipIDs)
        renderer.images = images
        renderer.ids = ids
        var outputs: [String: OutputBuffer] = [:]
        var spoken = copiedBytes   // of the whole output's limit
        // In archive order, so that new drawing and relationship ids are the same on every render.
        for name in entryNames {
            guard let plan = plans[name] else { continue }
            renderer.part = name
            renderer.stylePrefix = plan.textStylePrefix
            renderer.tableStyles = [:]
            var context = ContextStack(root: data)
            let out = buffers.take(capacity: sizeHints.hint(for: name))
            outputs[name] = out
            renderer.bound = options.outputLimits.bound(spoken: spoken + images.mediaBytes)
            out.limit = renderer.bound.bytes
            renderer.render(plan.nodes, context: &context, into: out)
            if out.overflowed {
                buffers.recycle(outputs.values)
                throw renderer.overflow(file: file)
            }
            if let rich = profile.rich {
                let paragraphStyles = (images.media.paragraphStyles[name] ?? [:]).sorted { $0.key < $1.key }.flatMap(\.value)
                RichTextProfile.insertStyles(rich.styleDeclarations(images.media.textStyles[name] ?? [], prefix: plan.textStylePrefix) + paragraphStyles, into: out)
            }
            if !renderer.tableStyles.isEmpty {
                RichTextProfile.insertStyles(renderer.tableStyles.sorted { $0.key < $1.key }.flatMap(\.value), into: out)
            }
            plan.postStep?.apply(to: out)
            sizeHints.record(out.count, for: name)
            spoken += out.count
        }
        if spoken + images.mediaBytes > options.outputLimits.maxTotalSize {
            buffers.recycle(outputs.values)
            throw DocFillError(PlanRenderer.tooLarge, OutputBound.picturesMessage(limit: options.outputLimits.maxTotalSize), at: SourceLocation(file: file))
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

    /// Renders `data` and writes the document to `path` by the rules of `OutputTarget`:
    /// atomically (a temporary file beside it, renamed into place only when complete),
    /// following a symbolic link, never over the template or a non-regular file, and to
    /// standard output for `-`. An extension of another format (`x.odt` for a DOCX
    /// template) is refused with `output_format_mismatch`.
    public func render(_ data: Value, to path: String, options: RenderOptions = RenderOptions()) throws {
        try OutputTarget.checkFormat(path, content: format, template: file)
        try render(data, to: try OutputTarget(path, protecting: [.template(file)]), options: options)
    }

    /// Renders `data` and writes the document to `target`.
    public func render(_ data: Value, to target: OutputTarget, options: RenderOptions = RenderOptions()) throws {
        let sides = try options.pageSides ?? DocumentSettings(data: data).pageSides
        let (parts, images) = try renderParts(data, options: options)
        defer { buffers.recycle(parts.values) }
        if !package.isArchive {
            let xml = parts[FlatODF.partName]?.bytes ?? Array(UnsafeRawBufferPointer(start: bytes.pointer.baseAddress, count: bytes.count))
            let sided = try sides.flatMap {
                try PageSidesSetup.edited(xml, part: FlatODF.partName, file: file, sides: $0, setPageSides: package.setPageSides)
            }
            try target.write(sided ?? xml)
            return
        }
        try target.write { fd in
            let reader = try readers.take() ?? ZipReader(bytes, file: file, limits: limits)
            let writer = try ZipWriter(path: target.path)
            var pictures = try package.mediaChanges(images.media, file: file) { name in
                try reader.entry(named: name).map { try reader.read($0) }
            }
            let notes = try NoteCopies.patch(images.ids, parts: copiedElementParts, file: file) { name in
                try parts[name]?.bytes ?? reader.entry(named: name).map { try reader.read($0) }
            }
            let outputExtension = target.isStandardOutput ? nil : URL(fileURLWithPath: target.path).pathExtension
            let kind = try package.packageTypeChanges(outputExtension: outputExtension, file: file) { name in
                try notes[name] ?? pictures.replaced[name] ?? pictures.added.first { $0.name == name }?.bytes
                    ?? reader.entry(named: name).map { try reader.read($0) }
            }
            pictures.replaced.merge(kind.replaced) { _, new in new }
            let removed = kind.removed
            let pageSetup = try sides.flatMap { try pageSetupChange($0, reader: reader, parts: parts) }
            for entry in reader.entries where !removed.contains(entry.name) {
                if let setup = pageSetup, setup.part == entry.name {
                    try writer.add(name: entry.name, bytes: setup.bytes)
                } else if let patched = notes[entry.name] {
                    try writer.add(name: entry.name, bytes: patched)
                } else if let rendered = parts[entry.name] {
                    try writer.add(name: entry.name, buffer: rendered, store: package.storedEntries.contains(entry.name))
                } else if let patched = pictures.replaced[entry.name] {
                    try writer.add(name: entry.name, bytes: patched)
                } else {
                    try writer.copy(entry, from: reader)
                }
            }
            for entry in pictures.added { try writer.add(name: entry.name, bytes: entry.bytes, store: entry.store) }
            try writer.close(into: fd, target: target)
            // Only after a successful write: a reader that failed may be in an error state.
            readers.recycle([reader])
        }
    }

    /// The page setup part with `sides` set, as rendered if the render filled it in; nil when
    /// it already says so. A template without one cannot take the setting (`missing_part`).
    private func pageSetupChange(_ sides: PageSides, reader: ZipReader,
                                 parts: [String: OutputBuffer]) throws -> (part: String, bytes: [UInt8])? {
        guard let part = try package.pageSetupPart(reader), let entry = reader.entry(named: part) else {
            throw DocFillError("missing_part", "the template has no part holding its page setup, so pages cannot be set \(sides.rawValue)",
                               at: SourceLocation(file: file))
        }
        let current = try parts[part]?.bytes ?? reader.read(entry)
        return try PageSidesSetup.edited(current, part: part, file: file, sides: sides, setPageSides: package.setPageSides).map { (part, $0) }
    }

}

/// A tag and where it is, for `docfill inspect`.
public struct TagInfo: Sendable {
    /// The tag as written.
    public let tag: TemplateTag
    /// Where the tag is: the part, line and column of its XML.
    public let location: SourceLocation
    /// The paragraph or table cell (documents only; nil in text templates).
    public var site: TagSite? = nil
    /// The tag is a placeholder picture's alt text.
    public var isImage: Bool = false
}

extension DocumentTemplate {
    /// Renders any `Encodable` model: its `TemplateData` view when it has one (a `Report`),
    /// else encoded straight into the engine's value tree.
    public func render<T: Encodable>(_ model: T, to path: String, options: RenderOptions = RenderOptions()) throws {
        try render(try templateValue(of: model), to: path, options: options)
    }
}
