import DocFill
import Foundation

/// The workspace `docfill serve` uses when none is given: `docfill-workspace` in the current
/// folder, made on the first run with copies of the bundled `Templates/`, `Samples/` and
/// `Examples/` (found in the DocFill checkout the binary was built in, or the current folder's),
/// so the office starts with the report templates, the sample reports and the examples.
/// Copies: editing them never changes the bundled files.
public enum DefaultWorkspace {
    /// The folder name, in the current folder.
    public static let folderName = "docfill-workspace"
    /// The bundled folders copied into a new workspace.
    public static let bundled = ["Templates", "Samples", "Examples"]
    /// What of them is not copied: documents rendered from the samples are outputs, not
    /// templates, and a workspace lists every document as a template.
    public static let left = ["Samples/rendered"]

    /// The default workspace, made first if missing; returns its URL and whether it was made now.
    public static func prepare(in folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                               executable: URL = URL(fileURLWithPath: CommandLine.arguments[0])) throws -> (url: URL, created: Bool) {
        let target = folder.appendingPathComponent(folderName, isDirectory: true)
        if FileManager.default.fileExists(atPath: target.path) { return (target, false) }
        guard let source = bundledRoot(from: [folder, executable.deletingLastPathComponent()]) else {
            throw DocFillError("io_error", "cannot find DocFill's Templates/ and Samples/ to make \(target.path); give --workspace DIR")
        }
        try make(target, from: source)
        return (target, true)
    }

    /// Copies the bundled folders of `source` into a new folder `target` (made beside it and
    /// renamed in, so an interrupted copy leaves no half workspace).
    public static func make(_ target: URL, from source: URL) throws {
        let fm = FileManager.default
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(folderName)-\(UUID().uuidString.prefix(8))")
        do {
            try fm.createDirectory(at: partial, withIntermediateDirectories: true)
            for name in bundled where fm.fileExists(atPath: source.appendingPathComponent(name).path) {
                try fm.copyItem(at: source.appendingPathComponent(name), to: partial.appendingPathComponent(name))
            }
            for name in left { try? fm.removeItem(at: partial.appendingPathComponent(name)) }
            try fm.moveItem(at: partial, to: target)
        } catch {
            try? fm.removeItem(at: partial)
            throw DocFillError("io_error", "cannot make the workspace \(target.path): \(error.localizedDescription)")
        }
    }

    /// The first of `starts` or their parents that holds `Templates/` and `Samples/`.
    static func bundledRoot(from starts: [URL]) -> URL? {
        for start in starts {
            var folder = start.standardizedFileURL
            for _ in 0..<8 {
                let templates = folder.appendingPathComponent("Templates/bao-cao-dang-uy.docx").path
                if FileManager.default.fileExists(atPath: templates),
                   FileManager.default.fileExists(atPath: folder.appendingPathComponent("Samples").path) { return folder }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }
}
