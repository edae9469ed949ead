// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "DocFill",
    // macOS 14: Hummingbird 2 needs it (the server target); Linux is unaffected.
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "DocFill", targets: ["DocFill"]),
        .library(name: "OfficialReport", targets: ["OfficialReport"]),
        .library(name: "DocFillServer", targets: ["DocFillServer"]),
        .executable(name: "docfill", targets: ["docfill"]),
    ],
    dependencies: [
        // YAML data files (Yams is the YAML parser on this machine's package list).
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // CLI only; the library never depends on it.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Documentation only: `swift package generate-documentation` (scripts/docs.sh) comes from
        // this plugin; no target depends on it, so it adds nothing to the library or the CLI.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // `docfill serve` only (the DocFillServer target): the HTTP server and its page templates.
        // Without the ConfigurationSupport trait: the server reads no swift-configuration, and
        // that package is a minute of every clean build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        // Header names Hummingbird does not name itself (HTTPField.Name); Hummingbird depends on it too.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        // Server tests only, both already under Hummingbird: an embedded channel and a logger for the
        // request context when the tests call the application's responder in process (no socket).
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip",
                       providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .target(name: "DocFill",
                dependencies: ["CLibZip", "CLibXML2", .product(name: "Yams", package: "Yams")]),
        .target(name: "OfficialReport", dependencies: ["DocFill"]),
        // `docfill serve`: pages, JSON API and the workspace over HTTP; the library never depends on it.
        .target(name: "DocFillServer",
                dependencies: ["DocFill", "OfficialReport",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HummingbirdCore", package: "hummingbird"),
                               .product(name: "HTTPTypes", package: "swift-http-types"),
                               .product(name: "Mustache", package: "swift-mustache")],
                resources: [.copy("Resources")]),
        .executableTarget(name: "docfill",
                          dependencies: ["DocFill", "OfficialReport", "DocFillServer",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "docfill-bench", dependencies: ["DocFill", "OfficialReport"]),
        // The README's library example (ReportExampleTests runs it and compares its code with the README's).
        .executableTarget(name: "ReportExample", dependencies: ["DocFill", "OfficialReport"]),
        // libFuzzer targets (scripts/fuzz.sh builds them with -sanitize=fuzzer and
        // -D DOCFILL_FUZZING); an ordinary build makes them replay the files they are given.
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzTemplate", dependencies: ["DocFill", "FuzzSupport"]),
        .executableTarget(name: "FuzzArchive", dependencies: ["DocFill", "FuzzSupport"]),
        .executableTarget(name: "FuzzData", dependencies: ["DocFill", "OfficialReport", "FuzzSupport"]),
        .testTarget(name: "DocFillTests", dependencies: ["DocFill", "OfficialReport", "CLibXML2"],
                    exclude: ["FuzzSeeds", "FuzzRegressions", "Goldens", "Hostile/make-hostile.py"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "OfficialReportTests", dependencies: ["OfficialReport", "DocFill"]),
        .testTarget(name: "DocFillServerTests",
                    dependencies: ["DocFillServer", "DocFill", "OfficialReport",
                                   .product(name: "NIOEmbedded", package: "swift-nio"),
                                   .product(name: "Logging", package: "swift-log")]),
    ]
)
