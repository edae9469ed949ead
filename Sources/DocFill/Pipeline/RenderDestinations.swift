import Foundation

// Render entry points beside the path: to a `URL`, to `Data`, and `async` for servers. Each
// delegates to `render(_:to: OutputTarget, options:)`, so the output rules stay in one place.

extension DocumentTemplate {
    /// Renders `data` to the file at `url` (see `render(_:to: String, options:)`).
    public func render(_ data: Value, to url: URL, options: RenderOptions = RenderOptions()) throws {
        guard url.isFileURL else {
            throw DocFillError("io_error", "only file URLs can be written to", at: SourceLocation(file: url.absoluteString))
        }
        try render(data, to: url.path, options: options)
    }

    /// Renders any model (its `TemplateData` view, else its encoding) to the file at `url`.
    public func render<T: Encodable>(_ model: T, to url: URL, options: RenderOptions = RenderOptions()) throws {
        try render(try templateValue(of: model), to: url, options: options)
    }

    /// The rendered document's bytes, written nowhere the caller sees: it is rendered into a
    /// private temporary folder, read back and removed.
    public func renderData(_ data: Value, options: RenderOptions = RenderOptions()) throws -> Data {
        let folder = try ScratchFolder("docfill-render")
        defer { folder.remove() }
        let document = folder.file("document." + format.rawValue)
        try render(data, to: try OutputTarget(document), options: options)
        guard let bytes = FileManager.default.contents(atPath: document) else {
            throw DocFillError("io_error", "cannot read the rendered document back", at: SourceLocation(file: document))
        }
        return bytes
    }

    /// The rendered bytes of any model (its `TemplateData` view, else its encoding).
    public func renderData<T: Encodable>(_ model: T, options: RenderOptions = RenderOptions()) throws -> Data {
        try renderData(try templateValue(of: model), options: options)
    }

    /// Writes the rendered document to `handle` (a pipe, a socket, standard output), whole:
    /// it is rendered completely first, so a failed render writes nothing.
    public func render(_ data: Value, to handle: FileHandle, options: RenderOptions = RenderOptions()) throws {
        let document = try renderData(data, options: options)
        do { try handle.write(contentsOf: document) } catch {
            throw DocFillError("io_error", "cannot write the document: \(error.localizedDescription)", at: SourceLocation(file: file))
        }
    }

    /// Renders off the caller's task (a server's request handler), on a detached task: the
    /// compiled template is immutable and `Sendable`, so many renders may run at once.
    public func render(_ data: Value, options: RenderOptions = RenderOptions()) async throws -> Data {
        try await Task.detached(priority: .userInitiated) { try self.renderData(data, options: options) }.value
    }

    /// `render(_:options:) async` for any model (its `TemplateData` view, else its encoding).
    public func render<T: Encodable>(_ model: T, options: RenderOptions = RenderOptions()) async throws -> Data {
        try await render(try templateValue(of: model), options: options)
    }
}
