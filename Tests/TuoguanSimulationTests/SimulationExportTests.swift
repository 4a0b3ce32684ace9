import Foundation
import Testing
import TuoguanCore
import TuoguanReports
import TuoguanStore

@testable import TuoguanCommands

/// The simulation's schools in the accountants' tools: each seed's ledger after all its operations (every
/// billing, late joiners, withdrawals and undo, force majeure, corrections, spending, refusals) is exported by
/// `tuoguan export`'s own code, in hledger and Beancount, and both tools must accept every transaction and
/// every closing balance. `TUOGUAN_SIM_EXPORT_SEEDS=N` runs seeds 1…N (20 by default).
@Suite struct SimulationExportTests {
    static func installed(_ tool: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }
    static let toolsInstalled = installed("hledger") && installed("bean-check")

    @Test(.enabled(if: toolsInstalled, "needs hledger and bean-check (scripts/setup --tests)"))
    func everySeedsBooksPassBothTools() throws {
        let seeds = UInt64(ProcessInfo.processInfo.environment["TUOGUAN_SIM_EXPORT_SEEDS"] ?? "") ?? 20
        for seed in 1...seeds {
            let simulation = Simulation(seed: seed)
            let dir = NSTemporaryDirectory() + "tuoguan-sim-export-\(seed)-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let ledger = try simulation.ledger(in: dir)
            // Both languages over the seeds: even seeds in Chinese, odd in English.
            let language: Language = seed % 2 == 0 ? .zh : .en
            for (format, file) in [(BookFormat.hledger, "term.journal"), (.beancount, "term.beancount")] {
                let sink = try BookFile(path: dir + "/" + file)
                _ = try ledger.readBooks { source in
                    try BookExport(rules: ledger.rules, format: format, language: language).write(source, to: sink)
                }
                try sink.finish()
                let check = format == .hledger
                    ? try Self.tool("hledger", ["-f", file, "check", "-s", "ordereddates"], in: dir)
                    : try Self.tool("bean-check", [file], in: dir)
                #expect(check.status == 0, "seed \(seed), \(format): \(check.output)")
            }
        }
    }

    static func tool(_ name: String, _ args: [String], in dir: String) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [name] + args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

extension Simulation {
    /// The seed's ledger in `dir` after the setup and every operation (refused ones change nothing).
    func ledger(in dir: String) throws -> Ledger {
        let ledger = try Ledger.create(at: dir + "/sim.sqlite", rules: school.rules, rulesText: "", rulesFile: "sim.toml", by: "sim")
        for (kind, text) in school.csv {
            _ = try ledger.importCSV(kind, data: Data(text.utf8), fileName: "\(kind.rawValue).csv", dryRun: false, by: "sim")
        }
        var model = school.model
        for op in operations { _ = try apply(op, ledger, &model) }
        return ledger
    }
}
