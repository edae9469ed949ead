import Foundation

/// How a render treats missing data and pictures. Filters are not here: they are given once,
/// at compile time (`CompileOptions.filters`), and the compiled template keeps them.
public struct RenderOptions: Sendable {
    /// Strict (the default): a name missing from the data is an error, reported with its
    /// place; every one is collected before the render fails. Lenient renders it empty.
    public var strict: Bool = true
    /// Where image paths in the data are relative to: the data file's folder (the CLI sets
    /// it); nil means the current folder.
    public var baseDirectory: String? = nil
    /// The largest image a render takes from data, in bytes (`image_too_large` above it).
    public var maxImageBytes: Int = 20 << 20
    /// Folders besides `baseDirectory` that picture files may be read from (`--image-root`).
    /// A picture path must resolve, after symlinks, inside `baseDirectory` (the current folder
    /// when nil) or one of these; any other is refused (`image_outside_root`).
    public var imageRoots: [String] = []
    /// Bounds on the rendered parts and the whole output (`output_too_large` above them).
    public var outputLimits = OutputLimits()
    /// Pages printed on one side or both (mirrored margins), over what the data's
    /// `docfill.pages` says (`DocumentSettings`); nil leaves it to the data, then the template.
    public var pageSides: PageSides? = nil

    /// Makes options; every default is the CLI's default.
    public init(strict: Bool = true, baseDirectory: String? = nil,
                maxImageBytes: Int = 20 << 20, imageRoots: [String] = [], outputLimits: OutputLimits = OutputLimits()) {
        self.strict = strict
        self.baseDirectory = baseDirectory; self.maxImageBytes = maxImageBytes
        self.imageRoots = imageRoots
        self.outputLimits = outputLimits
    }
}

extension RenderOptions {
    /// The folder image paths of a data file are relative to: the file's folder; for standard
    /// input (`-`) nil, the current folder.
    public static func baseDirectory(forData path: String) -> String? {
        guard path != "-" else { return nil }
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return url.path }
        return url.deletingLastPathComponent().path
    }
}

/// Looks a tag's value up and applies its filters; problems go to `diagnostics`.
struct ValueEvaluator {
    var options: RenderOptions
    /// The filters the template was compiled with.
    let filters: FilterSet
    /// Each problem once: a tag that fails in a loop fails the same way on every iteration,
    /// and a long list must not pile up millions of copies.
    private(set) var diagnostics: [Diagnostic] = []
    private var seen = Set<Diagnostic>()

    init(options: RenderOptions, filters: FilterSet) { self.options = options; self.filters = filters }

    /// Records a problem unless the same one (code, place, message) is already recorded. A
    /// problem in a document met inside a list is placed at the list item (`AuthorPlace.item`):
    /// the first item it is met in, since it is recorded once. `hint` is added to the message
    /// of a problem recorded, and worked out only then.
    mutating func report(_ d: Diagnostic, in context: ContextStack? = nil, hint: () -> String? = { nil }) {
        guard seen.insert(d).inserted else { return }
        var d = d
        if let hint = hint() { d.message += "; " + hint }
        if d.location.authorPlace != nil, let item = context?.itemPath { d.location.authorPlace?.item = item }
        diagnostics.append(d)
    }

    mutating func evaluate(_ tag: TemplateTag, in context: ContextStack, at location: SourceLocation) -> Value {
        var value: Value
        switch context.resolve(tag) {
        case .found(let v):
            value = v
        case .missing:
            if options.strict {
                report(Diagnostic("unknown_name", "'\(tag.shortSource)': no '\(Excerpt.of(tag.path.first ?? tag.name))' in the data",
                                  at: location), in: context) {
                    NameSuggestion.didYouMean(tag.path, at: 0, among: context.visibleKeys)
                }
            }
            value = .null
        case .missingMember(let index, let container):
            if options.strict {
                report(Diagnostic("unknown_name", "'\(tag.shortSource)': no '\(Excerpt.of(tag.path[index]))' in '\(Excerpt.of(tag.name))'",
                                  at: location), in: context) {
                    guard case .object(let o) = container else { return nil }
                    return NameSuggestion.didYouMean(tag.path, at: index, among: Set(o.keys))
                }
            }
            value = .null
        }
        for call in tag.filters {
            guard let function = filters.functions[call.name] else {
                report(Diagnostic("unknown_filter", "'\(tag.shortSource)': \(FilterSet.unknownMessage(call.name, filters))", at: location),
                       in: context)
                continue
            }
            do {
                value = try function(value, call.arguments)
            } catch let error as FilterError {
                report(Diagnostic("filter_error", "'\(tag.shortSource)': filter '\(call.name)' \(error.message)", at: location), in: context)
                return .null
            } catch {
                report(Diagnostic("filter_error", "'\(tag.shortSource)': filter '\(call.name)' failed: \(error)", at: location), in: context)
                return .null
            }
        }
        return value
    }

    /// The text a value interpolates as; lists and objects are an error (strict) or empty.
    mutating func text(of value: Value, tag: TemplateTag, in context: ContextStack, at location: SourceLocation) -> String {
        if let s = value.scalarText { return s }
        if options.strict {
            report(Diagnostic("not_scalar", "'\(tag.shortSource)' is a \(value.kindName); use a section to go through it", at: location),
                   in: context)
        }
        return ""
    }
}
