import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// LibreOffice's single-instance socket (`OSL_PIPE_<uid>_SingleOfficeIPC_<hash>`) always goes
/// in /tmp, whatever TMPDIR says, and a soffice killed on timeout cannot remove it. The
/// sockets that appeared during a run and no longer accept a connection are removed after
/// it: a live LibreOffice (another user's run) accepts, so it is never touched.
struct StalePipes {
    static let folder = "/tmp"
    let prefix = "OSL_PIPE_\(getuid())_"
    private let before: Set<String>

    init() { before = Set(Self.sockets(prefix)) }

    func removeNew() {
        for name in Self.sockets(prefix) where !before.contains(name) {
            let path = (Self.folder as NSString).appendingPathComponent(name)
            if !Self.accepts(path) { unlink(path) }
        }
    }

    static func sockets(_ prefix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(prefix) }
    }

    /// Whether something listens on the Unix socket at `path`.
    static func accepts(_ path: String) -> Bool {
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return true }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return true }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return result == 0 || errno != ECONNREFUSED
    }
}
