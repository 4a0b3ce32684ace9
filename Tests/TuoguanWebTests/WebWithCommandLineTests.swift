import Foundation
import HummingbirdTesting
import Testing
import TuoguanCore
import TuoguanStore
@testable import TuoguanWeb

/// The command line and the page at the same time on one ledger: the clerk pays in at the terminal while the
/// page records payments and the committee reads. Nothing is lost, and each page read sees a whole term.
@Suite(.serialized) struct WebWithCommandLineTests {
    static var binary: String? {
        for candidate in [".build/debug/tuoguan", ".build/x86_64-unknown-linux-gnu/debug/tuoguan", ".build/aarch64-unknown-linux-gnu/debug/tuoguan"] {
            let path = WebFixture.root.appendingPathComponent(candidate).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    @Test(.enabled(if: binary != nil, "needs the tuoguan executable: swift build --product tuoguan"))
    func terminalAndPageTogether() async throws {
        try await WebFixture.withSite { book, path, client in
            let income = try TermComputation.compute(rules: book.rules, facts: try book.termFacts()).fund.income
            // The terminal: 8 payments of 1.00 元, one process each.
            let script = (1...8).map {
                "\(Self.binary!) pay --db '\(path)' --receipt CLI\($0) --student S000010 --amount 1.00 --date 2024-09-04 --method cash --by 终端会计 || exit 1"
            }.joined(separator: "\n")
            let terminal = Process()
            terminal.executableURL = URL(fileURLWithPath: "/bin/sh")
            terminal.arguments = ["-c", script]
            terminal.standardOutput = FileHandle.nullDevice
            try terminal.run()
            // The page at the same time: 8 payments of 2.00 元 and the committee's overview between them.
            var clerk = Browser(client)
            try await clerk.login("王会计")
            var committee = Browser(client)
            try await committee.login("张敏")
            _ = try await clerk.get("/record/payment")
            for i in 1...8 {
                let page = try await clerk.post(
                    "/record/payment", [("receipt", "WEB\(i)"), ("student", "S000011"), ("amount", "2.00"), ("date", "2024-09-04"), ("method", "wechat")])
                #expect(page.status == .ok, "\(page.body)")
                let overview = try await committee.get("/")
                #expect(overview.status == .ok)
            }
            terminal.waitUntilExit()
            #expect(terminal.terminationStatus == 0)
            // Nothing lost: 8 × 1.00 + 8 × 2.00 = 24.00 more than before.
            let after = try TermComputation.compute(rules: book.rules, facts: try book.termFacts()).fund.income
            #expect(after == (try income + Money(fen: 2400)))
            #expect(try book.verify().ok)
            let overview = try await committee.get("/")
            #expect(overview.body.contains(after.formatted()))
            let cli = try book.moneyRecords(studentId: "S000010").filter { $0.entryId.hasPrefix("CLI") }
            #expect(cli.count == 8 && cli.allSatisfy { $0.recordedBy == "终端会计" })
        }
    }
}
