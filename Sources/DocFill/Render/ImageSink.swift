import Foundation

/// Where a render puts the pictures it fills in: the media files (each distinct image once),
/// the relationships each part needs (DOCX), and a new drawing id each (from the render's
/// `UniqueIDs`, in the space of the drawing id attribute). After the parts
/// are rendered, `DocumentTemplate` adds the media to the package and patches its lists.
final class ImageSink {
    let placement: MediaPlacement
    let profile: ImageProfile
    /// Relationship ids each part's .rels already has (DOCX), never reused.
    let reservedIDs: [String: Set<String>]
    let ids: UniqueIDs
    /// The space of the drawing id field (`ImageField.uniqueID`), if the format has one.
    let drawingSpace: Int?
    /// New media entries and relationships, for the package's lists.
    private(set) var media = RenderedMedia()
    /// The bytes of the media entries added so far (they count towards `OutputLimits.maxTotalSize`).
    private(set) var mediaBytes = 0
    private var relationshipIndex: [String: [String: String]] = [:]
    private var nextRelationship: [String: Int] = [:]
    private var cache: [String: Result<ImageFile, ImageFile.Failure>] = [:]

    init(placement: MediaPlacement, profile: ImageProfile, ids: UniqueIDs, reservedIDs: [String: Set<String>]) {
        self.placement = placement; self.profile = profile; self.reservedIDs = reservedIDs
        self.ids = ids
        let field = profile.attributeFields.first { $0.value == .uniqueID }?.key
        drawingSpace = field.flatMap { ids.profile.space(of: $0.element, attribute: $0.attribute) }
    }

    /// Writes the picture a slot's value names, or nothing when the value is null/false/empty
    /// (the picture is removed), the image is missing in a lenient render, or on an error.
    func write(_ slot: ImageSlot, value: Value, part: String, context: ContextStack, evaluator: inout ValueEvaluator,
               into out: OutputBuffer) {
        let options = evaluator.options
        var source: String?
        var widthMM: Double?, heightMM: Double?
        switch value {
        case .null, .bool(false): return
        case .string(let s): source = s
        case .object(let o):
            switch o["src"] {
            case .string(let s)?: source = s
            case nil, .null?: source = ""   // no picture
            default: break
            }
            do {
                widthMM = try ImageSize.member("width_mm", of: o).get()
                heightMM = try ImageSize.member("height_mm", of: o).get()
            } catch {
                // Not only strict: a size is a mistake in the data, not a missing name.
                evaluator.report(Diagnostic("image_size", "'\(slot.tag.shortSource)': \(error.message)", at: slot.location), in: context); return
            }
        default: break
        }
        guard let source else {
            if options.strict {
                evaluator.report(Diagnostic("image_value",
                    "'\(slot.tag.shortSource)' is a \(value.kindName); give a file path, a data: URI or {src, width_mm, height_mm}", at: slot.location), in: context)
            }
            return
        }
        if source.isEmpty { return }
        let key = source.hasPrefix("data:") ? source : (options.baseDirectory ?? "") + "\u{0}" + source
        let base = options.baseDirectory ?? FileManager.default.currentDirectoryPath
        let loaded = cache[key] ?? ImageFile.load(source, baseDirectory: base, roots: [base] + options.imageRoots,
                                                  maxBytes: options.maxImageBytes)
        cache[key] = loaded
        let image: ImageFile
        switch loaded {
        case .success(let i): image = i
        case .failure(.missing(let message)):
            if options.strict { evaluator.report(Diagnostic("image_missing", "'\(slot.tag.shortSource)': \(message)", at: slot.location), in: context) }
            return
        case .failure(.invalid(let message)):
            evaluator.report(Diagnostic("image_invalid", "'\(slot.tag.shortSource)': \(message)", at: slot.location), in: context); return
        case .failure(.tooLarge(let message)):
            evaluator.report(Diagnostic("image_too_large", "'\(slot.tag.shortSource)': \(message)", at: slot.location), in: context); return
        case .failure(.outsideRoots(let message)):
            // Not only strict: data that names a file elsewhere is refused, never skipped.
            evaluator.report(Diagnostic("image_outside_root", "'\(slot.tag.shortSource)': \(message)", at: slot.location), in: context); return
        }

        let (width, height) = Self.size(of: image, box: slot.box, widthMM: widthMM, heightMM: heightMM)
        if let problem = ImageSize.problem(width: width, height: height) {
            evaluator.report(Diagnostic("image_size", "'\(slot.tag.shortSource)': \(problem.message)", at: slot.location), in: context); return
        }
        let entry = profile.mediaFolder + image.fileName
        if placement != .inline, media.entries.updateValue(image, forKey: entry) == nil { mediaBytes += image.bytes.count }
        var id: String?
        for piece in slot.pieces {
            switch piece {
            case .bytes(let b): out.append(b)
            case .field(let field):
                let text: String
                switch field {
                case .reference: text = placement == .relationships ? relationship(part: part, media: entry) : entry
                case .width: text = profile.lengthsInEMU ? String(Int(width.rounded())) : ImageLength.format(width, unit: slot.units.width)
                case .height: text = profile.lengthsInEMU ? String(Int(height.rounded())) : ImageLength.format(height, unit: slot.units.height)
                case .uniqueID:
                    if id == nil { id = drawingSpace.map { ids.fresh($0) } ?? "1" }
                    text = id!
                case .mimeType: text = image.kind.mimeType
                case .embeddedData: text = Data(image.bytes).base64EncodedString()
                }
                out.append(Array(text.utf8))   // ids, numbers, paths and base64 need no escaping
            }
        }
    }

