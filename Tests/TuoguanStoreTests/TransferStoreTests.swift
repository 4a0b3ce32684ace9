import Foundation
import GRDB
import Testing
import TuoguanCore

@testable import TuoguanInput
@testable import TuoguanStore

/// Transfers through the store: nothing recorded until confirmed, each transfer recorded once however often
/// its export (or an overlapping one) comes back, the suspense list, the payers remembered, receipts.
/// The school is ``seededLedger()``: 张三 (S001) and 李四 (S002) of 三(2)班, 王五 (S003) of 四(1)班.
@Suite struct TransferStoreTests {
    static let header = "微信支付账单明细\n微信昵称：[家委会]\n----------------------微信支付账单明细列表--------------------\n"
        + "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n"

    static func row(_ id: String, payer: String, fen: String, memo: String, day: Int = 3) -> String {
        "2024-09-0\(day) 08:00:00,转账,\(payer),/,收入,¥\(fen),/,已收钱,\(id)\t,/,\(memo)\n"
    }

    /// T1 names S001 (certain), T2 names 李四 without class (suggested), T3 names nobody (unmatched).
    static let first = [
        row("T1", payer: "张爸爸", fen: "100.00", memo: "S001 托管费"),
        row("T2", payer: "四妈", fen: "50.00", memo: "李四 学费"),
        row("T3", payer: "神秘人", fen: "30.00", memo: "学费"),
    ]
    /// Overlaps `first` (T2, T3) and brings T4, from 张爸爸 again with no memo.
    static let second = [first[1], first[2], row("T4", payer: "张爸爸", fen: "20.00", memo: "/", day: 5)]

    static func export(_ rows: [String]) throws -> TransferExport {
        try TransferReader.read(csv: [0xEF, 0xBB, 0xBF] + Array((header + rows.joined()).utf8), fileName: "微信.csv")
    }

    static func journalCount(_ ledger: Ledger) throws -> Int {
        try ledger.reading { reader in try Int.fetchOne(reader.db, sql: "SELECT COUNT(*) FROM journal") ?? 0 }
    }

    @Test("nothing recorded until confirmed; certain ones recorded under their ids, unmatched held; again: nothing twice")
    func applyOnce() throws {
        let ledger = try seededLedger()
        let before = try Self.journalCount(ledger)  // R001, R002
        let export = try Self.export(Self.first)
        let matches = try ledger.matchTransfers(export.transfers)
        #expect(matches.map(\.verdict.studentId) == ["S001", "S002", nil])
        #expect(try Self.journalCount(ledger) == before)

        let report = try ledger.applyTransfers(export, choice: TransferChoice(certain: true), by: "王会计")
        #expect(report.recorded.map(\.studentId) == ["S001"])
        #expect(report.held.map(\.id) == ["T3"])
        #expect(report.left.map(\.id) == ["T2"])
        #expect(try Self.journalCount(ledger) == before + 1)
        #expect(try ledger.moneyRecord(id: "T1")?.amount == Money(fen: 10000))
        #expect(try ledger.heldTransfers().map(\.transfer.id) == ["T3"])

        // The same file again, even naming T1: nothing recorded twice.
        let again = try ledger.applyTransfers(export, choice: TransferChoice(certain: true, ids: ["T1"]), by: "王会计")
        #expect(again.recorded.isEmpty && again.held.isEmpty && again.already == 2)
        #expect(try Self.journalCount(ledger) == before + 1)
        #expect(try ledger.heldTransfers().count == 1)
    }

    @Test("an overlapping export records only what is new; a payer confirmed before matches the next transfer")
    func overlapping() throws {
        let ledger = try seededLedger()
        let before = try Self.journalCount(ledger)
        _ = try ledger.applyTransfers(try Self.export(Self.first), choice: TransferChoice(certain: true, ids: ["T2"]), by: "王会计")
        #expect(try Self.journalCount(ledger) == before + 2)  // T1 and T2; T3 held
        let second = try Self.export(Self.second)
        let verdicts = try ledger.matchTransfers(second.transfers).map(\.verdict)
        #expect(verdicts[0] == .alreadyRecorded(studentId: "S002"))
        #expect(verdicts[1] == .alreadyHeld)
        // T4 has no memo, but 张爸爸 was confirmed for S001 by T1.
        #expect(verdicts[2] == .matched(studentId: "S001", reason: .rememberedPayer("张爸爸")))
        let report = try ledger.applyTransfers(second, choice: TransferChoice(certain: true), by: "王会计")
        #expect(report.recorded.map(\.transfer.id) == ["T4"] && report.already == 2)
        #expect(try Self.journalCount(ledger) == before + 3)
        // Paid by S001: 200.00 (R001) + 100.00 (T1) + 20.00 (T4) = 320.00.
        let paid = try ledger.reading { reader in try reader.familyTotals(studentId: "S001").paid }
        #expect(paid == Money(fen: 32000))
        #expect(try ledger.verify().ok)
    }

