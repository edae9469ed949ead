import Foundation

/// Every temporary file and folder the library has created and not yet renamed into place or
/// removed, in one thread-safe registry, so that a program interrupted by a signal can remove
/// them all with `removeAll()`.
///
/// The library installs no signal handler: what a signal does is the program's choice. The
/// `docfill` command blocks SIGTERM, SIGINT and SIGHUP and waits for them on a thread of its
/// own, which calls `removeAll()` and exits with 128 + the signal's number.
///
/// Creating, renaming into place and removing all happen under one lock, and `removeAll()`
/// closes the registry: a creation that would come after it fails instead, so no temporary
/// file appears between the clean-up and the exit.
public enum TemporaryFiles {
    private struct State {
        var paths: [String: Bool] = [:]   // path → is a folder
        var closed = false
    }
    private static let state = Locked(State())

    /// Creates the file `path` (it must not exist) open for writing, registered until
    /// `commit` or `discard`. Returns the descriptor, or -1 with errno set.
    static func createFile(_ path: String, mode: mode_t = 0o666) -> Int32 {
        let (fd, error) = state.update { s -> (Int32, Int32) in
            guard !s.closed else { return (-1, EINTR) }
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 { s.paths[path] = false }
            return (fd, errno)
        }
        if fd < 0 { errno = error }
        return fd
    }

    /// Creates the folder `path` (and missing parents), registered until `discard`.
    static func createFolder(_ path: String) throws {
        try state.update { s -> Result<Void, Error> in
            guard !s.closed else { return .failure(CocoaError(.fileWriteUnknown)) }
            // 0o700: a rendered document or its PDF waits here before it is placed.
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                return .failure(error)
            }
            s.paths[path] = true
            return .success(())
        }.get()
    }

    /// Renames the temporary file `path` onto `target`; false with errno set on failure
    /// (the file stays registered).
    static func commit(_ path: String, to target: String) -> Bool {
        let (done, error) = state.update { s -> (Bool, Int32) in
            guard rename(path, target) == 0 else { return (false, errno) }
            s.paths[path] = nil
            return (true, 0)
        }
        if !done { errno = error }
        return done
    }

    /// Removes a temporary file or folder and forgets it.
    static func discard(_ path: String) {
        state.update { s in
            guard let isFolder = s.paths.removeValue(forKey: path) else { return }
            remove(path, isFolder: isFolder)
        }
    }

    /// Removes every temporary file and folder not yet renamed or removed, and refuses new
    /// ones from then on (the program is about to exit). Safe to call from any thread, not
    /// from a signal handler (it takes a lock and allocates).
    public static func removeAll() {
        state.update { s in
            s.closed = true
            for (path, isFolder) in s.paths { remove(path, isFolder: isFolder) }
            s.paths = [:]
        }
    }

    private static func remove(_ path: String, isFolder: Bool) {
        if isFolder { try? FileManager.default.removeItem(atPath: path) } else { unlink(path) }
    }
}

/// A folder of the library's own under the system temporary directory (or `parent`), readable
/// by this user only, removed by `remove()` (or by `TemporaryFiles.removeAll()` when the
/// program is interrupted). Every temporary folder the library makes is one of these.
struct ScratchFolder {
    let path: String

    init(_ prefix: String, in parent: String = NSTemporaryDirectory()) throws {
        let path = (parent as NSString).appendingPathComponent(".\(prefix)-\(getpid())-\(UUID().uuidString.prefix(12))")
        do { try TemporaryFiles.createFolder(path) } catch {
            throw DocFillError("io_error", "cannot create the temporary folder '\(path)': \(error.localizedDescription)")
        }
        self.path = path
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    func remove() { TemporaryFiles.discard(path) }
}