    /// The size in EMU: as the data says (a missing side kept in proportion), or the
    /// placeholder's box with the image fitted inside it keeping its aspect ratio.
    static func size(of image: ImageFile, box: (width: Double, height: Double), widthMM: Double?, heightMM: Double?) -> (Double, Double) {
        let w = Double(image.pixelWidth), h = Double(image.pixelHeight)
        let emuPerMM = ImageSize.emuPerMM
        switch (widthMM, heightMM) {
        case let (wm?, hm?): return (wm * emuPerMM, hm * emuPerMM)
        case let (wm?, nil): return (wm * emuPerMM, wm * emuPerMM * h / w)
        case let (nil, hm?): return (hm * emuPerMM * w / h, hm * emuPerMM)
        case (nil, nil):
            guard box.width > 0, box.height > 0 else { return (w * 9_525, h * 9_525) }   // 96 dpi
            let scale = min(box.width / w, box.height / h)
            return (w * scale, h * scale)
        }
    }

    /// The id of the relationship from `part` to `media`, made on first use.
    private func relationship(part: String, media: String) -> String {
        if let id = relationshipIndex[part]?[media] { return id }
        let id = freshRelationship(part: part)
        self.media.relationships[part, default: []].append((id, media))
        relationshipIndex[part, default: [:]][media] = id
        return id
    }

    private func freshRelationship(part: String) -> String {
        let reserved = reservedIDs[part] ?? []
        var n = nextRelationship[part, default: 1]
        while reserved.contains("rIdDocFill\(n)") { n += 1 }
        nextRelationship[part] = n + 1
        return "rIdDocFill\(n)"
    }

    /// The id of the relationship from `part` to an external link (a rich value's, DOCX),
    /// numbered with the pictures' so that ids never clash; one per address and part.
    func hyperlink(_ url: String, part: String) -> String {
        let key = "\u{0}link:" + url
        if let id = relationshipIndex[part]?[key] { return id }
        let id = freshRelationship(part: part)
        media.links[part, default: []].append((id, url))
        relationshipIndex[part, default: [:]][key] = id
        return id
    }

    /// Records that `part` uses an automatic paragraph style for paragraph copies (ODF; see
    /// `ODFCopyStyle`), declared once.
    func useParagraphStyle(_ name: String, _ declaration: [UInt8], part: String) {
        media.paragraphStyles[part, default: [:]][name] = declaration
    }

    /// Records that `part` uses the automatic style of `marks` (ODF; see `RichTextProfile`).
    func useStyle(_ marks: RichMarks, part: String) {
        media.textStyles[part, default: []].insert(marks)
    }
}
