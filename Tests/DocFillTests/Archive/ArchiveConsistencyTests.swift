import Foundation
import Testing
@testable import DocFill

/// Differences between an entry's local header and the central directory: the harmless ones
/// (timestamps, data descriptors, extra fields, versions) are opened as Word, LibreOffice,
/// unzip and Python open them; the ones that let two readers see two documents are refused
/// with their place. The archives are written here, byte by byte, from the parts of a fixture.
struct ArchiveConsistencyTests {
    /// The parts of `variables.docx`, in order.
    static let parts: [(name: String, data: [UInt8])] = {
        let bytes = try! [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("variables.docx"))))
        let reader = try! ZipReader(TemplateBytes(bytes), file: "variables.docx", limits: ArchiveLimits())
        return reader.entries.map { ($0.name, try! reader.read($0)) }
    }()

    static func render(_ archive: [UInt8], _ name: String = #function) throws -> String {
        let dir = TestPaths.scratch(name)
        let template = dir.appendingPathComponent("template.docx").path
        try Data(archive).write(to: URL(fileURLWithPath: template))
        let out = dir.appendingPathComponent("out.docx").path
        let data = jsonValue(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("variables.json")))))
        try DocumentTemplate(contentsOf: template).render(data, to: out)
        return try DocumentText.extract(out)
    }

    /// The refusal's line with the scratch folder cut off: `template.docx:…`; nil if it rendered.
    static func refusalLine(_ archive: [UInt8], _ name: String = #function) -> String? {
        do { _ = try render(archive, name); return nil } catch {
            let line = "\(error)"
            guard let range = line.range(of: "template.docx") else { return line }
            return String(line[range.lowerBound...])
        }
    }

    @Test func aLocalTimestampTwoSecondsOffIsHarmless() throws {
        var zip = TestZip(Self.parts)
        zip.entries[zip.index("word/document.xml")].localTime &+= 1   // DOS time counts 2 s
        #expect(try Self.render(zip.bytes()).contains("Customer: Nguyễn Văn An (Hà Nội)"))
    }

    @Test func dataDescriptorsAreHarmless() throws {
        var zip = TestZip(Self.parts)
        for i in zip.entries.indices { zip.entries[i].descriptor = true }
        #expect(try Self.render(zip.bytes()).contains("Customer: Nguyễn Văn An (Hà Nội)"))
    }

    @Test func otherExtraFieldsAndVersionsAreHarmless() throws {
        var zip = TestZip(Self.parts)
        for i in zip.entries.indices {
            zip.entries[i].localExtra = [0x55, 0x54, 5, 0, 1, 0x10, 0x20, 0x30, 0x40]   // extended timestamp
            zip.entries[i].versionMadeBy = 0x031E                                    // Unix, 3.0
        }
        #expect(try Self.render(zip.bytes()).contains("Customer: Nguyễn Văn An (Hà Nội)"))
    }

    /// Info-ZIP's `zip -fd` writes a data descriptor after every entry.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zip") && FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip")))
    func anInfoZipArchiveWithDataDescriptorsOpens() throws {
        let dir = TestPaths.scratch()
        let unpacked = dir.appendingPathComponent("parts")
        #expect(run("/usr/bin/unzip", ["-q", TestPaths.fixture("variables.docx"), "-d", unpacked.path]) == 0)
        let archive = dir.appendingPathComponent("fd.docx").path
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
        zip.currentDirectoryURL = unpacked
        zip.arguments = ["-q", "-X", "-fd", "-r", archive, "[Content_Types].xml", "."]
        try zip.run(); zip.waitUntilExit()
        #expect(zip.terminationStatus == 0)
        #expect(try Self.render([UInt8](Data(contentsOf: URL(fileURLWithPath: archive)))).contains("Customer: Nguyễn Văn An (Hà Nội)"))
    }

    @Test func aLocalHeaderWithAnotherNameIsRefused() {
        var zip = TestZip(Self.parts)
        zip.entries[zip.index("word/document.xml")].localName = "word/documenX.xml"
        #expect(Self.refusalLine(zip.bytes()) == "template.docx:word/document.xml: error[inconsistent_archive]: entry 'word/document.xml' is named 'word/documenX.xml' in its local header")
    }

    @Test func aLocalHeaderWithAnotherSizeIsRefused() {
        var zip = TestZip(Self.parts)
        let i = zip.index("word/document.xml")
        let size = zip.entries[i].data.count
        zip.entries[i].localSize = UInt32(size - 1)
        #expect(Self.refusalLine(zip.bytes()) == "template.docx:word/document.xml: error[inconsistent_archive]: entry 'word/document.xml' declares \(size) bytes (\(size) compressed) in the central directory and \(size - 1) (\(size)) in its local header")
    }

    @Test func aLocalHeaderWithAnotherCRCIsRefused() {
        var zip = TestZip(Self.parts)
        let i = zip.index("word/styles.xml")
        let crc = TestZip.crc32(zip.entries[i].data)
        zip.entries[i].localCRC = crc ^ 1
        #expect(Self.refusalLine(zip.bytes())?.hasPrefix("template.docx:word/styles.xml: error[inconsistent_archive]: entry 'word/styles.xml' has CRC 0x") == true)
    }

    @Test func aLocalHeaderWithAnotherMethodIsRefused() {
        var zip = TestZip(Self.parts)
        zip.entries[zip.index("word/styles.xml")].localMethod = 8
        #expect(Self.refusalLine(zip.bytes()) == "template.docx:word/styles.xml: error[inconsistent_archive]: entry 'word/styles.xml' is compressed with method 0 in the central directory and 8 in its local header")
    }

    /// A central directory entry pointing inside another entry's data (where a complete local
    /// header of its own sits): the bytes would belong to two entries.
    @Test func overlappingEntriesAreRefused() {
        var zip = TestZip(Self.parts)
        let inner = TestZip.Entry(name: "word/media/inner.bin", data: Array("inner".utf8))
        zip.entries.append(TestZip.Entry(name: "word/media/outer.bin", data: inner.localRecord()))
        zip.entries.append(inner)
        zip.entries[zip.entries.count - 1].nestedInPrevious = true
        #expect(Self.refusalLine(zip.bytes()) == "template.docx:word/media/inner.bin: error[inconsistent_archive]: entries 'word/media/outer.bin' and 'word/media/inner.bin' overlap at byte \(zip.offset(of: zip.entries.count - 1))")
    }

    /// A second local header of `word/document.xml`, before the listed one and not in the
    /// central directory: a reader walking the local headers would render that one.
    @Test func aHiddenSecondLocalHeaderOfAnEntryIsRefused() {
        var zip = TestZip(Self.parts)
        zip.prefix = TestZip.Entry(name: "word/document.xml", data: Array("<w:document/>".utf8)).localRecord()
        #expect(Self.refusalLine(zip.bytes()) == "template.docx:word/document.xml: error[duplicate_entry]: entry 'word/document.xml' has a second local header at byte 0 that the central directory does not list")
    }

    @Test func twoCentralEntriesOfOneNameAreRefused() {
        var zip = TestZip(Self.parts)
        zip.entries.append(TestZip.Entry(name: "word/document.xml", data: Array("<w:document/>".utf8)))
        #expect(Self.refusalLine(zip.bytes()) == "template.docx:word/document.xml: error[duplicate_entry]: entry 'word/document.xml' appears twice in the archive")
    }

    @Test func anEntryRunningIntoTheCentralDirectoryIsRefused() {
        var zip = TestZip(Self.parts)
        let i = zip.entries.count - 1
        zip.entries[i].compressedSizeExtra = 8
        let name = zip.entries[i].name
        #expect(Self.refusalLine(zip.bytes()) == "template.docx:\(name): error[inconsistent_archive]: entry '\(name)' runs into the central directory")
    }
}

