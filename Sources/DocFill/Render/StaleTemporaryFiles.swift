import Foundation

/// The temporary files `OutputTarget.write` makes beside a target, and the removal of those a
/// killed process left behind (SIGKILL, a crash, a power cut: nothing runs to remove them).
///
/// A temporary file of the target `T` is named `.T.docfill-PID-N.tmp` (hidden; PID is the
/// writing process, N random). Before writing `T`, the files of exactly that pattern for `T`
/// in `T`'s folder are removed when they are regular files owned by the current user and
/// their process is gone (`kill(PID, 0)` fails with ESRCH); a live process's file, and any
/// other name, is left alone.
extension OutputTarget {
    static func temporaryName(beside file: String) -> String {
        let url = URL(fileURLWithPath: file)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent
            + ".docfill-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// The target name and process id a temporary file's name holds; nil for any name not
    /// exactly of the pattern.
    static func parseTemporaryName(_ name: String) -> (target: String, pid: pid_t)? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp"),
              let marker = name.range(of: ".docfill-", options: .backwards) else { return nil }
        let start = name.index(after: name.startIndex), end = name.index(name.endIndex, offsetBy: -4)
        guard start < marker.lowerBound, marker.upperBound <= end else { return nil }
        let numbers = name[marker.upperBound..<end].split(separator: "-", omittingEmptySubsequences: false)
        guard numbers.count == 2, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }),
              let pid = pid_t(numbers[0]), pid > 0, UInt32(numbers[1]) != nil else { return nil }
        return (String(name[start..<marker.lowerBound]), pid)
    }

    /// Left-over temporary files by folder, then by target name. A folder is listed once per
    /// process, at its first write: a batch writing thousands of files into one folder would
    /// otherwise list it once per file.
    private static let leftovers = Locked<[String: [String: [(path: String, pid: pid_t)]]]>([:])

    /// Removes the temporary files of `file` left by processes that no longer run.
    static func removeStaleTemporaryFiles(of file: String) {
        let url = URL(fileURLWithPath: file)
        let folder = url.deletingLastPathComponent().path, name = url.lastPathComponent
        let candidates = leftovers.update { byFolder in
            if byFolder[folder] == nil { byFolder[folder] = list(folder) }
            return byFolder[folder]?.removeValue(forKey: name) ?? []
        }
        for candidate in candidates where isStale(candidate.path, pid: candidate.pid) { unlink(candidate.path) }
    }

    private static func list(_ folder: String) -> [String: [(path: String, pid: pid_t)]] {
        var found: [String: [(path: String, pid: pid_t)]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let parsed = parseTemporaryName(name) else { continue }
            found[parsed.target, default: []].append((folder + "/" + name, parsed.pid))
        }
        return found
    }

    private static func isStale(_ path: String, pid: pid_t) -> Bool {
        guard kill(pid, 0) != 0, errno == ESRCH else { return false }
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_uid == geteuid()
    }
}
