import Foundation

/// Finding a workspace's files: the one place where an id becomes a path.
extension Workspace {
    /// A file found under the root.
    struct FoundFile: Sendable {
        /// The id: the file name.
        var id: String
        /// The path below the root (`Samples/pho-hoa-2023.yaml`).
        var relative: String
        /// The path to read and write: under the root, links resolved.
        var path: String
        var kind: WorkspaceID.Kind
        /// Whether the file is a link leading outside the root.
        var outside: Bool

        /// The extension, lower case.
        var ext: String { (id as NSString).pathExtension.lowercased() }
        /// The name without its extension.
        var stem: String { (id as NSString).deletingPathExtension }
    }

    struct Scan {
        var files: [FoundFile] = []
        var problems: [Diagnostic] = []
    }

    /// Every file with an id, root first, then each folder in name order, down to `maxDepth`.
    func scan() -> Scan {
        var scan = Scan()
        var seen: [String: String] = [:]
        var folders: [(relative: String, depth: Int)] = [("", 0)]
        var next = 0
        while next < folders.count {
            let (folder, depth) = folders[next]
            next += 1
            let absolute = folder.isEmpty ? root : (root as NSString).appendingPathComponent(folder)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let relative = folder.isEmpty ? name : folder + "/" + name
                let path = (absolute as NSString).appendingPathComponent(name)
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                let type = info.st_mode & S_IFMT
                // Folder links are not followed: a link inside could lead anywhere.
                if type == S_IFDIR {
                    if depth < Self.maxDepth { folders.append((relative, depth + 1)) }
                    continue
                }
                guard type == S_IFREG || type == S_IFLNK else { continue }
                guard let kind = WorkspaceID.kind(of: name) else {
                    if WorkspaceID.templateExtensions.contains((name as NSString).pathExtension.lowercased())
                        || WorkspaceID.dataExtensions.contains((name as NSString).pathExtension.lowercased()) {
                        scan.problems.append(Diagnostic("invalid_id", "'\(WorkspaceID.shown(relative))' is not listed: a workspace file name is made of letters, digits, '.', '-' and '_'",
                                                        at: SourceLocation(file: WorkspaceID.shown(relative)), severity: .warning))
                    }
                    continue
                }
                var resolved = path, outside = false
                if type == S_IFLNK {
                    resolved = DataInheritance.canonical(path)
                    var target = stat()
                    guard stat(resolved, &target) == 0, target.st_mode & S_IFMT == S_IFREG else { continue }
                    outside = !DataInheritance.isInside(resolved, root)
                }
                if let first = seen[name] {
                    scan.problems.append(Diagnostic("duplicate_id", "'\(relative)' has the name of '\(first)', which is the one used; rename one of them",
                                                    at: SourceLocation(file: relative), severity: .warning))
                    continue
                }
                seen[name] = relative
                scan.files.append(FoundFile(id: name, relative: relative, path: resolved, kind: kind, outside: outside))
            }
        }
        return scan
    }

    /// The file `id` names: `invalid_id`, `unknown_id`, or `outside_workspace` for a link leading out.
    func file(_ id: String, kind: WorkspaceID.Kind? = nil) throws -> FoundFile {
        let named = try WorkspaceID.check(id)
        let place = SourceLocation(file: id)
        if let kind, named != kind {
            throw DocFillError("unknown_id", "'\(id)' is not a \(kind == .template ? "template" : "data file"); give the name of one", at: place)
        }
        guard let found = scan().files.first(where: { $0.id == id }) else {
            throw DocFillError("unknown_id", "the workspace has no file named '\(id)'", at: place)
        }
        guard !found.outside else {
            throw DocFillError("outside_workspace", "'\(id)' is a link to a file outside the workspace; it is not read", at: place)
        }
        return found
    }

    /// The path of the file `id` names, under the root (links resolved), for the steps that
    /// take paths (`RenderJob`, `LoadedTemplate`, `DataLoader`).
    public func path(of id: String) throws -> String { try file(id).path }

    /// The path a new file `id` gets, in the folder of the workspace file `beside` (the root
    /// when nil): `output_exists` when the workspace already has a file of that name.
    public func newPath(for id: String, beside: String? = nil) throws -> String {
        try WorkspaceID.check(id)
        if scan().files.contains(where: { $0.id == id }) {
            throw DocFillError("output_exists", "the workspace already has a file named '\(id)'; choose another name", at: SourceLocation(file: id))
        }
        let folder = try beside.map { (try file($0).path as NSString).deletingLastPathComponent } ?? root
        return (folder as NSString).appendingPathComponent(id)
    }
}