/// A zip archive written field by field (stored entries), with knobs for every field a test
/// makes the local header and the central directory disagree on.
struct TestZip {
    struct Entry {
        var name: String
        var data: [UInt8]
        var localName: String?
        var localSize: UInt32?
        var localCRC: UInt32?
        var localMethod: UInt16?
        var localTime: UInt16 = 0
        var localExtra: [UInt8] = []
        var versionMadeBy: UInt16 = 20
        var descriptor = false
        var nestedInPrevious = false            // its local record lies inside the previous entry's data
        var compressedSizeExtra: UInt32 = 0         // declared in both headers, beyond the data

        /// Local header + data (+ data descriptor).
        func localRecord() -> [UInt8] {
            let crc = TestZip.crc32(data)
            var out: [UInt8] = []
            let name = Array((localName ?? self.name).utf8)
            out.le32(0x0403_4b50); out.le16(20); out.le16(descriptor ? 8 : 0); out.le16(localMethod ?? 0)
            out.le16(localTime); out.le16(0x21)                                 // 1980-01-01
            if descriptor { out.le32(0); out.le32(0); out.le32(0) }
            else { out.le32(localCRC ?? crc); out.le32(UInt32(data.count) + compressedSizeExtra); out.le32(localSize ?? UInt32(data.count)) }
            out.le16(UInt16(name.count)); out.le16(UInt16(localExtra.count))
            out += name + localExtra + data
            if descriptor { out.le32(0x0807_4b50); out.le32(crc); out.le32(UInt32(data.count)); out.le32(UInt32(data.count)) }
            return out
        }
    }

