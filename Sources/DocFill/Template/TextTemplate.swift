/// A plain-text template with the Mustache spec's own rules: HTML escaping, standalone lines
/// and partials. Compiled once, rendered many times.
public struct TextTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case value(TemplateTag, escaped: Bool, line: Int, column: Int)
        case section(TemplateTag, inverted: Bool, [Node], line: Int, column: Int)
        case partial(TemplateTag, indent: [UInt8])
    }

    let nodes: [Node]
    let partials: [String: String]
    let file: String?
    let filters: FilterSet

    /// Compiles a text template from its source; compile errors are thrown together, as for a document.
    ///
    /// - Parameters:
    ///   - source: the template text.
    ///   - file: the name messages give the template, nil for a template made in code.
    ///   - delimiters: the tag markers at the start of the text.
    ///   - partials: source text of the partials `{{> name}}` may include.
    ///   - filters: the filters tags may name.
    public init(_ source: String, file: String? = nil, delimiters: Delimiters = .mustache,
                partials: [String: String] = [:], filters: FilterSet = .standard) throws {
        self.partials = partials
        self.file = file
        self.filters = filters
        self.nodes = try Self.compile(Array(source.utf8), file: file, delimiters: delimiters, filters: filters)
    }

    static func compile(_ bytes: [UInt8], file: String?, delimiters: Delimiters, filters: FilterSet) throws -> [Node] {
        var lexer = Lexer(delimiters: delimiters)
        var problems: [Lexer.Problem] = []
        let tokens = lexer.lex(bytes, problems: &problems)
        let lines = LineIndex(bytes)
        var diagnostics = problems.map { p in
            Diagnostic(p.code, p.message, at: lines.location(of: p.offset, file: file))
        }
        let items = StandaloneLines.strip(tokens, in: bytes)
        let tags = items.compactMap { if case .tag(let t, _) = $0 { return t } else { return nil } }
        let (_, pairProblems) = SectionPairing.pair(tags)
        diagnostics += pairProblems.map { p in
            Diagnostic(p.code, p.message, at: lines.location(of: tags[p.tagIndex].range.lowerBound, file: file))
        }
        for tag in tags where tag.isValue || tag.kind == .sectionOpen || tag.kind == .invertedOpen {
            for call in tag.filters where !filters.contains(call.name) {
                diagnostics.append(Diagnostic("unknown_filter", "'\(tag.shortSource)': \(FilterSet.unknownMessage(call.name, filters))",
                                              at: lines.location(of: tag.range.lowerBound, file: file)))
            }
        }
        if !diagnostics.isEmpty { throw DocFillError(diagnostics) }

        // Build the tree with a stack; pairing above guarantees it balances.
        var stack: [(tag: TemplateTag?, nodes: [Node])] = [(nil, [])]
        for item in items {
            switch item {
            case .text(let text):
                guard !text.isEmpty else { break }
                // Text between lines is one node: a render appends it in one copy, not one per line.
                if case .text(var before)? = stack[stack.count - 1].nodes.last {
                    stack[stack.count - 1].nodes.removeLast()   // `before` is then the only owner: appended in place
                    before += text
                    stack[stack.count - 1].nodes.append(.text(before))
                } else {
                    stack[stack.count - 1].nodes.append(.text(text))
                }
            case .tag(let tag, let indent):
                let place = lines.location(of: tag.range.lowerBound, file: file)
                switch tag.kind {
                case .variable, .unescapedVariable:
                    stack[stack.count - 1].nodes.append(.value(tag, escaped: tag.kind == .variable,
                                                               line: place.line ?? 0, column: place.column ?? 0))
                case .sectionOpen, .invertedOpen:
                    stack.append((tag, []))
                case .close:
                    let (open, body) = stack.removeLast()
                    let openPlace = lines.location(of: open!.range.lowerBound, file: file)
                    stack[stack.count - 1].nodes.append(.section(open!, inverted: open!.kind == .invertedOpen, body,
                                                                 line: openPlace.line ?? 0, column: openPlace.column ?? 0))
                case .partial:
                    stack[stack.count - 1].nodes.append(.partial(tag, indent: indent))
                case .comment, .setDelimiters:
                    break
                }
            }
        }
        return stack[0].nodes
    }

    /// Renders with HTML escaping of `{{name}}` (the spec's rule); `{{{name}}}` is raw.
    public func render(_ data: Value, options: RenderOptions = RenderOptions()) throws -> String {
        try render(data, item: nil, options: options)
    }

    /// Renders with `data` as item `item.index` (0-based) of a list of `item.count`, so
    /// `@index`, `@number`, `@count`… name its place (a batch record's, in `--name`).
    func render(_ data: Value, item: (index: Int, count: Int)?, options: RenderOptions = RenderOptions()) throws -> String {
        // Bounded like a document's part: appends past the limit are dropped (`checkBound`).
        let out = OutputBuffer()
        out.limit = options.outputLimits.bound(spoken: 0).bytes
        var context = ContextStack(root: data, item: item)
        var evaluator = ValueEvaluator(options: options, filters: filters)
        var cache: [String: [Node]] = [:]
        try render(nodes, context: &context, evaluator: &evaluator, cache: &cache, depth: 0, into: out)
        if out.overflowed {   // the template's own text, outside every tag
            throw DocFillError(PlanRenderer.tooLarge, options.outputLimits.bound(spoken: 0).message(tag: nil, part: nil), at: SourceLocation(file: file))
        }
        if !evaluator.diagnostics.isEmpty { throw DocFillError(evaluator.diagnostics) }
        return String(decoding: UnsafeBufferPointer(start: out.base, count: out.count), as: UTF8.self)
    }

    private func render(_ nodes: [Node], context: inout ContextStack, evaluator: inout ValueEvaluator,
                        cache: inout [String: [Node]], depth: Int, into out: OutputBuffer) throws {
        for node in nodes {
            if out.overflowed { return }
            switch node {
            case .text(let bytes):
                out.append(bytes)
            case .value(let tag, let escaped, let line, let column):
                let place = SourceLocation(file: file, line: line, column: column)
                let value = evaluator.evaluate(tag, in: context, at: place)
                let text = evaluator.text(of: value, tag: tag, in: context, at: place)
                if escaped { Self.escapeHTML(text, into: out) } else { out.append(Array(text.utf8)) }
                try checkBound(out, tag, line: line, column: column, options: evaluator.options)
            case .section(let tag, let inverted, let body, let line, let column):
                let value = evaluator.evaluate(tag, in: context, at: SourceLocation(file: file, line: line, column: column))
                var failure: Error?
                SectionExpansion.expand(value, inverted: inverted, name: tag.path, context: &context) { ctx in
                    guard failure == nil else { return }   // the remaining items cost a push and a pop each
                    do {
                        try render(body, context: &ctx, evaluator: &evaluator, cache: &cache, depth: depth, into: out)
                        try checkBound(out, tag, line: line, column: column, options: evaluator.options)
                    } catch { failure = error }
                }
                if let failure { throw failure }
            case .partial(let tag, let indent):
                guard depth < 100 else {
                    throw DocFillError("partial_depth", "'\(tag.shortSource)': partials nest more than 100 deep", at: SourceLocation(file: file))
                }
                let key = tag.name + "\u{0}" + String(decoding: indent, as: UTF8.self)
                if cache[key] == nil {
                    guard let source = partials[tag.name] else { continue }   // the spec renders a missing partial as empty
                    cache[key] = try Self.compile(Self.indent(Array(source.utf8), by: indent), file: tag.name,
                                                  delimiters: .mustache, filters: filters)
                }
                try render(cache[key]!, context: &context, evaluator: &evaluator, cache: &cache, depth: depth + 1, into: out)
            }
        }
    }

    /// Stops the render with `output_too_large` once the text would pass the output limits
    /// (a text template's output is one part; its buffer drops what would cross them):
    /// checked after each value and each section iteration.
    private func checkBound(_ out: OutputBuffer, _ tag: TemplateTag, line: Int, column: Int, options: RenderOptions) throws {
        guard out.overflowed else { return }
        let bound = options.outputLimits.bound(spoken: 0)
        throw DocFillError(PlanRenderer.tooLarge, bound.message(tag: tag.shortSource, part: nil),
                           at: SourceLocation(file: file, line: line, column: column))
    }

    /// Prefixes every line of a standalone partial with the tag's indentation.
    static func indent(_ source: [UInt8], by indent: [UInt8]) -> [UInt8] {
        guard !indent.isEmpty else { return source }
        var out = indent
        for (i, b) in source.enumerated() {
            out.append(b)
            if b == UInt8(ascii: "\n"), i + 1 < source.count { out += indent }
        }
        return out
    }

    static func escapeHTML(_ text: String, into out: OutputBuffer) {
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "&"): out.append(Array("&amp;".utf8))
            case UInt8(ascii: "<"): out.append(Array("&lt;".utf8))
            case UInt8(ascii: ">"): out.append(Array("&gt;".utf8))
            case UInt8(ascii: "\""): out.append(Array("&quot;".utf8))
            default: out.append(b)
            }
        }
    }
}

