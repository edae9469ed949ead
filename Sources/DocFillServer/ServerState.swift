import DocFill
import Foundation
import OfficialReport

/// What every request handler shares: the configuration, the workspace, compiled templates,
/// the render pool, the data models and the secrets of this run.
final class ServerState: Sendable {
    let configuration: ServerConfiguration
    let catalog: WorkspaceCatalog
    let templates = TemplateCache()
    let pool: RenderPool
    /// The models a template's `docfill.model` may name: the CLI's.
    let models = DataModels([OfficialReportModel()])
    /// Signs CSRF tokens: random per run, so a restart makes old forms ask to reload.
    let csrfSecret: [UInt8]

    init(configuration: ServerConfiguration) {
        self.configuration = configuration
        catalog = WorkspaceCatalog(root: configuration.workspace)
        pool = RenderPool(width: configuration.limits.renderers, queueLength: configuration.limits.queueLength)
        csrfSecret = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
    }

    /// The data limits of every request: the CLI's defaults, the body bound the server's.
    var dataLimits: DataLimits {
        var limits = DataLimits()
        limits.maxBytes = configuration.limits.maxDataBytes
        return limits
    }

    /// Render options: pictures of a workspace data file beside it, as the CLI reads them;
    /// of data posted to the API, from the workspace. Never from outside it
    /// (`image_outside_root`).
    func renderOptions(for data: DataSource, pictures: String? = nil, lenient: Bool = false) -> RenderOptions {
        if pictures == nil, case .file(let path) = data {
            return RenderOptions(strict: !lenient, baseDirectory: RenderOptions.baseDirectory(forData: path))
        }
        return RenderOptions(strict: !lenient, baseDirectory: pictures ?? catalog.root.path)
    }

    /// A compiled template of the workspace, by name.
    func template(_ name: String) throws -> DocumentTemplate {
        try templates.template(at: try catalog.path(of: name, .template))
    }

    /// `work` on the render pool, within the render time limit.
    func rendering<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.run(timeout: configuration.limits.renderTimeout, work)
    }
}
