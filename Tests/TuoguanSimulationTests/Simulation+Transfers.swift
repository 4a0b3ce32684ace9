import Foundation
import TuoguanCore
import TuoguanInput
import TuoguanStore

/// One transfer of a simulated WeChat Pay export: for a student (the 学号 in its memo: a certain match) or for
/// nobody (an anonymous payer, memo 转账: unmatched, so it goes on the suspense list).
struct SimTransfer: Equatable, CustomStringConvertible {
    var id: String
    var student: String?
    var amount: Int64

    var description: String { "\(id): \(student ?? "nobody") \(amount)" }

    /// The export's row, as WeChat writes it.
    var row: String {
        let amount = Money(fen: self.amount).formatted(grouping: false)
        let (payer, memo) = student.map { ("家长\($0)", "\($0) 托管费") } ?? ("匿名", "转账")
        return "2024-09-02 08:00:00,转账,\(payer),/,收入,¥\(amount),/,已收钱,\(id)\t,/,\(memo)\n"
    }

    /// `ops` with exports put in at random places, drawn from a generator of their own (the seed's other
    /// operations stay as they were): each export has new transfers, and now and then earlier ones again.
    static func interleaved(_ ops: [SimOp], school: SimSchool) -> [SimOp] {
        var rng = SimRandom(state: school.seed ^ 0x5452_414E_5346_4552)
        var out: [SimOp] = []
        var earlier: [SimTransfer] = []
        for (index, op) in ops.enumerated() {
            out.append(op)
            guard rng.chance(1, in: 6) else { continue }
            var export: [SimTransfer] = []
            for n in 0..<(1 + rng.int(4)) {
                let student = rng.chance(2, in: 3) ? rng.pick(school.model.students) : nil
                export.append(SimTransfer(id: "WX\(index)-\(n)", student: student, amount: Int64(1 + rng.int(40_000))))
            }
            if !earlier.isEmpty && rng.chance(1, in: 2) {  // overlapping: some of an earlier export again
                for _ in 0..<(1 + rng.int(3)) { export.append(rng.pick(earlier)) }
            }
            if rng.chance(1, in: 4) { export.append(export[0]) }  // a row twice in one file
            earlier += export
            out.append(.transfers(export: export))
        }
        return out
    }
}

extension Simulation {
    /// An export confirmed with `--apply-certain`: each new transfer for a student a payment under its id, each
    /// new anonymous one held; one seen before (in this file or an earlier one) changes nothing. Then no
    /// transfer is lost: each is a payment or on the suspense list, and the list is the model's.
    func applyTransfers(_ transfers: [SimTransfer], _ ledger: Ledger, _ model: inout ReferenceModel, _ tally: Tally?) throws -> String? {
        var recorded = 0
        var held = 0
        var seen: Set<String> = []
        for t in transfers where seen.insert(t.id).inserted {
            if model.entries[t.id] != nil || model.held[t.id] != nil {
                tally?.add("transfer", .alreadyRecorded)
            } else if let student = t.student {
                model.entries[t.id] = ReferenceModel.Entry(kind: .payment, student: student, amount: t.amount, detail: "")
                recorded += 1
                tally?.add("transfer for a student", .recorded)
            } else {
                model.held[t.id] = t.amount
                held += 1
                tally?.add("transfer held (待认领)", .recorded)
            }
        }
        let header = "微信支付账单明细\n----------------------微信支付账单明细列表--------------------\n"
            + "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n"
        let export = try TransferReader.read(csv: Array((header + transfers.map(\.row).joined()).utf8), fileName: "微信.csv")
        let report = try ledger.applyTransfers(export, choice: TransferChoice(certain: true), by: "sim")
        if report.recorded.count != recorded || report.held.count != held || !report.left.isEmpty {
            return "recorded \(report.recorded.count), held \(report.held.count), left \(report.left.count); the model expects \(recorded), \(held), 0"
        }
        let list = try ledger.heldTransfers()
        let stored = Dictionary(list.map { ($0.transfer.id, $0.transfer.amount.fen) }, uniquingKeysWith: { a, _ in a })
        if stored != model.held || list.count != model.held.count { return "the suspense list is \(stored), the model's \(model.held)" }
        do { try ledger.checkTransfers() } catch let error as TuoguanError { return error.message.en }
        for id in seen where model.entries[id] != nil {
            guard let record = try ledger.moneyRecord(id: id), record.kind == .payment else { return "transfer \(id) is lost" }
        }
        return nil
    }
}
