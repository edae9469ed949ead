import DocFill
import Foundation
import OfficialReport

// TEMPORARY until the library's `Workspace` (workspace21) is merged: reading a data file with
// its version, and saving it only if the version is unchanged. Replaced by
// `Workspace.load/save/nextYear` then; the pages call only these three.

extension ServerState {
    /// A data file as the form shows it: the merged value (`extends` applied), its version.
    struct LoadedFile: Sendable {
        var value: Value
        var version: String
        var path: String
        var extends: String?
    }

    func loadData(_ id: String) throws -> LoadedFile {
        let path = try catalog.path(of: id, .data)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let loaded = try DataLoader.loadDocument(contentsOf: path, limits: dataLimits)
        let top = try? DataLoader.load(bytes: [UInt8](bytes), format: path.hasSuffix(".json") ? .json : .yaml, file: id)
        return LoadedFile(value: loaded.value, version: Self.version(of: bytes), path: path, extends: top?["extends"]?.scalarText)
    }

    func saveData(_ id: String, value: Value, ifVersion: String) throws -> String {
        let file = try loadData(id)
        guard file.version == ifVersion else {
            throw ServerError(.conflict, "stale_form", "\(id) was saved by someone else after this form was opened")
        }
        guard file.extends == nil else {
            throw ServerError(.notImplemented, "io_error", "saving a file that extends another needs the workspace library")
        }
        let text = file.path.hasSuffix(".json") ? String(decoding: value.jsonBytes(pretty: true) + [0x0A], as: UTF8.self)
                                                : YAMLWriter().write(value)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file.path), options: .atomic)
        return Self.version(of: Data(text.utf8))
    }

    static func version(of bytes: Data) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
        return String(hash, radix: 16)
    }
}

extension ServerState {
    /// The templates a data file goes with: those declaring the model its data is written for
    /// (an official report of its kind), else those of the same name.
    func templates(for id: String) -> [String] {
        let value = try? loadData(id).value
        let kind = value?["kind"]?.scalarText
        let all = catalog.list(.template)
        let byModel = all.filter { name in
            guard let declared = (try? template(name))?.declaredModel?.value else { return false }
            return kind != nil && (declared == "official-report:\(kind!)" || declared == "official-report")
        }
        if !byModel.isEmpty { return byModel }
        let stem = (id as NSString).deletingPathExtension
        return all.filter { ($0 as NSString).deletingPathExtension == stem }
    }
}

extension ServerState {
    /// Next year's file of the report `id`, beside it: its name with the year after the
    /// report's in place of the report's year (`pho-hoa-2023.yaml` → `pho-hoa-2024.yaml`),
    /// else `-next` added; a name already taken gets `-2`, `-3`…
    func nextYear(_ id: String) throws -> String {
        let file = try loadData(id)
        let year = file.value["date"]?.scalarText.flatMap { VietnameseFormat.parseDate($0)?.year }
        let stem = (id as NSString).deletingPathExtension
        var newStem = stem + "-next"
        if let year, stem.contains(String(year)) { newStem = stem.replacingOccurrences(of: String(year), with: String(year + 1)) }
        let folder = URL(fileURLWithPath: file.path).deletingLastPathComponent()
        var candidate = newStem + ".yaml"
        var n = 2
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent(candidate).path) || catalog.list(.data).contains(candidate) {
            candidate = "\(newStem)-\(n).yaml"; n += 1
        }
        _ = try NextYearJob(data: file.path, output: folder.appendingPathComponent(candidate).path, model: OfficialReportModel()).run()
        return candidate
    }
}
