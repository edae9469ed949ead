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
        /// The ids the part uses, per space of the profile's `uniqueIDs`.
        var usedIDs = UsedIDs(spaces: 0)
    }

    func compile(_ document: XMLDocument, file: String?, part: String) -> Result {
        // Read before placement takes placeholder pictures out of the tree: new ids avoid every template id.
        var usedIDs = UsedIDs(spaces: profile.uniqueIDs.spaces.count)
        usedIDs.collect(document.root, profile.uniqueIDs)
        var placement = TagPlacement(profile: profile, file: file, part: part, delimiters: delimiters)
        placement.place(in: document.root)
        var diagnostics = placement.diagnostics
        let filtered = placement.placeholders.filter { $0.tag.isValue || $0.tag.kind == .sectionOpen || $0.tag.kind == .invertedOpen }
            .map { ($0.tag, $0.location) } + placement.imagePlaceholders.map { ($0.tag, $0.location) }
        for (tag, location) in filtered {
            for call in tag.filters where !filters.contains(call.name) {
                diagnostics.append(Diagnostic("unknown_filter", "'\(tag.shortSource)': \(FilterSet.unknownMessage(call.name, filters))", at: location))
            }
        }
        if placement.placeholders.isEmpty && placement.imagePlaceholders.isEmpty {
            diagnostics.sort { ($0.location.line ?? 0, $0.location.column ?? 0) < ($1.location.line ?? 0, $1.location.column ?? 0) }
            return Result(plan: nil, placeholders: [], diagnostics: diagnostics, usedIDs: usedIDs)
        }
        if let what = profile.valuesOnly {
            for p in placement.placeholders where [.sectionOpen, .invertedOpen, .close].contains(p.tag.kind) {
                diagnostics.append(Diagnostic("section_not_allowed", "'\(p.tag.source)': \(what) hold values only, not sections", at: p.location))
            }
        }
        var restructure = Restructure(profile: profile)
        restructure.apply(placement.placeholders)
        diagnostics += restructure.diagnostics
        var shaping = TableShaping(profile: profile)
        if diagnostics.isEmpty { shaping.mark(loopTables: restructure.loopTables, placeholders: placement.placeholders, root: document.root) }
        diagnostics += shaping.diagnostics
        if !diagnostics.isEmpty {
            diagnostics.sort { ($0.location.line ?? 0, $0.location.column ?? 0) < ($1.location.line ?? 0, $1.location.column ?? 0) }
            return Result(plan: nil, placeholders: placement.placeholders, diagnostics: diagnostics,
                          images: placement.imagePlaceholders, usedIDs: usedIDs)
        }
        tidy(placement.touched + restructure.touched)
        TextSpaces.keep(touched: placement.touched + restructure.touched, values: placement.placeholders, profile: profile)
        let builder = PlanBuilder(profile: profile, guards: restructure.guards, shaped: shaping.slots, root: document.root)
        return Result(plan: builder.build(document), placeholders: placement.placeholders, diagnostics: [],
                      images: placement.imagePlaceholders, usedIDs: usedIDs)
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
