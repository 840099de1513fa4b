// swift-tools-version:6.1
import PackageDescription

/// Settings every target of ours shares. A computed var, so that SwiftPM cannot drop them silently
/// when a target is added without them.
var kanssaSettings: [SwiftSetting] {
    [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
    ]
}

let package = Package(
    name: "kanssa",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kanssa", targets: ["kanssa"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(
            name: "kanssa",
            dependencies: ["KanssaApp"],
            swiftSettings: kanssaSettings
        ),
        .target(
            name: "KanssaApp",
            dependencies: [
                "KanssaCore", "Agenda", "Listening", "Learning", "Encountering", "Evaluation",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: kanssaSettings
        ),
        .target(
            name: "KanssaCore",
            dependencies: [
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: kanssaSettings
        ),
        .target(
            name: "Agenda",
            dependencies: [
                "KanssaCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Plot", package: "Plot"),
            ],
            swiftSettings: kanssaSettings
        ),
        .target(
            name: "Listening",
            dependencies: [
                "KanssaCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Plot", package: "Plot"),
            ],
            swiftSettings: kanssaSettings
        ),
        .target(
            name: "Learning",
            dependencies: [
                "KanssaCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Plot", package: "Plot"),
            ],
            swiftSettings: kanssaSettings
        ),
        .target(
            name: "Encountering",
            dependencies: [
                "KanssaCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Plot", package: "Plot"),
            ],
            swiftSettings: kanssaSettings
        ),
        .target(
            name: "Evaluation",
            dependencies: [
                // The dashboard and the barrier register read what the other modules hold, through
                // the small public functions each offers.
                "KanssaCore", "Agenda", "Listening", "Learning", "Encountering",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Plot", package: "Plot"),
            ],
            swiftSettings: kanssaSettings
        ),
        .testTarget(
            name: "KanssaCoreTests",
            dependencies: ["KanssaCore"],
            exclude: ["Samples"],
            swiftSettings: kanssaSettings
        ),
        .testTarget(
            name: "LearningTests",
            dependencies: ["Learning", "KanssaCore"],
            swiftSettings: kanssaSettings
        ),
        .testTarget(
            name: "AgendaTests",
            dependencies: ["Agenda", "KanssaCore"],
            swiftSettings: kanssaSettings
        ),
        .testTarget(
            name: "KanssaAppTests",
            dependencies: [
                "KanssaApp", "KanssaCore", "Learning", "Encountering",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__", "Schemas"],
            swiftSettings: kanssaSettings
        ),
    ]
)
