import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan district`: one row per school's ledger (placeholder until the roll-up lands).
    struct District: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("学区汇总：每校一行", "The district's roll-up: one row per school."))
        @Argument(help: ArgumentHelp(zh: "各校账本。", en: "The schools' ledgers.", valueName: "ledger"))
        var ledgers: [String] = []
        func run() throws {}
    }
}
