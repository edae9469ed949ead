/// The version of DocFill (the library and the `docfill` tool), in one place.
public enum DocFillVersion {
    /// The version as `major.minor.patch`, printed by `docfill --version` and recorded in outputs' metadata checks.
    public static let string = "0.3.0"
}
