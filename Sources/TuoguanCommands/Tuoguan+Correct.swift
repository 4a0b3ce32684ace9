import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan correct`: reverse a mistaken payment or refund by a reversing entry (never an edit).
    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "冲销一笔错账 / Reverse a mistaken payment or refund with a correcting entry.",
            discussion: "Example: tuoguan correct --entry R0001 --id CR001 --note \"金额录错，重新登记\"")

        @Option(name: .long, help: "The receipt, refund or expense number to reverse.")
        var entry: String
        @Option(name: .long, help: "The id of the correcting entry.")
        var id: String
        @Option(name: .long, help: "Why (kept in the journal).")
        var note: String

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func run() throws {
            let book = try ledger.open()
            let outcome = try book.reverse(entryId: entry, correctionId: id, note: note, by: recorder.name)
            Console.say(
                outcome == .recorded ? "已冲销 \(entry)（冲销单 \(id)）" : "冲销单 \(id) 已登记过，未改动",
                outcome == .recorded ? "reversed \(entry) (correction \(id))" : "correction \(id) was already recorded; nothing changed",
                ledger.language)
        }
    }
}
