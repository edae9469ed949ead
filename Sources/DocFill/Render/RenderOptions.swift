/// How a render treats missing data.
public struct RenderOptions: Sendable {
    /// Strict (the default): a name missing from the data is an error, reported with its
    /// place; every one is collected before the render fails. Lenient renders it empty.
    public var strict: Bool = true
    public var filters: FilterSet = .standard

    public init(strict: Bool = true, filters: FilterSet = .standard) {
        self.strict = strict; self.filters = filters
    }
}

/// Looks a tag's value up and applies its filters; problems go to `diagnostics`.
struct ValueEvaluator {
    var options: RenderOptions
    /// Each problem once: a tag that fails in a loop fails the same way on every iteration,
    /// and a long list must not pile up millions of copies.
    private(set) var diagnostics: [Diagnostic] = []
    private var seen = Set<Diagnostic>()

    init(options: RenderOptions) { self.options = options }

    private mutating func report(_ d: Diagnostic) {
        if seen.insert(d).inserted { diagnostics.append(d) }
    }

    mutating func evaluate(_ tag: Tag, in context: ContextStack, at location: SourceLocation) -> Value {
        var value: Value
        switch context.resolve(tag) {
        case .found(let v):
            value = v
        case .missing:
            if options.strict {
                report(Diagnostic("unknown_name", "'\(tag.source)': no '\(tag.path.first ?? tag.name)' in the data", at: location))
            }
            value = .null
        case .missingMember(let member):
            if options.strict {
                report(Diagnostic("unknown_name", "'\(tag.source)': no '\(member)' in '\(tag.name)'", at: location))
            }
            value = .null
        }
        for call in tag.filters {
            guard let function = options.filters.functions[call.name] else {
                report(Diagnostic("unknown_filter", "'\(tag.source)': \(FilterSet.unknownMessage(call.name, options.filters))", at: location))
                continue
            }
            do {
                value = try function(value, call.arguments)
            } catch let error as FilterError {
                report(Diagnostic("filter_error", "'\(tag.source)': filter '\(call.name)' \(error.message)", at: location))
                return .null
            } catch {
                report(Diagnostic("filter_error", "'\(tag.source)': filter '\(call.name)' failed: \(error)", at: location))
                return .null
            }
        }
        return value
    }

    /// The text a value interpolates as; lists and objects are an error (strict) or empty.
    mutating func text(of value: Value, tag: Tag, at location: SourceLocation) -> String {
        if let s = value.scalarText { return s }
        if options.strict {
            report(Diagnostic("not_scalar", "'\(tag.source)' is a \(value.kindName); use a section to go through it", at: location))
        }
        return ""
    }
}
