import DocFill
import Foundation
import OfficialReport

/// What every request handler shares: the configuration, the workspace (its files by id,
/// compiled templates), the render pool, and the secrets of this run.
final class ServerState: Sendable {
    let configuration: ServerConfiguration
    let workspace: Workspace
    let pool: RenderPool

    init(configuration: ServerConfiguration) throws {
        self.configuration = configuration
        var limits = DataLimits()
        limits.maxBytes = configuration.limits.maxDataBytes
        workspace = try Workspace(root: configuration.workspace.path, limits: limits, models: DataModels([OfficialReportModel()]))
        pool = RenderPool(width: configuration.limits.renderers, queueLength: configuration.limits.queueLength)
    }

    /// The models a template's `docfill.model` may name: the CLI's.
    var models: DataModels { workspace.models }

    /// The data limits of every request: the CLI's defaults, the body bound the server's.
    var dataLimits: DataLimits { workspace.limits }

    /// Render options: pictures of a workspace data file beside it, as the CLI reads them;
    /// of data posted to the API, from the workspace. Never from outside it
    /// (`image_outside_root`).
    func renderOptions(for data: DataSource, pictures: String? = nil, lenient: Bool = false) -> RenderOptions {
        if pictures == nil, let path = data.path {
            return RenderOptions(strict: !lenient, baseDirectory: RenderOptions.baseDirectory(forData: path))
        }
        return RenderOptions(strict: !lenient, baseDirectory: pictures ?? workspace.root)
    }

    /// A compiled template of the workspace, by id.
    func template(_ id: String) throws -> DocumentTemplate { try workspace.template(id) }

    /// `work` on the render pool, within the render time limit.
    func rendering<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.run(timeout: configuration.limits.renderTimeout, work)
    }
}
