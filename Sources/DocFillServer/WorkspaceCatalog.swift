import DocFill
import Foundation

// TEMPORARY: the server's view of the workspace folder until it moves onto the library's
// `Workspace` (Sources/DocFill/Workspace, written on the workspace21 branch). Same layout and
// codes as that type (files in the root and two folder levels down, known by file name;
// `invalid_id`, `unknown_id`, `outside_workspace`), so swapping is one file.

/// The workspace folder's templates and data files, known by file name.
struct WorkspaceCatalog: Sendable {
    /// The workspace folder, absolute and with links resolved.
    let root: URL

    init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The two kinds of file a workspace lists.
    enum Kind: String, Sendable {
        case template
        case data

        var extensions: Set<String> {
            switch self {
            case .template: return ["docx", "odt", "fodt"]
            case .data: return ["yaml", "yml", "json"]
            }
        }
    }

    /// Every file of `kind`: its name and path, the root first, then folders in name order.
    func files(_ kind: Kind) -> [(name: String, path: String)] {
        var found: [(String, String)] = []
        var seen = Set<String>()
        func walk(_ folder: URL, depth: Int) {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            var folders: [URL] = []
            for name in names where !name.hasPrefix(".") {
                let url = folder.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    if depth < 2, (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) != true { folders.append(url) }
                } else if kind.extensions.contains(url.pathExtension.lowercased()), seen.insert(name).inserted {
                    found.append((name, url.path))
                }
            }
            for f in folders { walk(f, depth: depth + 1) }
        }
        walk(root, depth: 0)
        return found
    }

    /// The names of the files of `kind`, in listing order.
    func list(_ kind: Kind) -> [String] { files(kind).map(\.name) }

    /// The path of the file `name` of `kind`, links resolved and inside the workspace.
    func path(of name: String, _ kind: Kind) throws -> String {
        try Self.checkName(name)
        guard let file = files(kind).first(where: { $0.name == name }) else {
            throw ServerError(.notFound, "unknown_id", "the workspace has no \(kind == .template ? "template" : "data file") named '\(shortName(name))'")
        }
        let real = URL(fileURLWithPath: file.path).resolvingSymlinksInPath().path
        guard real.hasPrefix(root.path + "/") else {
            throw ServerError(.forbidden, "outside_workspace", "'\(shortName(name))' leads outside the workspace")
        }
        return real
    }

    /// A workspace name: one file name, not hidden, without a folder separator, NUL or control
    /// character, at most 255 bytes (`invalid_id`): a name is an id, never a path.
    static func checkName(_ name: String) throws {
        let bad = name.isEmpty || name.utf8.count > 255 || name.hasPrefix(".") || name.contains("..")
            || name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.properties.generalCategory == .control }
        if bad {
            throw ServerError(.badRequest, "invalid_id",
                              "'\(shortName(name))' is not a workspace name: a name is one file name, never a path")
        }
    }
}
