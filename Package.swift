// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "tuoguan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tuoguan", targets: ["tuoguan"]),
        .library(name: "TuoguanCore", targets: ["TuoguanCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", exact: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", exact: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", exact: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
    ],
    targets: [
        // Pure values and computations: money, rules, the term computation. No I/O.
        .target(name: "TuoguanCore"),
        // Reads rules/*.toml into `PlanRules`, with FILE:LINE errors.
        .target(
            name: "TuoguanRules",
            dependencies: ["TuoguanCore", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // What an import reads, before the ledger: text decoding, CSV, .xlsx, the column vocabularies, typed
        // rows with FILE:LINE:COL errors. No database: the fuzz targets build it as a module of its own.
        .target(
            name: "TuoguanInput",
            dependencies: ["TuoguanCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The ledger: one SQLite file per school (GRDB), imports, the money journal, refunds.
        .target(
            name: "TuoguanStore",
            dependencies: [
                "TuoguanCore", "TuoguanInput",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // libxlsxwriter from the system (Debian libxlsxwriter-dev).
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // A small safe Swift layer over libxlsxwriter.
        .target(name: "TuoguanSpreadsheet", dependencies: ["CXLSXWriter"]),
        // The six workbooks.
        .target(
            name: "TuoguanReports",
            dependencies: ["TuoguanCore", "TuoguanSpreadsheet"]
        ),
        // The office's web page (`tuoguan serve`): pages and forms over the same library calls as the commands.
        .target(
            name: "TuoguanWeb",
            dependencies: [
                "TuoguanCore", "TuoguanRules", "TuoguanInput", "TuoguanStore", "TuoguanReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Templates", "Static"]
        ),
        // The subcommands of `tuoguan` (a library so tests can drive them in-process).
        .target(
            name: "TuoguanCommands",
            dependencies: [
                "TuoguanCore", "TuoguanRules", "TuoguanInput", "TuoguanStore", "TuoguanReports", "TuoguanWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // glibc's malloc tuning for the executable (mallopt).
        .systemLibrary(name: "CMalloc"),
        .executableTarget(name: "tuoguan", dependencies: ["TuoguanCommands", .target(name: "CMalloc", condition: .when(platforms: [.linux]))]),

        .testTarget(
            name: "TuoguanCoreTests",
            dependencies: ["TuoguanCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "TuoguanRulesTests", dependencies: ["TuoguanRules"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TuoguanInputTests", dependencies: ["TuoguanInput"]),
        .testTarget(name: "TuoguanStoreTests", dependencies: ["TuoguanInput", "TuoguanStore"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "TuoguanReportsTests", dependencies: ["TuoguanReports", "TuoguanSpreadsheet"],
            resources: [.copy("Scripts")]),
        .testTarget(name: "TuoguanCommandsTests", dependencies: ["TuoguanCommands", "TuoguanInput"], exclude: ["Fixtures"]),
        .testTarget(
            name: "TuoguanWebTests",
            dependencies: [
                "TuoguanWeb", "TuoguanCommands", "TuoguanStore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        // Deterministic simulation: random operation sequences through the store, against a reference model.
        .testTarget(name: "TuoguanSimulationTests", dependencies: ["TuoguanCore", "TuoguanInput", "TuoguanStore", "TuoguanReports", "TuoguanCommands"]),
    ]
)
