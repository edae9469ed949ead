/// The checks `docfill check` adds to a strict render: it walks the tag tree over the data
/// the way the renderer does, recording which data keys tags read, and finds sections
/// over a value of the wrong kind (a string where the body reads names of an object).
struct DataCheck {
    /// A data path with `[]` for "every item of a list": `items[].price`.
    typealias Pattern = String
    /// A level of the data: the value, its path pattern (what keys are counted by) and its
    /// place, the path with each item's index (`items[3].price`: what an author looks up).
    struct Frame {
        let value: Value; let path: Pattern; let place: String
        init(value: Value, path: Pattern, place: String? = nil) { self.value = value; self.path = path; self.place = place ?? path }
    }

    let dataFile: String?
    private(set) var read: Set<Pattern> = []
    /// Values consumed whole (a list given to `count`, `{{.}}` over an object…).
    private(set) var readWhole: Set<Pattern> = []
    private(set) var diagnostics: [Diagnostic] = []
    private var reported: Set<SourceLocation> = []

    init(dataFile: String?) { self.dataFile = dataFile }

    mutating func walk(_ nodes: [TagOutline.Node], frames: [Frame]) {
        for node in nodes {
            switch node {
            case .tag(let info):
                guard info.tag.isValue, let (value, path, place) = resolve(info.tag, frames) else { continue }
                // A rich value's `md` is read with it.
                mark(path, whole: !info.tag.filters.isEmpty || value.scalarText == nil || value.richSource != nil)
                checkMarkup(value, place: place, at: info)
            case .section(let open, let body, _):
                guard let (value, path, place) = resolve(open.tag, frames) else { continue }
                mark(path, whole: !open.tag.filters.isEmpty)
                // Filtered sections are not followed: their value is the filter's result.
                guard open.tag.filters.isEmpty else { continue }
                if open.tag.kind == .invertedOpen {
                    if !value.isTruthy { walk(body, frames: frames) }
                    continue
                }
                switch value {
                case .array(let items):
                    for (n, item) in items.enumerated() {
                        enter(body, open: open, item: Frame(value: item, path: path + "[]", place: place + "[\(n)]"), frames: frames)
                    }
                case .object:
                    // An empty rich value is falsy: its body is not rendered.
                    if value.isTruthy { walk(body, frames: frames + [Frame(value: value, path: path, place: place)]) }
                default:
                    if value.isTruthy { enter(body, open: open, item: Frame(value: value, path: path, place: place), frames: frames) }
                }
            }
        }
    }

    /// Walks a body with `item` pushed; an item that is not an object cannot give the body
    /// the names it reads when no outer level has them either.
    private mutating func enter(_ body: [TagOutline.Node], open: TagInfo, item: Frame, frames: [Frame]) {
        let inner = frames + [item]
        if case .object = item.value {} else if !reported.contains(open.location) {
            let unresolved = TagOutline.Node.levelNames(body).sorted().filter { name in
                !frames.contains { if case .object(let o) = $0.value { o[name] != nil } else { false } }
            }
            if let name = unresolved.first {
                reported.insert(open.location)
                let what = item.path.hasSuffix("[]") ? "a list of \(item.value.kindName)s" : "a \(item.value.kindName)"
                diagnostics.append(Diagnostic("section_kind",
                    "'\(open.tag.shortSource)' goes over \(what) (data '\(item.path)'), but its body reads '\(Excerpt.of(name))' from it; give '\(Excerpt.of(open.tag.name))' an object or a list of objects, or read the value with '{{.}}'",
                    at: open.location))
            }
        }
        walk(body, frames: inner)
    }

    /// Mustache lookup, as `ContextStack.resolve`, keeping the data path of what is found,
    /// as a pattern and as its place.
    private func resolve(_ tag: TemplateTag, _ frames: [Frame]) -> (Value, Pattern, String)? {
        if tag.name == "." { return (frames.last!.value, frames.last!.path, frames.last!.place) }
        guard TagOutline.Node.dataName(tag) != nil else { return nil }
        let path = tag.path
        for frame in frames.reversed() {
            guard case .object(let o) = frame.value, var value = o[path[0]] else { continue }
            var pattern = Self.join(frame.path, path[0]), place = Self.join(frame.place, path[0])
            for component in path.dropFirst() {
                guard case .object(let inner) = value, let next = inner[component] else { return nil }
                value = next
                pattern = Self.join(pattern, component); place = Self.join(place, component)
            }
            return (value, pattern, place)
        }
        return nil
    }

