import DocFill
import Foundation

/// Data sent to the API, held in a private file while its request lasts, so it is read as
/// `docfill check`/`render` read a data file: the same loader, the same limits, the same codes
/// and every value's line and column (`<request>:12:5`). Pictures it names are read from the
/// workspace. It may not extend a file (`bad_extends`): a base is named by a path, and posted
/// data has no place in the workspace to resolve one from.
struct PostedData {
    /// What messages call the posted data.
    static let name = "<request>"
    let folder: PrivateFolder
    let path: String

    init(_ data: RenderService.RequestData) throws {
        folder = try PrivateFolder()
        path = folder.file(data.format == .json ? "request.json" : "request.yaml")
        do {
            try data.bytes.write(to: URL(fileURLWithPath: path))
            try Self.refuseExtends(data)
        } catch {
            folder.remove()
            throw rename(error)
        }
    }

    /// The source for a render or check.
    var source: DataSource { .file(path) }

    func remove() { folder.remove() }

    /// Data that says `extends` is refused; data that does not parse is left to the loader,
    /// which reports it with its place. Parsed only when the bytes hold the word at all.
    static func refuseExtends(_ data: RenderService.RequestData) throws {
        guard data.bytes.range(of: Data(DataInheritance.extendsKey.utf8)) != nil,
              let value = try? DataLoader.load(bytes: [UInt8](data.bytes), format: data.format, file: name),
              value[DataInheritance.extendsKey] != nil else { return }
        throw DocFillError("bad_extends", "data sent to the server cannot extend a file; send the whole data",
                           at: SourceLocation(file: name))
    }

    /// `diagnostics` with the private file named `<request>`.
    func rename(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { d in
            var d = d
            if d.location.file == path { d.location.file = Self.name }
            d.message = d.message.replacingOccurrences(of: path, with: Self.name)
            return d
        }
    }

    /// An error of the library with the private file named `<request>`.
    func rename(_ error: Error) -> Error {
        switch error {
        case let e as DocFillError: return DocFillError(rename(e.diagnostics))
        case is HintedError:
            var e = ServerError.from(error)
            e.diagnostics = rename(e.diagnostics)
            return e
        default: return error
        }
    }

    /// `body`'s result, its errors renamed.
    func renaming<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw rename(error) }
    }
}
