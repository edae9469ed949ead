import Foundation
import Testing

/// The repository stands alone: no source, test, script or document names material beside
/// the checkout or a path of one particular machine (issue: a fresh clone passes its tests).
struct StandAloneTests {
    /// Spelled in pieces so that this file does not name them itself.
    static let forbidden = [".." + "/shared", "/work" + "/", "/root" + "/"]

    static let folders = ["Sources", "Tests", "scripts", "Templates", "Examples", "docs", "bench", ".ci"]
    static let files = ["README.md", "Makefile", "Package.swift"]

    @Test func nothingNamesAPathOutsideTheRepository() throws {
        let repo = TestPaths.repo
        var checked = 0
        var found: [String] = []
        func scan(_ url: URL) throws {
            // Text files only; copied schemas and corpus documents are data, not our words.
            guard ["swift", "sh", "py", "md", "txt", "json", "yaml", "yml", "fodt", ""].contains(url.pathExtension),
                  !url.path.contains("/Tests/Resources/"), let text = try? String(contentsOf: url, encoding: .utf8) else { return }
            checked += 1
            for needle in Self.forbidden where text.contains(needle) {
                let relative = String(url.path.dropFirst(repo.path.count + 1))
                // bench/work/ is the benchmark's own ignored folder inside the repository.
                let lines = text.split(separator: "\n").filter { $0.contains(needle) && !$0.contains("bench" + needle) }
                if !lines.isEmpty { found.append("\(relative): \(lines[0].prefix(120))") }
            }
        }
        for folder in Self.folders {
            guard let walker = FileManager.default.enumerator(at: repo.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker {
                // Hidden folders inside are tools' own products (bench/.venv), not our words.
                if url.lastPathComponent.hasPrefix(".") { walker.skipDescendants(); continue }
                try scan(url)
            }
        }
        for file in Self.files { try scan(repo.appendingPathComponent(file)) }
        #expect(checked > 100)
        #expect(found.isEmpty, "\(found)")
    }
}
