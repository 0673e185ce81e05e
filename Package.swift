// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mle-review",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mle-review", targets: ["mle-review"]),
        .library(name: "MLEReviewCore", targets: ["MLEReviewCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The review domain: diff model and parser, checklist, findings, verdict, import/export
        // and the store. No terminal code may live here, so all of it is testable as plain Swift.
        .target(
            name: "MLEReviewCore",
            dependencies: [
                "CLibc", "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The workbench without a terminal: state, keys, actions, themes, and views that draw
        // into an in-memory grid of cells. Testable as plain Swift.
        .target(
            name: "MLEReviewWorkbench",
            dependencies: ["MLEReviewCore", "CLibc", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // The thin ncurses backend: puts the grid on the screen, reads keys, owns the terminal.
        .target(name: "MLEReviewTerminal", dependencies: ["MLEReviewWorkbench", "CNcursesw", "CLibc"]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // zlib, for the diffs kept with reviews.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // libc functions Swift cannot import (wcwidth, which ncurses measures with; memmem).
        .target(name: "CLibc"),
        // Argument parsing and wiring only.
        .executableTarget(
            name: "mle-review",
            dependencies: [
                "MLEReviewCore", "MLEReviewWorkbench", "MLEReviewTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A release binary is linked position-dependent: with the Swift runtime and Foundation
            // linked in, a PIE carries ~94,000 relocations the loader applies at every start
            // (2 ms and 270 copied pages before `main`); this one needs none of them. Nor does it
            // export its own 16,000 symbols to the loader (the static stdlib's link arguments ask
            // for it, for names in crash traces this tool never prints): 1 MB of symbol tables
            // touched at every start.
            // SQLite, ncursesw, zlib and the C++ and GCC runtimes are linked in from their static
            // archives (the linker scripts in StaticLink/ answer the -l flags GRDB, the system
            // library targets and the toolchain add): loading and relocating those shared
            // libraries was 2.5 ms of every start. Only libc and libm are loaded.
            exclude: ["StaticLink"],
            linkerSettings: [.unsafeFlags(["-Xlinker", "-no-pie", "-Xlinker", "--no-export-dynamic",
                                           "-L", Context.packageDirectory + "/Sources/mle-review/StaticLink", "-Xclang-linker", "-static-libgcc"],
                                          .when(platforms: [.linux], configuration: .release))]
        ),
        // Test helper: a process that edits a review until it is killed (see StoreTests).
        .executableTarget(name: "mle-review-stress", dependencies: ["MLEReviewCore"]),
        .testTarget(name: "MLEReviewCoreTests", dependencies: ["MLEReviewCore"]),
        .testTarget(name: "MLEReviewWorkbenchTests", dependencies: ["MLEReviewWorkbench", "MLEReviewCore", "MLEReviewTerminal"]),
        // The command line's own logic (the quick reader of the open command against the parser).
        .testTarget(name: "MLEReviewCommandTests", dependencies: ["mle-review", "MLEReviewCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ],
    swiftLanguageModes: [.v6]
)
