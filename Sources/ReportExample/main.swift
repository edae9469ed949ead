import DocFill
import Foundation
import OfficialReport

// Renders the Party report twice through the library alone: from a Report built in code,
// and from a YAML file the way `docfill render` does. Usage: ReportExample TEMPLATE DATA OUT-FOLDER
let arguments = CommandLine.arguments
let (templatePath, dataPath, folder) = (arguments[1], arguments[2], arguments[3])
do {
    let template = try DocumentTemplate(contentsOf: templatePath)    // compile once, render many times

    // 1. A report built in code renders directly: the template reads its view (number_line…).
    let report = Report(
        kind: .party, issuer: ReportIssuer(superior: "ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", nameLines: ["ĐẢNG ỦY PHƯỜNG PHỔ HÒA"]),
        number: "12", symbol: "BC/ĐU", place: "Phổ Hòa", date: "2024-12-20",
        subject: "tổng kết công tác dân vận năm 2024",
        parts: [ReportPart(title: "KẾT QUẢ THỰC HIỆN", sections: [
            ReportSection(title: "Công tác lãnh đạo", items: [.paragraph("Đảng ủy ban hành 04 kế hoạch.")])])],
        recipients: ["Ban Dân vận Thị ủy"], archive: "Lưu VP Đảng ủy",
        signature: ReportSignature(authority: "T/M ĐẢNG ỦY", title: "BÍ THƯ", name: "Nguyễn Văn A"))
    try template.render(report, to: folder + "/from-code.docx")

    // 2. A data file: extends, to-do marks and the model's checks, as `docfill render` does.
    let job = RenderJob(data: .file(dataPath), models: DataModels([OfficialReportModel()]))
    for warning in try job.render(template, to: folder + "/from-yaml.docx") { print(warning) }
} catch {
    print(error.localizedDescription)    // compiler-style lines: place: error[code]: message
    exit(1)
}
