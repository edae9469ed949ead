/// How the pages of a document are laid out for printing.
public enum PageSides: String, Sendable, CaseIterable {
    /// Printed on one side: every page has the same margins (the left one is the binding side).
    case oneSided = "one-sided"
    /// Printed on both sides (duplex): margins are mirrored, so the binding margin is on the
    /// left of odd pages and on the right of even pages (Word's "Mirror margins", ODF's
    /// `style:page-usage="mirrored"`).
    case twoSided = "two-sided"
}

/// Settings of the whole document that data can choose, read from the data's reserved
/// top-level map `docfill` (the way `md` marks a rich value):
///
/// ```yaml
/// docfill:
///   pages: two-sided     # or one-sided
/// ```
///
/// A setting not given leaves the template as it is. `RenderOptions.pageSides` (the CLI's
/// `--pages`) wins over the data.
public struct DocumentSettings: Sendable, Equatable {
    /// The reserved top-level data key.
    public static let dataKey = "docfill"
    /// Whether pages are printed on one side or both, nil to keep the template's.
    public var pageSides: PageSides?

    /// Makes settings; nothing set keeps the template as it is.
    public init(pageSides: PageSides? = nil) { self.pageSides = pageSides }

    /// The settings `data` chooses. A wrong setting is `bad_setting`, placed at its data path
    /// (`docfill.pages`) and, when `places` knows it, its line in `file`.
    public init(data: Value, file: String? = nil, places: [String: SourceLocation] = [:]) throws {
        self.init()
        guard case .object(let top) = data, let settings = top[Self.dataKey] else { return }
        func problem(_ path: String, _ message: String) -> DocFillError {
            DocFillError("bad_setting", "\(path): \(message)", at: places[path] ?? SourceLocation(file: file))
        }
        guard case .object(let map) = settings else {
            throw problem(Self.dataKey, "document settings are a map (pages: one-sided | two-sided), not a \(settings.kindName)")
        }
        for key in map.keys.sorted() where key != "pages" {
            throw problem("\(Self.dataKey).\(key)", "unknown document setting; the settings are: pages")
        }
        if let pages = map["pages"] {
            let choices = PageSides.allCases.map(\.rawValue).joined(separator: " or ")
            guard case .string(let text) = pages, let sides = PageSides(rawValue: text) else {
                throw problem("\(Self.dataKey).pages", "'\(pages.scalarText ?? pages.kindName)' is not \(choices)")
            }
            pageSides = sides
        }
    }

    /// `view` (a model's view of `data`) carrying the data's settings: a model computes its
    /// own view, and the settings are the document's, whatever the model.
    public static func carried(from data: Value, into view: Value) -> Value {
        guard case .object(let top) = data, let settings = top[dataKey], case .object(var map) = view,
              map[dataKey] == nil else { return view }
        map[dataKey] = settings
        return .object(map)
    }

    /// The JSON Schema (2020-12) of the `docfill` map, for models that list it.
    public static var schema: Value {
        .object([
            "type": .string("object"),
            "description": .string("Document settings: pages printed one-sided (plain margins) or two-sided (mirrored margins)."),
            "additionalProperties": .bool(false),
            "properties": .object([
                "pages": .object(["enum": .array(PageSides.allCases.map { .string($0.rawValue) })]),
            ]),
        ])
    }
}
