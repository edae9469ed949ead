/// Compiles one XML part: place tags, apply the structural rules, tidy, build the plan.
/// Each stage is a plain value type that can be run and tested alone.
struct PartCompiler {
    let profile: FormatProfile
    let delimiters: Delimiters
    let filters: FilterSet

    struct Result {
        var plan: [PlanNode]?
        var placeholders: [TagPlaceholder]
        var diagnostics: [Diagnostic]
        var images: [ImagePlaceholder] = []
        /// The largest drawing id of the part (DOCX `wp:docPr/@id`), 0 if none.
        var largestDrawingID = 0
    }

    func compile(_ document: XMLDocument, file: String?, part: String) -> Result {
        // Read before placement takes placeholder pictures out of the tree: new ids go above every template id.
        let largestID = Self.largestID(in: document.root, profile.images)
        var placement = TagPlacement(profile: profile, file: file, part: part, delimiters: delimiters)
        placement.place(in: document.root)
        var diagnostics = placement.diagnostics
        let filtered = placement.placeholders.filter { $0.tag.isValue || $0.tag.kind == .sectionOpen || $0.tag.kind == .invertedOpen }
            .map { ($0.tag, $0.location) } + placement.imagePlaceholders.map { ($0.tag, $0.location) }
        for (tag, location) in filtered {
            for call in tag.filters where !filters.contains(call.name) {
                diagnostics.append(Diagnostic("unknown_filter", "'\(tag.source)': \(FilterSet.unknownMessage(call.name, filters))", at: location))
            }
        }
        if placement.placeholders.isEmpty && placement.imagePlaceholders.isEmpty {
            diagnostics.sort { ($0.location.line ?? 0, $0.location.column ?? 0) < ($1.location.line ?? 0, $1.location.column ?? 0) }
            return Result(plan: nil, placeholders: [], diagnostics: diagnostics, largestDrawingID: largestID)
        }
        var restructure = Restructure(profile: profile)
        restructure.apply(placement.placeholders)
        diagnostics += restructure.diagnostics
        if !diagnostics.isEmpty {
            diagnostics.sort { ($0.location.line ?? 0, $0.location.column ?? 0) < ($1.location.line ?? 0, $1.location.column ?? 0) }
            return Result(plan: nil, placeholders: placement.placeholders, diagnostics: diagnostics,
                          images: placement.imagePlaceholders, largestDrawingID: largestID)
        }
        tidy(placement.touched + restructure.touched)
        TextSpaces.keep(touched: placement.touched + restructure.touched, values: placement.placeholders, profile: profile)
        let builder = PlanBuilder(profile: profile, guards: restructure.guards, root: document.root)
        return Result(plan: builder.build(document), placeholders: placement.placeholders, diagnostics: [],
                      images: placement.imagePlaceholders, largestDrawingID: largestID)
    }

    /// The largest integer value of `attribute` in the part (image ids of a render start above it).
    private static func largestID(in root: XMLElement, _ images: ImageProfile) -> Int {
        guard let attribute = images.uniqueIDAttribute?.attribute else { return 0 }
        let holders = images.uniqueIDHolders
        var largest = 0
        root.forEachDescendant { e in
            if e.matches(holders), let id = e.attribute(attribute).flatMap({ Int($0) }) { largest = max(largest, id) }
        }
        return largest
    }

    /// Removes text elements and runs that lost all their text to tags (but never a
    /// paragraph, and never anything that still holds a placeholder or other content).
    private func tidy(_ touched: [XMLElement]) {
        for element in touched {
            for case let text as XMLText in element.children where text.bytes.isEmpty { text.remove() }
        }
        for element in touched.reversed() where !element.matches(profile.paragraphs) && element.parent != nil {
            let isCarrier = element.matches(profile.textCarriers)
            let isRun = element.matches(profile.runs)
            guard isCarrier || isRun else { continue }
            let empty = element.children.allSatisfy { child in
                if let el = child as? XMLElement { return el.matches(profile.propertyElements) }
                if let t = child as? XMLText { return t.bytes.isEmpty }
                return false
            }
            guard empty else { continue }
            let parent = element.parent
            element.remove()
            // A run whose only text element just went is empty too.
            if let run = parent, run.matches(profile.runs),
               run.children.allSatisfy({ ($0 as? XMLElement)?.matches(profile.propertyElements) ?? false }) {
                run.remove()
            }
        }
    }
}