    @Test("a held transfer is assigned (a payment under its id) or returned, once; then it leaves the list")
    func suspense() throws {
        let ledger = try seededLedger()
        _ = try ledger.applyTransfers(try Self.export(Self.first + [Self.row("T5", payer: "路人", fen: "8.00", memo: "?")]),
                                      choice: TransferChoice(certain: true), by: "王会计")
        #expect(try ledger.heldTransfers().map(\.transfer.id) == ["T3", "T5"])
        // Typed in as a payment while held, it would count twice: refused, with the command that assigns it.
        let typed = try #require(throws: TuoguanError.self) {
            try ledger.recordPayment(PaymentFact(receipt: "T3", studentId: "S003", amount: Money(fen: 3000), date: CivilDate(parsing: "2024-09-03")!, method: .wechat), by: "王会计")
        }
        #expect(typed.message.zh == "T3 是待认领名单上的转账，不能再作为一笔缴费登记（会重复计算）")
        #expect(typed.fix?.zh == "用 tuoguan reconcile --assign T3 --student 学号 认领")
        #expect(try ledger.assignHeld("T3", to: "S003", by: "王会计") == .recorded)
        #expect(try ledger.assignHeld("T3", to: "S003", by: "王会计") == .alreadyRecorded)
        let other = try #require(throws: TuoguanError.self) { try ledger.assignHeld("T3", to: "S002", by: "王会计") }
        #expect(other.code == .conflict)
        #expect(other.message.zh == "交易 T3 已认领给 S003")
        #expect(try ledger.moneyRecord(id: "T3")?.studentId == "S003")
        #expect(try ledger.returnHeld("T5", note: "原路退回", by: "王会计") == .recorded)
        #expect(try ledger.returnHeld("T5", note: "原路退回", by: "王会计") == .alreadyRecorded)
        let returned = try #require(throws: TuoguanError.self) { try ledger.assignHeld("T5", to: "S001", by: "王会计") }
        #expect(returned.message.en == "transaction T5 was already returned to the payer")
        #expect(try ledger.heldTransfers().isEmpty)
        let unknown = try #require(throws: TuoguanError.self) { try ledger.assignHeld("T9", to: "S001", by: "王会计") }
        #expect(unknown.message.zh == "待认领名单中没有交易单号 T9")
        // 神秘人 was confirmed for S003 by the assignment.
        let next = try Self.export([Self.row("T6", payer: "神秘人", fen: "30.00", memo: "学费")])
        #expect(try ledger.matchTransfers(next.transfers)[0].verdict.studentId == "S003")
    }

    @Test("verify: a transfer held and paid, or neither, is found")
    func checks() throws {
        let ledger = try seededLedger()
        _ = try ledger.applyTransfers(try Self.export(Self.first), choice: TransferChoice(certain: true), by: "王会计")
        try ledger.checkTransfers()
        // T1 is a payment; put it on the suspense list behind tuoguan's back: counted twice.
        try ledger.record { writer in
            try writer.db.execute(sql: "INSERT INTO suspense (transfer_id, recorded_by, recorded_at) VALUES ('T1', 'x', 'x')")
        }
        let twice = try #require(throws: TuoguanError.self) { try ledger.checkTransfers() }
        #expect(twice.message.zh == "账本校验失败：转账 T1 在待认领名单上，又是一笔缴费（重复计算）")
        #expect(twice.code == .ledgerTampered)
    }

    @Test("an id named with --apply that is not in the file: refused, nothing recorded")
    func unknownId() throws {
        let ledger = try seededLedger()
        let before = try Self.journalCount(ledger)
        let error = try #require(throws: TuoguanError.self) {
            try ledger.applyTransfers(try Self.export(Self.first), choice: TransferChoice(certain: true, ids: ["T9"]), by: "王会计")
        }
        #expect(error.message.zh == "文件中没有交易单号 T9")
        #expect(try Self.journalCount(ledger) == before)
        #expect(try ledger.heldTransfers().isEmpty)
    }

    @Test("receipts: numbered by the journal; a second printing is a reprint; a reversed payment's receipt says so")
    func receipts() throws {
        let ledger = try seededLedger()
        _ = try ledger.applyTransfers(try Self.export(Self.first), choice: TransferChoice(certain: true), by: "王会计")
        let day = CivilDate(parsing: "2024-09-03")!
        let first = try ledger.receipts(.ids(["T1", "R001"]))
        #expect(first.map(\.number) == ["SJ000003", "SJ000001"])  // R001, R002, then T1
        #expect(first[0].isTransfer && first[0].payer == "张爸爸" && !first[1].isTransfer)
        #expect(first.allSatisfy { $0.firstPrintedOn == nil && $0.reversedOn == nil })
        try ledger.recordReceiptPrints(["T1"], on: day, by: "王会计")
        _ = try ledger.reverse(entryId: "T1", correctionId: "C1", note: "学生错了", by: "王会计")
        let reprint = try ledger.receipts(.ids(["T1"]))[0]
        #expect(reprint.firstPrintedOn == day)
        #expect(reprint.reversedOn != nil)
        #expect(try ledger.receipts(.day(day)).map(\.entryId) == ["T1"])
        #expect(try ledger.receipts(.className("三(2)班")).map(\.entryId) == ["R001", "R002", "T1"])
        #expect(throws: TuoguanError.self) { try ledger.receipts(.ids(["C1"])) }  // a reversal has no receipt
    }
}