/// Byte offset → 1-based line and column (in characters). Columns are counted from a
/// checkpoint every 256 bytes, so each lookup costs O(log lines + 256) even on a single
/// very long line with thousands of problems on it.
struct LineIndex {
    private let starts: [Int]
    private let bytes: [UInt8]
    /// checkpoints[k]: characters (UTF-8 lead bytes) in bytes[0 ..< k * stride].
    private let checkpoints: [Int]
    private static let stride = 256

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var checkpoints = [0]
        var characters = 0
        checkpoints.reserveCapacity(bytes.count / Self.stride + 1)
        for (i, b) in bytes.enumerated() {
            if b == UInt8(ascii: "\n") { starts.append(i + 1) }
            if (b & 0xC0) != 0x80 { characters += 1 }
            if (i + 1) % Self.stride == 0 { checkpoints.append(characters) }
        }
        self.starts = starts
        self.checkpoints = checkpoints
    }

    /// Characters in bytes[0 ..< offset].
    private func characters(before offset: Int) -> Int {
        let offset = min(max(offset, 0), bytes.count)
        let k = offset / Self.stride
        var n = checkpoints[k]
        for i in (k * Self.stride)..<offset where (bytes[i] & 0xC0) != 0x80 { n += 1 }
        return n
    }

    func location(of offset: Int, file: String?) -> SourceLocation {
        var lo = 0, hi = starts.count - 1
        while lo < hi { let mid = (lo + hi + 1) / 2; if starts[mid] <= offset { lo = mid } else { hi = mid - 1 } }
        let column = characters(before: offset) - characters(before: starts[lo]) + 1
        return SourceLocation(file: file, line: lo + 1, column: column)
    }
}
