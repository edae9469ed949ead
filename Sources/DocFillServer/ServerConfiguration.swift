import DocFill
import Foundation

/// What `docfill serve` was asked for: where the workspace is, where to listen, which token to
/// require, and the bounds on what one request may cost.
public struct ServerConfiguration: Sendable {
    /// The workspace folder (templates and data files).
    public var workspace: URL
    /// The address to bind; 127.0.0.1 unless the user gave another.
    public var host: String
    /// The TCP port (0: any free port).
    public var port: Int
    /// The token every request must carry (`Authorization: Bearer …`, or the cookie a browser
    /// gets from `/?token=…`); required when `host` is not a loopback address.
    public var token: String?
    /// Bounds on bodies, renders and their queue.
    public var limits: ServerLimits

    /// A configuration; see the properties.
    public init(workspace: URL, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
                limits: ServerLimits = ServerLimits()) {
        self.workspace = workspace
        self.host = host
        self.port = port
        self.token = token
        self.limits = limits
    }

    /// Whether `host` is reachable from this machine only: then no token is needed.
    public var isLoopbackOnly: Bool { Self.isLoopback(host) }

    /// 127.0.0.0/8, ::1 and `localhost`: the addresses no other machine reaches.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "[::1]" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Refuses a configuration that would serve the workspace beyond this machine without a
    /// token (`token_required`), or a token too short to resist guessing (`invalid_option`).
    public func validate() throws {
        if let token, token.count < 16 {
            throw DocFillError("invalid_option", "the token must be at least 16 characters long")
        }
        if !isLoopbackOnly, token == nil {
            throw DocFillError("token_required",
                               "--host \(host) makes the workspace reachable from other machines; give --token or --token-file")
        }
        guard (0...65535).contains(port) else {
            throw DocFillError("invalid_option", "--port must be between 0 and 65535")
        }
    }
}

/// Bounds on what requests may cost: body sizes, concurrent renders, their queue and time.
public struct ServerLimits: Sendable {
    /// The largest data a request may carry (a JSON/YAML body, a saved form): the CLI's data limit.
    public var maxDataBytes: Int = DataLimits().maxBytes
    /// The largest uploaded picture: the render's own picture limit.
    public var maxUploadBytes: Int = RenderOptions().maxImageBytes
    /// Renders and checks running at once; more wait in the queue.
    public var renderers: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// Requests waiting for a renderer; one more is refused at once (`server_busy`).
    public var queueLength: Int = 256
    /// Seconds a render or check may take before the request is answered `render_timeout`.
    public var renderTimeout: Double = 60
    /// Seconds a preview (LibreOffice and poppler) may take.
    public var previewTimeout: Double = 120

    /// The defaults; see the properties.
    public init() {}
}
