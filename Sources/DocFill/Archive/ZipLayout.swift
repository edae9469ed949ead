/// The consistency check of an archive's raw bytes: each entry as the central directory
/// declares it against its local header, and the entries' places against each other.
///
/// libzip's own check (ZIP_CHECKCONS) refuses every difference, and real files have harmless
/// ones: a local timestamp seconds off the central one (tools that rewrite one part leave
/// that), Info-ZIP's data descriptors (`zip -fd`: zero sizes in the local header), other extra
/// fields or versions. Word, LibreOffice, unzip and Python open those, so they are allowed.
/// Refused are the differences that let two readers see two different documents: a name,
/// compression method, encryption flag, CRC or size that disagrees, entries that overlap or
/// reach into the central directory, and a second local header of an entry's name that the
/// central directory does not list (a streaming reader would take that one).
enum ZipLayout {
    static func check(_ bytes: UnsafeRawBufferPointer, entryCount: Int, file: String) throws {
        let reader = ByteReader(bytes: bytes, file: file)
        let directory = try reader.centralDirectory()
        let entries = try reader.centralEntries(directory)
        if entries.count != entryCount {
            throw reader.inconsistent("the central directory holds \(entries.count) entries, libzip read \(entryCount)")
        }
        var spans: [(start: Int, end: Int, name: String)] = []
        spans.reserveCapacity(entries.count)
        for entry in entries {
            let dataEnd = try reader.checkLocalHeader(of: entry)
            if dataEnd > directory.offset {
                throw reader.inconsistent("entry '\(entry.displayName)' runs into the central directory", part: entry.displayName)
            }
            spans.append((entry.localOffset, dataEnd, entry.displayName))
        }
        spans.sort { $0.start < $1.start }
        var names = Set(entries.map(\.name))
        var gapStart = 0
        for (i, span) in spans.enumerated() {
            if i > 0, span.start < spans[i - 1].end {
                throw reader.inconsistent("entries '\(spans[i - 1].name)' and '\(span.name)' overlap at byte \(span.start)", part: span.name)
            }
            try reader.checkGap(gapStart..<span.start, names: &names)
            gapStart = max(gapStart, span.end)
        }
        try reader.checkGap(gapStart..<directory.offset, names: &names)
    }
}

private struct CentralDirectory { var offset: Int; var size: Int; var count: Int }

private struct CentralEntry {
    var name: [UInt8]
    var flags: UInt16
    var method: UInt16
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var localOffset: Int
    var displayName: String { String(decoding: name, as: UTF8.self) }
}

private struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    let file: String

    static let localSignature: UInt32 = 0x0403_4b50
    static let centralSignature: UInt32 = 0x0201_4b50
    static let endSignature: UInt32 = 0x0605_4b50
    static let zip64EndSignature: UInt32 = 0x0606_4b50
    static let zip64LocatorSignature: UInt32 = 0x0706_4b50
    static let encryptedFlag: UInt16 = 1
    static let descriptorFlag: UInt16 = 1 << 3

    func inconsistent(_ message: String, part: String? = nil) -> DocFillError {
        DocFillError("inconsistent_archive", message, at: SourceLocation(file: file, part: part))
    }

    func has(_ offset: Int, _ length: Int) -> Bool { offset >= 0 && length >= 0 && offset <= bytes.count - length }

    func u16(_ at: Int) throws -> UInt16 {
        guard has(at, 2) else { throw inconsistent("a header reaches past the end of the file") }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }
    func u32(_ at: Int) throws -> UInt32 { UInt32(try u16(at)) | UInt32(try u16(at + 2)) << 16 }
    func u64(_ at: Int) throws -> UInt64 { UInt64(try u32(at)) | UInt64(try u32(at + 4)) << 32 }
    func int64(_ at: Int) throws -> Int {
        let value = try u64(at)
        guard value <= UInt64(Int.max) else { throw inconsistent("a header declares an impossible size or offset (\(value))") }
        return Int(value)
    }
    func slice(_ at: Int, _ length: Int) throws -> [UInt8] {
        guard has(at, length) else { throw inconsistent("a header reaches past the end of the file") }
        return Array(bytes[at..<at + length])
    }

    /// The end of central directory record (the last one whose comment fits the file), and
    /// its ZIP64 record when a field is saturated.
    func centralDirectory() throws -> CentralDirectory {
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var at = bytes.count - 22
        while at >= lowest {
            if try u32(at) == Self.endSignature, at + 22 + Int(try u16(at + 20)) <= bytes.count { break }
            at -= 1
        }
        guard at >= lowest else { throw inconsistent("no end of central directory record") }
        var directory = CentralDirectory(offset: Int(try u32(at + 16)), size: Int(try u32(at + 12)), count: Int(try u16(at + 10)))
        if directory.count == 0xFFFF || directory.size == 0xFFFF_FFFF || directory.offset == 0xFFFF_FFFF {
            let locator = at - 20
            guard has(locator, 20), try u32(locator) == Self.zip64LocatorSignature else {
                throw inconsistent("a saturated end of central directory record without its ZIP64 record")
            }
            let record = try int64(locator + 8)
            guard try u32(record) == Self.zip64EndSignature else { throw inconsistent("no ZIP64 end of central directory record") }
            directory = CentralDirectory(offset: try int64(record + 48), size: try int64(record + 40), count: try int64(record + 32))
        }
        guard has(directory.offset, directory.size) else { throw inconsistent("the central directory lies outside the file") }
        return directory
    }

    func centralEntries(_ directory: CentralDirectory) throws -> [CentralEntry] {
        var entries: [CentralEntry] = []
        var at = directory.offset
        let end = directory.offset + directory.size
        while entries.count < directory.count {
            guard at + 46 <= end, try u32(at) == Self.centralSignature else {
                throw inconsistent("central directory entry \(entries.count + 1) of \(directory.count) is missing or damaged")
            }
            let nameLength = Int(try u16(at + 28)), extraLength = Int(try u16(at + 30)), commentLength = Int(try u16(at + 32))
            var entry = CentralEntry(name: try slice(at + 46, nameLength), flags: try u16(at + 8), method: try u16(at + 10),
                                     crc: try u32(at + 16), compressedSize: Int(try u32(at + 20)), size: Int(try u32(at + 24)),
                                     localOffset: Int(try u32(at + 42)))
            // ZIP64 extra field: the saturated fields follow in this order.
            if entry.size == 0xFFFF_FFFF || entry.compressedSize == 0xFFFF_FFFF || entry.localOffset == 0xFFFF_FFFF {
                guard var field = try zip64Field(at + 46 + nameLength, extraLength) else {
                    throw inconsistent("entry '\(entry.displayName)' has saturated sizes and no ZIP64 field", part: entry.displayName)
                }
                if entry.size == 0xFFFF_FFFF { entry.size = try int64(field); field += 8 }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try int64(field); field += 8 }
                if entry.localOffset == 0xFFFF_FFFF { entry.localOffset = try int64(field) }
            }
            entries.append(entry)
            at += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// The offset of the data of the ZIP64 extra field (id 1) among the extra fields at `at`.
    func zip64Field(_ at: Int, _ length: Int) throws -> Int? {
        var field = at
        while field + 4 <= at + length {
            let id = try u16(field), size = Int(try u16(field + 2))
            if id == 1 { return field + 4 }
            field += 4 + size
        }
        return nil
    }

    /// Compares the local header with the central entry; returns where the entry's data ends.
    func checkLocalHeader(of entry: CentralEntry) throws -> Int {
        let at = entry.localOffset, name = entry.displayName
        guard has(at, 30), try u32(at) == Self.localSignature else {
            throw inconsistent("entry '\(name)' has no local header at byte \(at)", part: name)
        }
        let nameLength = Int(try u16(at + 26)), extraLength = Int(try u16(at + 28))
        let localName = try slice(at + 30, nameLength)
        if localName != entry.name {
            throw inconsistent("entry '\(name)' is named '\(String(decoding: localName, as: UTF8.self))' in its local header", part: name)
        }
        let flags = try u16(at + 6), method = try u16(at + 8)
        if method != entry.method {
            throw inconsistent("entry '\(name)' is compressed with method \(entry.method) in the central directory and \(method) in its local header", part: name)
        }
        if flags & Self.encryptedFlag != entry.flags & Self.encryptedFlag {
            throw inconsistent("entry '\(name)' is encrypted in one header and not in the other", part: name)
        }
        let crc = try u32(at + 14)
        var compressedSize = Int(try u32(at + 18)), size = Int(try u32(at + 22))
        if size == 0xFFFF_FFFF || compressedSize == 0xFFFF_FFFF, let field = try zip64Field(at + 30 + nameLength, extraLength) {
            size = try int64(field)
            compressedSize = try int64(field + 8)
        }
        // With a data descriptor the CRC and sizes follow the data; the local header may leave
        // each of them zero (Info-ZIP's `zip -fd` fills in the CRC and size, not the compressed size).
        let deferred = flags & Self.descriptorFlag != 0
        func differs<T: BinaryInteger>(_ local: T, _ central: T) -> Bool { local != central && !(deferred && local == 0) }
        if differs(size, entry.size) || differs(compressedSize, entry.compressedSize) {
            throw inconsistent("entry '\(name)' declares \(entry.size) bytes (\(entry.compressedSize) compressed) in the central directory and \(size) (\(compressedSize)) in its local header", part: name)
        }
        if differs(crc, entry.crc) {
            throw inconsistent("entry '\(name)' has CRC \(hex(entry.crc)) in the central directory and \(hex(crc)) in its local header", part: name)
        }
        let dataEnd = at + 30 + nameLength + extraLength + entry.compressedSize
        guard dataEnd <= bytes.count else { throw inconsistent("entry '\(name)' runs past the end of the file", part: name) }
        return dataEnd
    }

    /// Bytes no entry claims (usually none, or data descriptors): a local header there with
    /// the name of a listed entry, or of an earlier such header, is a second copy of it.
    func checkGap(_ range: Range<Int>, names: inout Set<[UInt8]>) throws {
        var at = range.lowerBound
        while at + 30 <= range.upperBound {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4b, try u32(at) == Self.localSignature {
                let name = try slice(at + 30, Int(try u16(at + 26)))
                if !names.insert(name).inserted {
                    let text = String(decoding: name, as: UTF8.self)
                    throw DocFillError("duplicate_entry", "entry '\(text)' has a second local header at byte \(at) that the central directory does not list",
                                       at: SourceLocation(file: file, part: text))
                }
            }
            at += 1
        }
    }

    func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