    /// `rich_markup` warnings: a rich value's markers left unclosed (printed as text), placed
    /// at the tag, with the data path (each item's index in it: one warning per item) and the
    /// character where the marker is.
    private mutating func checkMarkup(_ value: Value, place: String, at info: TagInfo) {
        guard let markup = value.richSource ?? (TagOutline.isRich(info.tag) ? value.scalarText : nil) else { return }
        let characters = Array(markup)
        for problem in RichText.parse(markup).problems {
            let near = String(characters[problem.offset..<min(characters.count, problem.offset + 20)])
            let d = Diagnostic("rich_markup", "'\(info.tag.shortSource)' (data '\(place)'), character \(problem.offset + 1) ('\(Excerpt.of(near))'): \(problem.message)",
                               at: info.location, severity: .warning)
            if !diagnostics.contains(d) { diagnostics.append(d) }
        }
    }

    static func join(_ parent: Pattern, _ key: String) -> Pattern { parent.isEmpty ? key : parent + "." + key }

    private mutating func mark(_ path: Pattern, whole: Bool) {
        if whole { readWhole.insert(path) }
        // Reading `a.b[].c` reads `a.b[]`, `a.b` and `a` too.
        var p = Substring(path)
        while !p.isEmpty {
            read.insert(String(p))
            if p.hasSuffix("[]") { p = p.dropLast(2); continue }
            guard let dot = p.lastIndex(of: ".") else { break }
            p = p[..<dot]
        }
    }

    /// `unused_key` warnings for the data keys no tag read, once per path pattern; a key
    /// nothing read is reported alone, not with everything under it.
    func unusedKeys(in data: Value) -> [Diagnostic] {
        var patterns: [Pattern] = []
        var seen: Set<Pattern> = []
        func visit(_ value: Value, _ path: Pattern) {
            if readWhole.contains(path) { return }
            switch value {
            case .object(let o):
                // The document settings are read by the render itself, not by tags.
                for key in o.keys.sorted() where !(path.isEmpty && key == DocumentSettings.dataKey) {
                    let p = Self.join(path, key)
                    if read.contains(p) { visit(o[key]!, p) } else if seen.insert(p).inserted { patterns.append(p) }
                }
            case .array(let items):
                for item in items { visit(item, path + "[]") }
            default:
                break
            }
        }
        visit(data, "")
        return patterns.map {
            Diagnostic("unused_key", "'\($0)' is in the data but no tag reads it", at: SourceLocation(file: dataFile), severity: .warning)
        }
    }
}

/// `docfill check`: every problem rendering the data would meet, found without writing.
public enum TemplateCheck {
    /// Missing names and other render errors (a strict render into memory), sections over
    /// values of the wrong kind, and, when `unusedKeys`, data keys no tag reads (warnings).
    public static func check(_ template: DocumentTemplate, data: Value, dataFile: String?,
                             unusedKeys: Bool = true) -> [Diagnostic] {
        combine(template.renderProblems(data, baseDirectory: dataFile.flatMap(RenderOptions.baseDirectory(forData:))), TagOutline(template), data: data, dataFile: dataFile, unusedKeys: unusedKeys)
    }

    /// The same for a plain-text template's source; compile errors are thrown.
    public static func check(text source: String, file: String?, delimiters: Delimiters = .mustache, data: Value,
                             dataFile: String?, unusedKeys: Bool = true) throws -> [Diagnostic] {
        let outline = TagOutline(try TextTemplate.tags(in: source, file: file, delimiters: delimiters))
        var problems: [Diagnostic] = []
        do { _ = try TextTemplate(source, file: file, delimiters: delimiters).render(data) } catch let error as DocFillError {
            problems = error.diagnostics
        }
        return combine(problems, outline, data: data, dataFile: dataFile, unusedKeys: unusedKeys)
    }

    private static func combine(_ renderProblems: [Diagnostic], _ outline: TagOutline, data: Value, dataFile: String?,
                                unusedKeys: Bool) -> [Diagnostic] {
        var check = DataCheck(dataFile: dataFile)
        for part in outline.parts { check.walk(part.nodes, frames: [DataCheck.Frame(value: data, path: "")]) }
        return renderProblems + check.diagnostics + (unusedKeys ? check.unusedKeys(in: data) : [])
    }
}

extension DocumentTemplate {
    /// What a strict render of `data` would fail with, rendering the parts into memory only.
    func renderProblems(_ data: Value, baseDirectory: String? = nil) -> [Diagnostic] {
        do {
            _ = try renderParts(data, options: RenderOptions(strict: true, baseDirectory: baseDirectory))
            return []
        } catch let error as DocFillError {
            return error.diagnostics
        } catch {
            return [Diagnostic("render_error", "\(error)", at: SourceLocation(file: file))]
        }
    }
}
