import Foundation

// A workspace: the folder of templates and data files a server (`docfill serve`) edits.
// API at a glance (every failure is a `DocFillError` with a stable code, docs/errors.md):
//
//   let ws = try Workspace(root: "/path/ws", models: DataModels([OfficialReportModel()]))
//   ws.templates() -> [Workspace.TemplateEntry]   id, format, model ("official-report:party"), title, problem
//   ws.dataFiles() -> [Workspace.DataEntry]       id, format, extends (base id), templates (ids it goes with), problem
//   ws.dataEntry(id) / ws.templateEntry(id)       one file's entry (cheaper than listing all)
//   ws.path(of: id) -> String                     the file's path, for the render pipeline (RenderJob, LoadedTemplate)
//   ws.template(id) -> DocumentTemplate           compiled, cached until the file changes
//   ws.read(id) -> Workspace.Text                 text + version (ETag: SHA-256 of the bytes, hex)
//   ws.readBytes(id) -> ([UInt8], version)        any file (a template's bytes)
//   ws.load(id) -> Workspace.Loaded               merged value (extends applied), places, base value, version
//   ws.save(id, text:, ifVersion:) -> version     checked as data, NFC, atomic; stale version → stale_form
//   ws.save(id, value:, ifVersion:) -> version    a file that extends another keeps only what differs
//                                                 from its base (DataInheritance.patch), keeps `extends`
//   ws.nextYear(id, as: newID, model:)            `docfill next-year` into the file's folder
//   ws.savePicture(bytes, forData: id, maxBytes:) an upload checked (PNG/JPEG) and stored as
//                                                 pictures/docfill-<hash>.png beside the data: the field's value
//   ws.picture(value, forData: id, maxBytes:)     the picture a field names, read as the render reads it
//   ws.check(data:, template:, draft:)            `docfill check` by ids → [Diagnostic], places named by id
//   ws.renderJob(id, draft:) / ws.dataSource(id)  RenderJob over the file, `extends` confined to the root
//   ws.named(diagnostics)                         absolute paths under the root → ids, for pages
//   ws.newPath(for: id, beside:)                  where a new file goes (output_exists if taken)
//   Workspace.version(of: bytes)                  the version of some bytes
//   WorkspaceID.check(id) / .kind(of:)            the id grammar (invalid_id)
//   DiagnosticMessages.message(for:in: .vi/.en)   a diagnostic's message in Vietnamese or English;
//     .summary(of: code, in:), .severity(_:in:)   MessageLanguage.preferred(acceptLanguage:)
//   VietnameseFormat.formDate("2023-08-15")       "15/08/2023"; VietnameseFormat.number(1626.5) "1.626,5"
//   FieldKey.of(diagnostic) / FieldKey(path:)     data path of a diagnostic → the form's field key
//     .description "appendices[1].rows[2]", .htmlID "f-appendices.1.rows.2", .parent
//   PreviewService (Print/)                       warm LibreOffice, one process, queued, cached by SHA-256:
//     .convert(bytes, format:) -> Converted       key, pageCount, pdf (page images not drawn yet)
//     .page(n, of: key) -> Data (PNG)             drawn once, cached; .preview(of:format:) draws every page
//     .start(), .stop(), .statistics              warm up; quit; conversions, cacheHits, starts, pagesDrawn
//
// Codes: invalid_id, unknown_id, outside_workspace, stale_form, unpatchable_change, and the
// data codes (data_syntax, data_too_large …) for a save whose text is not valid data.

/// A folder of templates (`.docx`, `.odt`, `.fodt`) and data files (`.yaml`, `.yml`,
/// `.json`), known by id — the file name (`WorkspaceID`), never a path. Files are found in the
/// root and in its folders two levels down (`Samples/`, `Examples/invoice/`), hidden names
/// and folder links skipped; an id found twice is the first in path order, the others are
/// listed in `problems` (`duplicate_id`). Nothing outside the root is ever read or written: a
/// file that is a link leading outside is `outside_workspace`, and so is a data file whose
/// `extends` leads outside.
///
/// Which template a data file goes with (`DataEntry.templates`):
/// 1. a template declaring a model (`docfill.model`, e.g. `official-report:party`) registered
///    in `models` goes with the data that model (its variant) fits (`DataModel.fits`): the
///    Party samples with `bao-cao-dang-uy.*`, the State one with `bao-cao-ubnd.*`;
/// 2. other templates go by name: the same stem (`invoice.yaml` ↔ `invoice.docx`), or, in a
///    folder below the root whose templates all share one stem, every data file of that
///    folder (`letter/members.yaml` ↔ `letter/letter.docx`).
///
/// Safe to use from several threads: saves to one workspace are serialised, so a version
/// check and its write are one step.
public final class Workspace: @unchecked Sendable {
    /// The root folder, symbolic links resolved.
    public let root: String
    /// The data limits of every read and save (the CLI's defaults unless given).
    public let limits: DataLimits
    /// The models templates may declare, for pairing data with templates.
    public let models: DataModels
    /// Compiled templates, reused until their file changes.
    public let cache: TemplateCache
    let saving = NSLock()

