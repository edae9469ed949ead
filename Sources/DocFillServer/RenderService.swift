import DocFill
import Foundation

/// The library calls behind `/api/render`, `/api/check` and `/api/templates/{name}/schema`, and
/// behind the pages' check, download and preview: the CLI's steps (`RenderJob`,
/// `LoadedTemplate`), so the bytes and the diagnostics are the CLI's.
struct RenderService: Sendable {
    let state: ServerState

    /// Data given in a request, and its syntax.
    struct RequestData: Sendable {
        var bytes: Data
        var format: DataLoader.Format
    }

    /// What a render is asked for: the data, the model choice, draft, lenient.
    struct Request: Sendable {
        var data: DataSource
        var model: ModelChoice = .declared
        var draft = false
        var lenient = false
        /// The folder pictures named in the data are read from; nil: the data file's own.
        var pictures: String? = nil
    }

    /// The rendered document (the template's format) and the warnings, on the pool. A PDF is
    /// converted from it by the warm LibreOffice (`PreviewStore.pdf`), not here.
    func render(template name: String, _ request: Request) async throws -> (document: Data, warnings: [Diagnostic]) {
        let state = self.state
        let template = try state.template(name)
        return try await state.rendering {
            let job = RenderJob(data: request.data, model: request.model, models: state.models, draft: request.draft,
                                limits: state.dataLimits, options: state.renderOptions(for: request.data, pictures: request.pictures, lenient: request.lenient))
            var warnings: [Diagnostic] = []
            let prepared = try job.prepare(declared: { template.declaredModel }, warn: { warnings.append($0) })
            let folder = try PrivateFolder()
            defer { folder.remove() }
            let output = folder.file("document." + template.format.rawValue)
            try job.write(prepared, with: .document(template), to: try OutputTarget(output), pdf: nil,
                          warn: { warnings.append($0) })
            guard let bytes = FileManager.default.contents(atPath: output) else {
                throw DocFillError("io_error", "cannot read the rendered document back")
            }
            return (bytes, warnings)
        }
    }

    /// What `docfill check` reports, and the hint line it prints after them, if any.
    func check(template name: String, _ request: Request) async throws -> (diagnostics: [Diagnostic], hint: String?) {
        let state = self.state
        let compiled = try state.template(name)
        return try await state.rendering {
            let loaded = LoadedTemplate.document(compiled)
            let job = RenderJob(data: request.data, model: request.model, models: state.models, draft: request.draft,
                                limits: state.dataLimits)
            do {
                let (diagnostics, prepared) = try job.check(declared: loaded.declaredModel) { value, unusedKeys in
                    try loaded.check(value, dataFile: request.data.name, unusedKeys: unusedKeys)
                }
                return (state.workspace.named(diagnostics),
                        ModelHint.line(for: diagnostics, model: prepared.model, data: prepared.value, template: loaded, models: state.models))
            } catch let error as DocFillError {
                return (state.workspace.named(error.diagnostics), nil)
            }
        }
    }

    /// The JSON Schema `docfill schema` prints for the template.
    func schema(template name: String, model: ModelChoice) async throws -> Value {
        let state = self.state
        let compiled = try state.template(name)
        return try await state.rendering {
            try LoadedTemplate.document(compiled).schema(model: model, models: state.models)
        }
    }

    /// A model option as the CLI's `--model` reads it: absent, `none`, or a known name.
    func modelChoice(_ option: String?) throws -> ModelChoice {
        guard let option, !option.isEmpty else { return .declared }
        if option == "none" { return .none }
        guard let model = state.models.named(option) else {
            throw ServerError(.badRequest, "invalid_option",
                              "model '\(shortName(option))' is not known (known: \((state.models.names + ["none"]).joined(separator: ", ")))")
        }
        return .model(model)
    }
}

/// A folder for one request's files, readable by this user only, removed after the request.
struct PrivateFolder {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("docfill-serve-\(getpid())-\(UUID().uuidString.prefix(12))")
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw DocFillError("io_error", "cannot create a temporary folder: \(error.localizedDescription)")
        }
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
