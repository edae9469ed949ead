import CLibZip

/// An immutable copy of an archive's bytes in C memory, shared by every render of a compiled
/// template: libzip reads straight from it (zip_source_buffer does not copy), and each render
/// opens its own cheap read handle, so renders on several threads never share a zip_t.
final class TemplateBytes: @unchecked Sendable {
    let pointer: UnsafeMutableRawBufferPointer

    init(_ bytes: [UInt8]) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        bytes.withUnsafeBytes { src in
            if let base = src.baseAddress { storage.baseAddress!.copyMemory(from: base, byteCount: src.count) }
        }
        pointer = storage
        count = bytes.count
    }

    let count: Int
    deinit { pointer.deallocate() }
}
