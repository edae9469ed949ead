import DocFill
import Foundation

/// The files the server serves and renders with, kept in the repository under
/// `Sources/DocFillServer/Resources` and shipped beside the binary as its resource bundle
/// (`DocFill_DocFillServer.resources`): page templates, the stylesheet, the script, the page
/// texts and the OpenAPI document.
enum Resources {
    /// The bundle's `Resources` folder.
    static var folder: URL { Bundle.module.bundleURL.appendingPathComponent("Resources", isDirectory: true) }

    /// A file's bytes, by its path under `Resources`.
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
            throw DocFillError("io_error", "the server's resource '\(name)' is missing: install the resource bundle beside the docfill binary")
        }
        return [UInt8](data)
    }

    /// A file's text, by its path under `Resources`.
    static func text(_ name: String) throws -> String { String(decoding: try bytes(name), as: UTF8.self) }

    /// The names of the files in a folder under `Resources`, sorted.
    static func files(in subfolder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(subfolder).path)) ?? []).sorted()
    }
}
