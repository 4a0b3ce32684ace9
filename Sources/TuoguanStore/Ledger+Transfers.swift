import GRDB
import TuoguanCore
import TuoguanInput

/// What `reconcile --apply` changed: the payments recorded (one per transfer, under its id), the transfers
/// put on the suspense list, and those left for another time (suggested, not named).
public struct TransferApplyReport: Sendable, Equatable {
    public var recorded: [(transfer: IncomingTransfer, studentId: String)] = []
    public var held: [IncomingTransfer] = []
    public var left: [IncomingTransfer] = []
    /// Already a payment or on the suspense list: nothing recorded again.
    public var already = 0

    public static func == (a: Self, b: Self) -> Bool {
        a.recorded.map(\.transfer) == b.recorded.map(\.transfer) && a.recorded.map(\.studentId) == b.recorded.map(\.studentId)
            && a.held == b.held && a.left == b.left && a.already == b.already
    }
}

/// Which transfers of an export to record: every certain match, and/or the ones named by id.
public struct TransferChoice: Sendable, Equatable {
    public var certain: Bool
    public var ids: Set<String>
    public init(certain: Bool = false, ids: Set<String> = []) {
        self.certain = certain
        self.ids = ids
    }
}

extension Ledger {
    /// The verdict for each transfer of an export (``TransferMatcher``): the families' amounts due are the
    /// term statement's balances (``TermComputation``), the payers those the clerk confirmed, and a transfer
    /// already recorded or held is said so. Reads only.
    ///
    /// ```swift
    /// let matches = try ledger.matchTransfers(try TransferReader.read(path: "微信支付账单.csv").transfers)
    /// ```
    public func matchTransfers(_ transfers: [IncomingTransfer]) throws -> [TransferMatch] {
        try reading { reader in try reader.transferMatcher(for: transfers).match(transfers) }
    }

    /// Records what the clerk confirmed, in one transaction: each chosen match (certain ones with
    /// `choice.certain`, any named in `choice.ids`) a payment under the transfer's id, its payer remembered
    /// for the family; every unmatched transfer (and a named one without a family) on the suspense list.
    /// A transfer already recorded or held is left alone, so the same or an overlapping export again records
    /// nothing twice. A named id that is not in the export is an error and nothing is recorded.
    ///
    /// ```swift
    /// let report = try ledger.applyTransfers(export, choice: TransferChoice(certain: true), by: "王会计")
    /// report.recorded.count   // the certain matches
    /// ```
    public func applyTransfers(_ export: TransferExport, choice: TransferChoice, by: String) throws -> TransferApplyReport {
        let known = Set(export.transfers.map(\.id))
        if let missing = choice.ids.sorted().first(where: { !known.contains($0) }) {
            throw TuoguanError(
                .unknownReference, zh: "文件中没有交易单号 \(missing)", en: "the file has no transaction \(missing)",
                fix: LocalizedText(zh: "先不加 --apply 运行一次，抄下表中的交易单号", en: "run without --apply first and copy the ids from the table"),
                at: SourceLocation(key: "--apply"), excerpt: missing)
        }
        return try record { writer in
            var report = TransferApplyReport()
            for match in try writer.reader.transferMatcher(for: export.transfers).match(export.transfers) {
                let t = match.transfer
                let named = choice.ids.contains(t.id)
                switch match.verdict {
                case .alreadyRecorded, .alreadyHeld:
                    report.already += 1
                case .matched(let student, _) where choice.certain || named, .suggested(let student, _) where named:
                    try writer.recordTransfer(t, studentId: student, file: export.fileName, by: by)
                    report.recorded.append((t, student))
                case .unmatched:
                    try writer.hold(t, file: export.fileName, by: by)
                    report.held.append(t)
                case .matched, .suggested:
                    report.left.append(t)
                }
            }
            return report
        }
    }
}
