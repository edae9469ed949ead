/// The English messages whose particulars a Vietnamese page shows translated, by code: the
/// ones a form shows beside its fields (the report model's findings, to-dos, a template's
/// missing names) and the workspace's own. Each form mirrors the sentence its code's source
/// writes; `DiagnosticMessagesTests` checks them on real diagnostics.
extension DiagnosticMessages {
    static let forms: [String: [Form]] = [
        "open_todo": [
            Form("{path}: still to do ({note}); enter the value, or render a draft with --draft",
                 "{path}: còn phải nhập ({note}); hãy nhập giá trị, hoặc in bản nháp để xem trước"),
            Form("{path}: still to do; enter the value, or render a draft with --draft",
                 "{path}: còn phải nhập; hãy nhập giá trị, hoặc in bản nháp để xem trước"),
            Form("{path}: still to do ({note}); shown as {shown} in the draft",
                 "{path}: còn phải nhập ({note}); bản nháp ghi {shown}"),
            Form("{path}: still to do; shown as {shown} in the draft", "{path}: còn phải nhập; bản nháp ghi {shown}"),
        ],
        "total_mismatch": [
            Form("{path}: appendix {n} \"{title}\", row \"{row}\", column \"{column}\": stated {stated} but the rows add up to {sum} ({terms}); "
                    + "confirm which is right: the page prints the computed figure, or the stated one with stated_totals: true",
                 "{path}: phụ lục {n} \"{title}\", dòng \"{row}\", cột \"{column}\": ghi {stated} nhưng cộng các dòng được {sum} ({terms}); "
                    + "hãy xác định số nào đúng: bản in dùng số cộng được, hoặc dùng số đã ghi nếu đặt stated_totals: true"),
        ],
        "percent_mismatch": [
            Form("{path}: appendix {n} \"{title}\", row \"{row}\", column \"{column}\": stated {stated} but the rows give {value} ({terms}); "
                    + "confirm which is right: the page prints the computed figure, or the stated one with stated_totals: true",
                 "{path}: phụ lục {n} \"{title}\", dòng \"{row}\", cột \"{column}\": ghi {stated} nhưng tính từ các dòng được {value} ({terms}); "
                    + "hãy xác định số nào đúng: bản in dùng số tính được, hoặc dùng số đã ghi nếu đặt stated_totals: true"),
            Form("{path}: appendix {n} \"{title}\", row \"{row}\", column \"{column}\": stated {stated} but {numerator} / {denominator} gives {value}",
                 "{path}: phụ lục {n} \"{title}\", dòng \"{row}\", cột \"{column}\": ghi {stated} nhưng {numerator} / {denominator} được {value}"),
        ],
        "blank_header": [
            Form("{path}: header row {r}, cell {c} of appendix {a} has no label: write the column's name",
                 "{path}: ô thứ {c} của dòng tiêu đề {r} trong phụ lục {a} chưa có tên; hãy ghi tên cột"),
        ],
        "missing_field": [Form("{path}: {what~} is empty", "{path}: chưa nhập {what~}")],
        "bad_number_symbol": [
            Form("{path}: number \"{number}\" must be digits, zero-padded to two (\"05\")",
                 "{path}: số văn bản \"{number}\" phải gồm chữ số, đủ hai chữ số (ví dụ \"05\")"),
            Form("{path}: {kind~} symbol \"{symbol}\" should look like {expected}",
                 "{path}: ký hiệu \"{symbol}\" của văn bản {kind~} cần có dạng {expected}"),
        ],
        "bad_date": [
            Form("{path}: date \"{date}\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)",
                 "{path}: ngày \"{date}\" không hợp lệ (ghi theo dạng dd/mm/yyyy hoặc yyyy-mm-dd)"),
            Form("{path}: the period ends ({to}) before it starts ({from})",
                 "{path}: kỳ báo cáo kết thúc ({to}) trước ngày bắt đầu ({from})"),
        ],
        "bad_authority": [
            Form("{path}: \"{authority}\" uses the {other~} form; {kind~} documents use {forms}",
                 "{path}: \"{authority}\" là thể thức của văn bản {other~}; văn bản {kind~} dùng {forms}"),
        ],
        "bad_header": [
            Form("{path}: header row {r} covers {n} of {width} columns", "{path}: dòng tiêu đề {r} phủ {n} trên {width} cột"),
            Form("{path}: header row {r}, column {c}: cells overlap", "{path}: dòng tiêu đề {r}, cột {c}: các ô chồng lên nhau"),
        ],
        "row_width_mismatch": [
            Form("{path}: row \"{label}\" has {n} cells; the header has {width} data columns",
                 "{path}: dòng \"{label}\" có {n} ô, trong khi tiêu đề có {width} cột số liệu"),
            Form("{path}: stated total has {n} cells; the header has {width} data columns",
                 "{path}: dòng tổng cộng có {n} ô, trong khi tiêu đề có {width} cột số liệu"),
        ],
        "bad_total_config": [
            Form("{path}: column {c} is outside 0..<{width}", "{path}: cột {c} nằm ngoài bảng (bảng có {width} cột, đánh số từ 0)"),
        ],
        "kind_mismatch": [
            Form("{path}: the data is a {kind~} report but the template is written for a {template~} report (its docfill.model is official-report:{declared}); "
                    + "render it with the {kind2~} template, or correct kind",
                 "{path}: dữ liệu là báo cáo {kind~} nhưng mẫu dành cho báo cáo {template~}; hãy dùng mẫu báo cáo {kind2~}, hoặc sửa loại báo cáo (kind)"),
        ],
        "appendix_not_referenced": [
            Form("{path}: the body does not point to {label} (NĐ 30/2020: write \"… tại {label2} kèm theo\" where its figures are discussed)",
                 "{path}: nội dung báo cáo chưa dẫn chiếu tới {label} (theo NĐ 30/2020, ghi \"… tại {label2} kèm theo\" ở chỗ nêu các số liệu đó)"),
        ],
        "stale_year": [
            Form("{path}: mentions {years}, a year of the previous report's period, in a report for {own}: \"{text}\"",
                 "{path}: còn nhắc tới {years}, năm thuộc kỳ báo cáo trước, trong báo cáo năm {own}: \"{text}\""),
            Form("{path}: the date {date} is the one of the file this extends; roll it forward",
                 "{path}: ngày {date} trùng với ngày của báo cáo được kế thừa; hãy sửa sang ngày của kỳ này"),
        ],
        "unknown_name": [
            Form("'{tag}': no '{name}' in the data; did you mean '{suggestion}'?",
                 "'{tag}': dữ liệu không có '{name}'; có phải là '{suggestion}'?"),
            Form("'{tag}': no '{name}' in the data", "'{tag}': dữ liệu không có '{name}'"),
            Form("'{tag}': no '{name}' in '{path}'; did you mean '{suggestion}'?",
                 "'{tag}': '{path}' không có '{name}'; có phải là '{suggestion}'?"),
            Form("'{tag}': no '{name}' in '{path}'", "'{tag}': '{path}' không có '{name}'"),
        ],
        "unused_key": [
            Form("'{key}' is in the data but no tag reads it", "'{key}' có trong dữ liệu nhưng mẫu không dùng đến"),
            Form("'{key}' is not a key of the official report model; it is ignored",
                 "'{key}' không thuộc mẫu dữ liệu báo cáo nên không được dùng"),
        ],
        "filter_error": [
            Form("'{tag}': filter '{filter}' expects a number, got '{value}'", "'{tag}': bộ lọc '{filter}' cần một số, nhưng giá trị là '{value}'"),
            Form("'{tag}': filter '{filter}' expects a number, got a {kind~}", "'{tag}': bộ lọc '{filter}' cần một số, nhưng giá trị là {kind~}"),
            Form("'{tag}': filter '{filter}' expects text, got a {kind~}", "'{tag}': bộ lọc '{filter}' cần văn bản, nhưng giá trị là {kind~}"),
            Form("'{tag}': filter '{filter}' '{value}' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)",
                 "'{tag}': bộ lọc '{filter}': '{value}' không phải ngày tháng (cần dạng dd/mm/yyyy hoặc yyyy-mm-dd)"),
            Form("'{tag}': filter '{filter}' '{value}' is not a date", "'{tag}': bộ lọc '{filter}': '{value}' không phải ngày tháng"),
        ],
        "invalid_id": [
            Form("'{id}' is not a workspace name: a name is a file name of letters, digits, '.', '-' and '_' ending in .docx, .odt, .fodt, .yaml, .yml or .json, never a path",
                 "'{id}' không phải tên tệp hợp lệ: tên tệp chỉ gồm chữ cái không dấu, chữ số và các dấu '.', '-', '_', "
                    + "có đuôi .docx, .odt, .fodt, .yaml, .yml hoặc .json, không phải đường dẫn"),
        ],
        "unknown_id": [
            Form("the workspace has no file named '{id}'", "thư mục làm việc không có tệp '{id}'"),
        ],
        "outside_workspace": [
            Form("'{id}' is a link to a file outside the workspace; it is not read",
                 "'{id}' trỏ tới một tệp nằm ngoài thư mục làm việc nên không được đọc"),
            Form("extends '{base}', which is outside the workspace; a base must be a file of the workspace",
                 "tệp kế thừa '{base}' nằm ngoài thư mục làm việc; tệp gốc phải là một tệp trong thư mục làm việc"),
        ],
        "stale_form": [
            Form("'{id}' was changed since this form was opened (someone else saved it); reload it and make your change again, nothing was saved",
                 "'{id}' đã được người khác lưu sau khi bạn mở biểu mẫu; thay đổi của bạn chưa được lưu. Hãy tải lại biểu mẫu và nhập lại"),
        ],
        "unpatchable_change": [
            Form("{path}: the change cannot be written over the base file: an item removed from (or moved in) a list merged by 'id' would come back; "
                    + "make the change in the base file, or save this file without 'extends'",
                 "{path}: không ghi được thay đổi so với tệp gốc: mục bị xóa (hoặc đổi chỗ) trong danh sách ghép theo 'id' sẽ xuất hiện lại; "
                    + "hãy sửa ở tệp gốc, hoặc lưu tệp này không kế thừa (bỏ 'extends')"),
            Form("the change cannot be written over the base file: an item removed from (or moved in) a list merged by 'id' would come back; "
                    + "make the change in the base file, or save this file without 'extends'",
                 "không ghi được thay đổi so với tệp gốc: mục bị xóa (hoặc đổi chỗ) trong danh sách ghép theo 'id' sẽ xuất hiện lại; "
                    + "hãy sửa ở tệp gốc, hoặc lưu tệp này không kế thừa (bỏ 'extends')"),
        ],
    ]

    /// The English words some slots hold, and how a Vietnamese page says them.
    static let terms: [String: String] = [
        "party": "Đảng", "state": "Nhà nước",
        // Value kinds (`Value.kindName`).
        "null": "rỗng", "boolean": "giá trị đúng/sai", "number": "một số", "string": "văn bản", "list": "một danh sách",
        "object": "một nhóm giá trị", "rich text": "văn bản có định dạng",
        "issuing body name": "tên cơ quan ban hành",
        "superior Party body": "tên cấp ủy cấp trên",
        "document type (BÁO CÁO)": "tên loại văn bản (BÁO CÁO)",
        "trích yếu (subject line)": "trích yếu",
        "place of the date line": "địa danh ở dòng ngày tháng",
        "signing authority": "thẩm quyền ký",
        "signer's title": "chức vụ người ký",
        "signer's name": "họ tên người ký",
        "part title": "tiêu đề phần",
        "section title": "tiêu đề mục",
        "appendix title": "tên phụ lục",
        "appendix header": "tiêu đề bảng phụ lục",
    ]
}
