import Foundation

/// The render pipeline's steps on a workspace's files, by id: what `docfill check` and
/// `render` do, with every data file confined to the root and places named by id.
extension Workspace {
    /// The data source for the render pipeline (`RenderJob(data:)`): the file `id` names,
    /// whose `extends` may not lead outside the root.
    public func dataSource(_ id: String) throws -> DataSource {
        .fileWithin(try file(id, kind: .data).path, root: root)
    }

    /// A render job for the data file `id`, its pictures read from the file's folder, the
    /// model the template declares (registered in `models`).
    public func renderJob(_ id: String, draft: Bool = false) throws -> RenderJob {
        RenderJob(data: try dataSource(id), models: models, draft: draft, limits: limits)
    }

    /// What `docfill check TEMPLATE DATA` reports for the template `template` and the data
    /// file `data` (ids), in order, with places named by id (`named`). A problem that stops
    /// the check (data that does not load) comes back as its diagnostics.
    public func check(data: String, template: String, draft: Bool = false) throws -> [Diagnostic] {
        let compiled = try self.template(template)
        let loaded = LoadedTemplate.document(compiled)
        let job = try renderJob(data, draft: draft)
        do {
            let (diagnostics, _) = try job.check(declared: compiled.declaredModel) { value, unusedKeys in
                try loaded.check(value, dataFile: job.data.path, unusedKeys: unusedKeys)
            }
            return named(diagnostics)
        } catch let error as DocFillError {
            return named(error.diagnostics)
        }
    }

    /// `diagnostics` with each file under the root named by its id (the file name) instead
    /// of its path, and paths under the root in messages made relative to it
    /// (`Samples/none.yaml`), so pages never show the server's folders.
    public func named(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return diagnostics.map { d in
            var d = d
            if let file = d.location.file, file.hasPrefix(prefix) { d.location.file = (file as NSString).lastPathComponent }
            d.message = d.message.replacingOccurrences(of: prefix, with: "")
            return d
        }
    }
}