    /// How deep below the root files are looked for (root files are depth 0).
    public static let maxDepth = 2

    /// Opens the workspace at `root`, a folder (`io_error` when it is not one).
    public init(root: String, limits: DataLimits = .init(), models: DataModels = .init(),
                compileOptions: CompileOptions = CompileOptions()) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            throw DocFillError("io_error", "the workspace '\(root)' is not a folder", at: SourceLocation(file: root))
        }
        self.root = DataInheritance.canonical(root)
        self.limits = limits
        self.models = models
        self.cache = TemplateCache(options: compileOptions)
    }

    /// A template as listed.
    public struct TemplateEntry: Sendable, Hashable {
        /// Its id (file name).
        public var id: String
        /// `docx`, `odt` or `fodt` (by content once compiled; by extension when it does not compile).
        public var format: String
        /// The model it declares (`docfill.model`, e.g. `official-report:party`), if any.
        public var model: String?
        /// Its title property, else nil.
        public var title: String?
        /// Why it does not compile (the first diagnostic), nil when it does.
        public var problem: Diagnostic?
    }

    /// A data file as listed.
    public struct DataEntry: Sendable, Hashable {
        /// Its id (file name).
        public var id: String
        /// `yaml` or `json`.
        public var format: String
        /// The id of the file it extends (`extends:`), nil when it extends none.
        public var extends: String?
        /// The ids of the templates it goes with (see the pairing rule above), in listing order.
        public var templates: [String]
        /// Why it does not load (the first diagnostic), nil when it does.
        public var problem: Diagnostic?
    }

    /// Every template, by id.
    public func templates() -> [TemplateEntry] {
        scan().files.filter { $0.kind == .template && !$0.outside }.map(templateEntry)
    }

    /// One template's entry (`invalid_id`, `unknown_id`, `outside_workspace`).
    public func templateEntry(_ id: String) throws -> TemplateEntry {
        templateEntry(try file(id, kind: .template))
    }

    /// Every data file, by id, with the templates it goes with.
    public func dataFiles() -> [DataEntry] {
        let found = scan().files.filter { !$0.outside }
        let templates = found.filter { $0.kind == .template }.map { ($0, try? cache.template(at: $0.path)) }
        return found.filter { $0.kind == .data }.map { dataEntry($0, among: found, templates: templates) }
    }

    /// One data file's entry, with the templates it goes with (`invalid_id`, `unknown_id`,
    /// `outside_workspace`): cheaper than `dataFiles()` when one file is wanted.
    public func dataEntry(_ id: String) throws -> DataEntry {
        let file = try file(id, kind: .data)
        let found = scan().files.filter { !$0.outside }
        let templates = found.filter { $0.kind == .template }.map { ($0, try? cache.template(at: $0.path)) }
        return dataEntry(file, among: found, templates: templates)
    }

    private func templateEntry(_ file: FoundFile) -> TemplateEntry {
        do {
            let t = try cache.template(at: file.path)
            return TemplateEntry(id: file.id, format: t.format.rawValue, model: t.declaredModel?.value, title: t.title)
        } catch {
            return TemplateEntry(id: file.id, format: file.ext, problem: Self.first(error, file: file.id))
        }
    }

    private func dataEntry(_ file: FoundFile, among found: [FoundFile], templates: [(FoundFile, DocumentTemplate?)]) -> DataEntry {
        var entry = DataEntry(id: file.id, format: file.ext == "json" ? "json" : "yaml", templates: [])
        do {
            let top = try DataLoader.loadFile(file.path, limits: limits, places: .none).0
            if case .string(let reference)? = top[DataInheritance.extendsKey] {
                let base = DataInheritance.canonical(DataInheritance.basePath(reference, of: file.path))
                entry.extends = found.first { $0.path == base }?.id
            }
            let value = try DataInheritance.load(file.path, limits: limits, places: .none, within: root).value
            let all = templates.map(\.0)
            entry.templates = templates.filter { goes(value, file, with: $0.0, $0.1, among: all) }.map(\.0.id)
        } catch {
            entry.problem = Self.first(error, file: file.id)
        }
        return entry
    }

    /// Problems met listing the files (`duplicate_id` warnings).
    public func problems() -> [Diagnostic] { scan().problems }

    private func goes(_ value: Value, _ data: FoundFile, with template: FoundFile, _ compiled: DocumentTemplate?,
                      among templates: [FoundFile]) -> Bool {
        if let declared = compiled?.declaredModel,
           let model = try? models.inForce(.declared, declared: declared) {
            return model.fits(value)
        }
        if data.stem == template.stem { return true }
        let folder = (data.relative as NSString).deletingLastPathComponent
        guard !folder.isEmpty, (template.relative as NSString).deletingLastPathComponent == folder else { return false }
        let stems = Set(templates.filter { ($0.relative as NSString).deletingLastPathComponent == folder }.map(\.stem))
        return stems.count == 1
    }

    static func first(_ error: Error, file: String) -> Diagnostic {
        (error as? DocFillError)?.diagnostics.first
            ?? Diagnostic("io_error", error.localizedDescription, at: SourceLocation(file: file))
    }
}
