import Testing
@testable import DocFill

/// The tag scanner: each piece of markup once, in order, with its name; what is not markup
/// (text, comments, CDATA, quoted attribute values) never mistaken for it.
struct XMLScannerTests {
    /// The tags of `xml` as "kind name" strings; nil when the scan fails.
    static func tags(_ xml: String) -> [String]? {
        let bytes = Array(xml.utf8)
        var found: [String] = []
        let ok = bytes.withUnsafeBufferPointer { buffer in
            XMLScanner.scan(buffer) { tag in
                found.append("\(tag.kind) \(String(decoding: buffer[tag.name], as: UTF8.self))")
                return true
            }
        }
        return ok ? found : nil
    }

    @Test func eachTagOnceInOrder() {
        #expect(Self.tags("<?xml version=\"1.0\"?><w:tbl a=\"1\"><w:tr><w:tc/><?docfill-col 2?></w:tr></w:tbl>")
                == ["start w:tbl", "start w:tr", "empty w:tc", "instruction docfill-col", "end w:tr", "end w:tbl"])
    }

    @Test func markupInsideValuesCommentsAndCDATAIsNotATag() {
        let xml = "<a x=\"1 > 0 <b>\" y='/>'><!-- <c> --><![CDATA[<d>]]>text &lt;e&gt;</a>"
        #expect(Self.tags(xml) == ["start a", "end a"])
    }

    @Test func whereItStartsAndEnds() {
        let bytes = Array("ab<x y=\"2\">t</x>".utf8)
        var ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            _ = XMLScanner.scan(buffer) { ranges.append($0.start..<$0.end); return true }
        }
        #expect(ranges == [2..<11, 12..<16])
    }

    @Test func bytesEndingInsideMarkupFail() {
        for cut in ["<a", "<a x=\">\"", "<!-- x", "<?pi", "</a", "<![CDATA[ x"] {
            #expect(Self.tags(cut) == nil, "\(cut)")
        }
    }

    @Test func theBodyCanStopTheScan() {
        let bytes = Array("<a><b/><c/></a>".utf8)
        var seen = 0
        let ok = bytes.withUnsafeBufferPointer { buffer in XMLScanner.scan(buffer) { _ in seen += 1; return seen < 2 } }
        #expect(ok && seen == 2)
    }
}
