import Foundation

// Pictures a form uploads for a data file (a signature, a seal, a picture tag's value), kept
// in the workspace where the render looks for them: a data file's relative picture paths are
// read from the data file's folder (`RenderOptions.baseDirectory(forData:)`), so a picture is
// stored in `pictures/` beside the data file and the data names it `pictures/<name>`: the
// CLI renders the saved file with the same picture, and the file can be moved with its folder.
extension Workspace {
    /// The folder, beside a data file, uploaded pictures are stored in.
    public static let picturesFolder = "pictures"

    /// Stores an uploaded picture for the data file `id` and returns the value its field
    /// takes: `pictures/docfill-<first 16 hex digits of its SHA-256>.png` (or `.jpeg`), a path
    /// relative to the data file's folder. The picture is checked as a render checks one (PNG
    /// or JPEG by its signature and structure, `image_invalid`; at most `maxBytes`,
    /// `image_too_large`). The name is made here from the content, never taken from the
    /// upload: the same picture is stored once, and nothing is written outside the workspace
    /// (a `pictures` folder or file that is a link, or leads outside, is `outside_workspace`).
    public func savePicture(_ bytes: [UInt8], forData id: String, maxBytes: Int) throws -> String {
        let data = try file(id, kind: .data)
        let image: ImageFile
        switch ImageFile.check(bytes, what: "the uploaded picture", maxBytes: maxBytes) {
        case .success(let checked): image = checked
        case .failure(.tooLarge(let message)): throw DocFillError("image_too_large", message, at: SourceLocation(file: id))
        case .failure(let failure): throw DocFillError("image_invalid", Self.message(failure), at: SourceLocation(file: id))
        }
        let folder = ((data.path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(Self.picturesFolder)
        let target = (folder as NSString).appendingPathComponent(image.fileName)
        let outside = DocFillError("outside_workspace", "the pictures folder beside '\(id)' is a link or leads outside the workspace; nothing was stored",
                                   at: SourceLocation(file: id))
        try saving.withLock {
            var info = stat()
            if lstat(folder, &info) != 0 {
                guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                    throw DocFillError("io_error", "cannot create the pictures folder beside '\(id)'", at: SourceLocation(file: id))
                }
                guard lstat(folder, &info) == 0 else { throw outside }
            }
            guard info.st_mode & S_IFMT == S_IFDIR, DataInheritance.isInside(DataInheritance.canonical(folder), root) else { throw outside }
            if lstat(target, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFREG else { throw outside }
                // The same name is the same content: already stored.
                if (try? Self.readFile(target, id: id, limit: maxBytes)) == bytes { return }
            }
            try OutputTarget(target).write(bytes)
        }
        return Self.picturesFolder + "/" + image.fileName
    }

    /// The picture a field of the data file `id` names (`value`: a path relative to the data
    /// file's folder, or a `data:` URI), read as the render reads it: from the data file's
    /// folder and below only (`image_outside_root`), checked (`image_missing`,
    /// `image_invalid`, `image_too_large`). For a page's thumbnail; returns the bytes and
    /// their media type (`image/png`, `image/jpeg`).
    public func picture(_ value: String, forData id: String, maxBytes: Int) throws -> (bytes: [UInt8], mediaType: String) {
        let data = try file(id, kind: .data)
        let folder = (data.path as NSString).deletingLastPathComponent
        let place = SourceLocation(file: id)
        switch ImageFile.load(value, baseDirectory: folder, roots: [folder], maxBytes: maxBytes) {
        case .success(let image): return (image.bytes, image.kind.mimeType)
        case .failure(.missing(let message)): throw DocFillError("image_missing", message, at: place)
        case .failure(.tooLarge(let message)): throw DocFillError("image_too_large", message, at: place)
        case .failure(.outsideRoots(let message)): throw DocFillError("image_outside_root", message, at: place)
        case .failure(.invalid(let message)): throw DocFillError("image_invalid", message, at: place)
        }
    }

    private static func message(_ failure: ImageFile.Failure) -> String {
        switch failure {
        case .missing(let m), .invalid(let m), .tooLarge(let m), .outsideRoots(let m): return m
        }
    }
}