    var entries: [Entry]
    var prefix: [UInt8] = []

    init(_ parts: [(name: String, data: [UInt8])]) { entries = parts.map { Entry(name: $0.name, data: $0.data) } }

    func index(_ name: String) -> Int { entries.firstIndex { $0.name == name }! }

    /// Where each entry's local header is.
    func offsets() -> [Int] {
        var result: [Int] = [], at = prefix.count
        for (i, entry) in entries.enumerated() {
            if entry.nestedInPrevious, i > 0 {
                // Inside the previous entry's data, which holds this entry's local record.
                let previous = entries[i - 1]
                result.append(result[i - 1] + 30 + previous.name.utf8.count + previous.localExtra.count)
            } else {
                result.append(at)
                at += entry.localRecord().count
            }
        }
        return result
    }

    func offset(of index: Int) -> Int { offsets()[index] }

    func bytes() -> [UInt8] {
        var out = prefix
        for entry in entries where !entry.nestedInPrevious { out += entry.localRecord() }
        let directoryStart = out.count
        for (entry, offset) in zip(entries, offsets()) {
            let name = Array(entry.name.utf8)
            out.le32(0x0201_4b50); out.le16(entry.versionMadeBy); out.le16(20); out.le16(entry.descriptor ? 8 : 0)
            out.le16(0); out.le16(0); out.le16(0x21); out.le32(TestZip.crc32(entry.data))
            out.le32(UInt32(entry.data.count) + entry.compressedSizeExtra); out.le32(UInt32(entry.data.count))
            out.le16(UInt16(name.count)); out.le16(0); out.le16(0); out.le16(0); out.le16(0); out.le32(0)
            out.le32(UInt32(offset))
            out += name
        }
        let directorySize = out.count - directoryStart
        out.le32(0x0605_4b50); out.le16(0); out.le16(0)
        out.le16(UInt16(entries.count)); out.le16(UInt16(entries.count))
        out.le32(UInt32(directorySize)); out.le32(UInt32(directoryStart)); out.le16(0)
        return out
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

extension [UInt8] {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { le16(UInt16(v & 0xFFFF)); le16(UInt16(v >> 16)) }
}
