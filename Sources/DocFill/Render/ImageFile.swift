import Foundation

/// The picture formats a document can receive from data.
enum ImageKind: String, Sendable {
    case png, jpeg
    var mimeType: String { "image/\(rawValue)" }
    var fileExtension: String { rawValue }
}

/// An image read from data, checked and measured.
struct ImageFile {
    let bytes: [UInt8]
    let kind: ImageKind
    let pixelWidth: Int
    let pixelHeight: Int
    /// `docfill-<first 16 hex digits of SHA-256>.png`: the same bytes get the same name.
    let fileName: String

    enum Failure: Error {
        case missing(String)
        case invalid(String)
        case tooLarge(String)
        case outsideRoots(String)
    }

    /// Reads a `data:image/png;base64,…` URI or a file (relative paths from `baseDirectory`).
    /// A file must lie, after symlinks, inside one of `roots`: data must not read the rest of
    /// the file system. The path is checked as written before anything is looked up, so the
    /// refusal is the same whether the file exists or not.
    static func load(_ source: String, baseDirectory: String, roots: [String], maxBytes: Int) -> Result<ImageFile, Failure> {
        if source.hasPrefix("data:") { return decodeDataURI(source, maxBytes: maxBytes) }
        let path = source.hasPrefix("/") ? URL(fileURLWithPath: source).standardizedFileURL.path
            : URL(fileURLWithPath: baseDirectory).appendingPathComponent(source).standardizedFileURL.path
        let outside = Failure.outsideRoots("image '\(source)' is outside the folders pictures may be read from (the data file's folder and --image-root)")
        let lexicalRoots = roots.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        guard lexicalRoots.contains(where: { Self.path(path, isInside: $0) }) else { return .failure(outside) }
        if let real = realPath(path) {
            let realRoots = roots.map { realPath($0) ?? URL(fileURLWithPath: $0).standardizedFileURL.path }
            guard realRoots.contains(where: { Self.path(real, isInside: $0) }) else { return .failure(outside) }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .failure(.missing("no image file '\(source)' (looked for \(path))"))
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        if size > maxBytes {
            return .failure(.tooLarge("image '\(source)' has \(size) bytes (limit \(maxBytes))"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.missing("cannot read the image file '\(source)' (\(path))"))
        }
        return check([UInt8](data), what: "'\(source)'", maxBytes: maxBytes)
    }

    static func path(_ path: String, isInside root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The path with every symlink resolved, or nil when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func decodeDataURI(_ uri: String, maxBytes: Int) -> Result<ImageFile, Failure> {
        let short = Excerpt.of(uri, limit: 40)
        guard let comma = uri.firstIndex(of: ",") else {
            return .failure(.invalid("data URI '\(short)' has no ',' before its data"))
        }
        let header = uri[uri.index(uri.startIndex, offsetBy: 5)..<comma].lowercased()
        guard ["image/png;base64", "image/jpeg;base64", "image/jpg;base64"].contains(header) else {
            return .failure(.invalid("data URI '\(short)': only image/png and image/jpeg in base64 are supported"))
        }
        let payload = uri[uri.index(after: comma)...]
        if payload.utf8.count / 4 * 3 > maxBytes {
            return .failure(.tooLarge("data URI image has about \(payload.utf8.count / 4 * 3) bytes (limit \(maxBytes))"))
        }
        guard let data = Data(base64Encoded: String(payload), options: .ignoreUnknownCharacters) else {
            return .failure(.invalid("data URI '\(short)' is not valid base64"))
        }
        return check([UInt8](data), what: "data URI '\(short)'", maxBytes: maxBytes)
    }

    /// Accepts PNG and JPEG only, by their signature, and reads the pixel size from the PNG
    /// header (IHDR) or the JPEG frame header (SOFn).
    static func check(_ bytes: [UInt8], what: String, maxBytes: Int) -> Result<ImageFile, Failure> {
        if bytes.count > maxBytes { return .failure(.tooLarge("image \(what) has \(bytes.count) bytes (limit \(maxBytes))")) }
        let size: (kind: ImageKind, width: Int, height: Int)?
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { size = pngSize(bytes) }
        else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { size = jpegSize(bytes) }
        else { return .failure(.invalid("\(what) is not a PNG or JPEG image")) }
        guard let size, size.width > 0, size.height > 0 else {
            return .failure(.invalid("\(what) is a damaged \(bytes[0] == 0x89 ? "PNG" : "JPEG") image (no pixel size)"))
        }
        let name = "docfill-\(SHA256.hex(bytes).prefix(16)).\(size.kind.fileExtension)"
        return .success(ImageFile(bytes: bytes, kind: size.kind, pixelWidth: size.width, pixelHeight: size.height, fileName: name))
    }

    private static func be(_ b: [UInt8], _ i: Int, _ n: Int) -> Int {
        (i..<(i + n)).reduce(0) { $0 << 8 | Int(b[$1]) }
    }

    /// The size from IHDR, after checking the chunk structure: IHDR first with its length
    /// (13) and CRC, sides of 1 to 2³¹−1 pixels, then chunks that each fit in the file, at
    /// least one IDAT, and IEND. (The pixel data itself is left to the word processor.)
    private static func pngSize(_ b: [UInt8]) -> (ImageKind, Int, Int)? {
        guard b.count >= 33, be(b, 8, 4) == 13, b[12...15].elementsEqual(Array("IHDR".utf8)),
              CRC32.checksum(b[12..<29]) == UInt32(be(b, 29, 4)) else { return nil }
        let width = be(b, 16, 4), height = be(b, 20, 4)
        guard (1...Int(Int32.max)).contains(width), (1...Int(Int32.max)).contains(height) else { return nil }
        var i = 33, sawData = false
        while i + 12 <= b.count {
            let length = be(b, i, 4)
            guard length <= Int(Int32.max), i + 12 + length <= b.count else { return nil }
            let type = b[(i + 4)..<(i + 8)]
            if type.elementsEqual(Array("IDAT".utf8)) { sawData = true }
            if type.elementsEqual(Array("IEND".utf8)) { return sawData ? (.png, width, height) : nil }
            i += 12 + length
        }
        return nil
    }

    private static func jpegSize(_ b: [UInt8]) -> (ImageKind, Int, Int)? {
        var i = 2
        while i + 3 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }                                  // fill byte
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue } // no length
            if marker == 0xD9 || marker == 0xDA { return nil }                       // end, or scan before any frame
            let length = be(b, i + 2, 2)
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                // The whole frame header: precision, sides, components (3 bytes each).
                guard length >= 8, i + 2 + length <= b.count, length == 8 + 3 * Int(b[i + 9]) else { return nil }
                return (.jpeg, be(b, i + 7, 2), be(b, i + 5, 2))
            }
            guard length >= 2 else { return nil }
            i += 2 + length
        }
        return nil
    }
}

/// CRC-32 (ISO 3309, as PNG and zip use it), for the PNG header check.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        ~bytes.reduce(~UInt32(0)) { table[Int(($0 ^ UInt32($1)) & 0xFF)] ^ ($0 >> 8) }
    }
}
