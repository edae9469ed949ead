// Not `DocFillVersion`: the compiler leaves `<Module>Version…` names out of symbol graphs (it
// takes them for the generated version constants), so DocC would not document it.

/// The version of DocFill (the library and the `docfill` tool), in one place.
public enum ReleaseVersion {
    /// The version as `major.minor.patch`, printed by `docfill --version`.
    public static let string = "0.3.0"
}
