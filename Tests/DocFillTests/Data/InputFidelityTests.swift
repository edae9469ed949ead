import Foundation
import Testing
@testable import DocFill

/// Issue 16, items 10 and 11: inputs that used to give a silently wrong result are refused
/// with a code, and valid inputs that used to be refused are accepted.
struct InputFidelityTests {
    static func loadError(_ text: String, _ format: DataLoader.Format, file: String) -> DocFillError? {
        do { _ = try DataLoader.load(bytes: Array(text.utf8), format: format, file: file); return nil }
        catch let error as DocFillError { return error } catch { return nil }
    }

    @Test func duplicateKeysAreRefusedWithBothPlaces() {
        let json = Self.loadError("{\"n\": 1,\n \"m\": {\"a\": 1}, \"n\": 3}", .json, file: "d.json")
        #expect(json?.description == "d.json:2:17: error[duplicate_key]: the key 'n' appears twice in one object (first at line 1, column 2); keep one")
        let yaml = Self.loadError("m:\n  a: 1\n  b: 2\n  a: 3\n", .yaml, file: "d.yaml")
        #expect(yaml?.description == "d.yaml:4:3: error[duplicate_key]: the key 'a' appears twice in one object (first at line 2, column 3); keep one")
        // Merge keys are not duplicates: explicit keys win over merged ones.
        #expect(Self.loadError("base: &b {a: 1}\nm:\n  <<: *b\n  a: 2\n", .yaml, file: "m.yaml") == nil)
    }

    @Test func integersBeyondInt64KeepTheirDigits() throws {
        let template = try TextTemplate("{{big}} {{negative}} {{small}}")
        for (text, format) in [("{\"big\": 123456789012345678901234567890, \"negative\": -99999999999999999999, \"small\": 7}", DataLoader.Format.json),
                               ("big: 123456789012345678901234567890\nnegative: -99999999999999999999\nsmall: 7\n", .yaml)] {
            let value = try DataLoader.load(bytes: Array(text.utf8), format: format, file: "n")
            #expect(try template.render(value) == "123456789012345678901234567890 -99999999999999999999 7")
        }
    }

    @Test func yamlWithAByteOrderMarkLoads() throws {
        let value = try DataLoader.load(bytes: [0xEF, 0xBB, 0xBF] + Array("title: Báo cáo\n".utf8), format: .yaml, file: "b.yaml")
        #expect(value == .object(["title": .text("Báo cáo")]))
    }

    /// A part, or a whole flat document, in UTF-16 with its declaration renders as in UTF-8.
    @Test func utf16PartsAndFlatDocumentsRender() throws {
        let dir = TestPaths.scratch()
        let data = try FixtureRenderTests.data("variables")
        let script = """
            import sys, zipfile
            src, out = sys.argv[1], sys.argv[2]
            z = zipfile.ZipFile(src)
            with zipfile.ZipFile(out + "/utf16.docx", "w", zipfile.ZIP_DEFLATED) as w:
                for i in z.infolist():
                    d = z.read(i.filename)
                    if i.filename == "word/document.xml":
                        d = ("\\ufeff" + d.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)).encode("utf-16-le")
                    w.writestr(i.filename, d)
            flat = open(sys.argv[3], encoding="utf-8").read().replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
            open(out + "/le.fodt", "wb").write(("\\ufeff" + flat).encode("utf-16-le"))
            open(out + "/be-no-extension", "wb").write(flat.encode("utf-16-be"))
            """
        #expect(run("/usr/bin/env", ["python3", "-c", script, TestPaths.fixture("variables.docx"), dir.path, TestPaths.fixture("variables.fodt")]) == 0)
        for (name, reference, ext) in [("utf16.docx", "variables.docx", "docx"), ("le.fodt", "variables.fodt", "fodt"),
                                       ("be-no-extension", "variables.fodt", "fodt")] {
            let path = dir.appendingPathComponent(name).path
            #expect(try TemplateKind.of(path) == .document)
            let out = dir.appendingPathComponent("out-\(name).\(ext)").path
            try DocumentTemplate(contentsOf: path).render(data, to: out)
            let expected = dir.appendingPathComponent("expected-\(name).\(ext)").path
            try DocumentTemplate(contentsOf: TestPaths.fixture(reference)).render(data, to: expected)
            #expect(try DocumentText.extract(out) == DocumentText.extract(expected), "\(name)")
        }
    }

