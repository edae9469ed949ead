import Foundation
import Testing
@testable import DocFill
import OfficialReport

/// The Party report from the sample shows the seed's italic passages as italic runs, and no
/// markup is printed as text, in DOCX and ODT.
struct ReportRichTextTests {
    @Test(arguments: ["bao-cao-dang-uy.docx", "bao-cao-dang-uy.odt"])
    func seedItalicsAreItalicRuns(_ name: String) throws {
        let out = try ReportTemplateTests.render(name)
        let isDOCX = name.hasSuffix(".docx")
        let xml = try ImageTests.text(out, isDOCX ? "word/document.xml" : "content.xml")
        let italic = isDOCX
            ? #"<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*<w:i/>(?:(?!</w:rPr>).)*</w:rPr>)<w:t xml:space="preserve">([^<]*)</w:t>"#
            : #"<text:span text:style-name="DocFill_i">([^<]*)</text:span>"#
        let runs = Set(TestPackage.matches(italic, in: xml))
        for passage in ["Dân vận khéo", "Đảng lãnh đạo, Nhà nước quản lý, Nhân dân làm chủ",
                        "về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới"] {
            #expect(runs.contains(passage), "\(name): no italic run '\(passage)'")
        }
        // No markup printed: no star by a word (the Party header's separator is a lone `*`) and no HTML tag.
        let reader = try ZipReader(TemplateBytes([UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))), file: out, limits: ArchiveLimits())
        let lines = try (isDOCX ? DOCXPackage() as any FormatPackage : ODTPackage()).documentLines(reader)
        let text = lines.joined(separator: "\n")
        #expect(text.range(of: #"\*\S|\S\*"#, options: .regularExpression) == nil)
        #expect(text.contains("HÒA * Số"))
        #expect(!text.contains("<i>") && !text.contains("&lt;i&gt;"))
        #expect(text.contains("Công văn về chỉ đạo đăng ký mô hình “ Dân vận khéo ” năm 2023"))
    }
}
