import DocFill
import Foundation
import OfficialReport

/// The pages' reads and writes of data files, on the library's `Workspace`.
extension ServerState {
    /// A data file as the form shows it: the merged value (`extends` applied), its version,
    /// the id of the file it extends.
    struct LoadedFile: Sendable {
        var value: Value
        var version: String
        var extends: String?
    }

    func loadData(_ id: String) throws -> LoadedFile {
        let loaded = try workspace.load(id)
        return LoadedFile(value: loaded.data.value, version: loaded.version, extends: entry(id)?.extends)
    }

    /// An edited, unsaved value of the data file `id`, as a check reads it: named by the
    /// file's path, so the pictures it names are read from beside the file as the saved
    /// file's are (and messages name the file by its id, `Workspace.named`).
    func editedSource(_ value: Value, _ id: String) throws -> DataSource {
        .value(value, name: try workspace.path(of: id))
    }

    /// The data file's listing: what it extends, the templates it goes with.
    func entry(_ id: String) -> Workspace.DataEntry? { workspace.dataFiles().first { $0.id == id } }

    /// The templates a data file goes with (`Workspace`'s pairing rule).
    func templates(for id: String) -> [String] { entry(id)?.templates ?? [] }

    /// Saves an edited value if the file is still at `ifVersion` (`stale_form` otherwise).
    func saveData(_ id: String, value: Value, ifVersion: String) throws -> String {
        try workspace.save(id, value: value, ifVersion: ifVersion)
    }

    /// Next year's file of the report `id`, beside it: its name with the year after the
    /// report's in place of the report's year (`pho-hoa-2023.yaml` → `pho-hoa-2024.yaml`),
    /// else `-next` added; a name already taken gets `-2`, `-3`…
    func nextYear(_ id: String) throws -> String {
        let file = try loadData(id)
        let year = file.value["date"]?.scalarText.flatMap { VietnameseFormat.parseDate($0)?.year }
        let stem = (id as NSString).deletingPathExtension
        var newStem = stem + "-next"
        if let year, stem.contains(String(year)) { newStem = stem.replacingOccurrences(of: String(year), with: String(year + 1)) }
        let taken = Set(workspace.dataFiles().map(\.id))
        var candidate = newStem + ".yaml"
        var n = 2
        while taken.contains(candidate) { candidate = "\(newStem)-\(n).yaml"; n += 1 }
        return try workspace.nextYear(id, as: candidate, model: OfficialReportModel()).written
    }
}