    // MARK: - Pictures

    static func chunk(_ type: String, _ data: [UInt8], crc: Bool = true) -> [UInt8] {
        let body = Array(type.utf8) + data
        let sum = crc ? CRC32.checksum(body[...]) : 0
        return be(UInt32(data.count)) + body + be(sum)
    }

    static func be(_ n: UInt32) -> [UInt8] { [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] }

    static func png(width: UInt32, height: UInt32, crc: Bool = true, data: Bool = true) -> String {
        let ihdr = be(width) + be(height) + [8, 2, 0, 0, 0]
        let bytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr, crc: crc)
            + (data ? chunk("IDAT", [0x78, 0x9C, 0x63, 0, 0, 0, 1, 0, 1]) : []) + chunk("IEND", [])
        return "data:image/png;base64," + Data(bytes).base64EncodedString()
    }

    static func codes(_ logo: Value) throws -> [String] {
        do { try ImageTests.render("docx", try ImageTests.data(["logo": logo])); return [] }
        catch let error as DocFillError { return error.diagnostics.map(\.code) }
    }

    @Test func picturesThatWouldBeNothingOrAreDamagedAreRefused() throws {
        #expect(try Self.codes(.string(Self.png(width: 2, height: 2))) == [])
        // 10⁹ × 10 pixels fitted in the box: 10 pixels round to 0 EMU.
        #expect(try Self.codes(.string(Self.png(width: 1_000_000_000, height: 10))) == ["image_size"])
        #expect(try Self.codes(.object(["src": .string("images/red.png"), "width_mm": .double(1e-300)])) == ["image_size"])
        #expect(try Self.codes(.object(["src": .string("images/red.png"), "width_mm": .double(0.001), "height_mm": .int(5)])) == ["image_size"])
        #expect(try Self.codes(.string(Self.png(width: 2, height: 2, crc: false))) == ["image_invalid"])
        #expect(try Self.codes(.string(Self.png(width: 2, height: 2, data: false))) == ["image_invalid"])
        #expect(try Self.codes(.string(Self.png(width: 0x8000_0000, height: 2))) == ["image_invalid"])
        // A JPEG whose frame header is cut short.
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 8, 0, 8, 0, 16, 3]
        #expect(try Self.codes(.string("data:image/jpeg;base64," + Data(jpeg).base64EncodedString())) == ["image_invalid"])
    }

    // MARK: - ODF manifest

    static func odtWithManifest(_ edit: String) throws -> String {
        let dir = TestPaths.scratch()
        let out = dir.appendingPathComponent("t.odt").path
        let script = """
            import sys, zipfile
            src, out, edit = sys.argv[1], sys.argv[2], sys.argv[3]
            z = zipfile.ZipFile(src)
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
                for i in z.infolist():
                    d = z.read(i.filename)
                    if i.filename == "META-INF/manifest.xml":
                        t = d.decode()
                        if edit == "encrypted":
                            at = t.index('manifest:full-path="content.xml"')
                            end = t.index("/>", at)
                            t = t[:end] + '><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/></manifest:encryption-data></manifest:file-entry>' + t[end + 2:]
                        else:
                            t = t.replace("?>", '?><!DOCTYPE manifest:manifest [<!ENTITY x "y">]>', 1)
                        d = t.encode()
                    w.writestr(i, d, compress_type=i.compress_type)
            """
        #expect(run("/usr/bin/env", ["python3", "-c", script, TestPaths.fixture("variables.odt"), out, edit]) == 0)
        return out
    }

    @Test(arguments: [("encrypted", "encrypted_entry"), ("doctype", "xml_doctype")])
    func manifestIsCheckedWhenCompiling(_ edit: String, _ code: String) throws {
        let path = try Self.odtWithManifest(edit)
        let error = #expect(throws: DocFillError.self) { try DocumentTemplate(contentsOf: path) }
        #expect(error?.code == code, "\(error?.description ?? "")")
        #expect(error?.diagnostics.first?.location.part == "META-INF/manifest.xml")
    }
}
