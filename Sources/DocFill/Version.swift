/// The version of DocFill (the library and the `docfill` tool), in one place.
public enum DocFillVersion {
    public static let string = "0.3.0"
}
