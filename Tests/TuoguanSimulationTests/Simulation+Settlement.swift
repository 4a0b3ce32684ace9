import TuoguanCore
import TuoguanStore

extension Simulation {
    /// `settle`: in the model, every family owed back (balance < 0) but those left out gets its balance back,
    /// under `JS-<term>-<student>`, or the first of `-2`, `-3` … not yet in the journal (a family settled,
    /// then changed, or its settlement refund reversed). The store's refunds must be exactly these, to the fen;
    /// the figures after are compared as after every operation.
    ///
    /// ```swift
    /// let problem = try settle(except: ["S3"], ledger, &model, tally)   // nil: the store agreed
    /// ```
    func settle(except: [String], _ ledger: Ledger, _ model: inout ReferenceModel, _ tally: Tally?) throws -> String? {
        let left = Set(except)
        var expected: [String: Int64] = [:]  // refund id → fen
        var whose: [String: String] = [:]  // refund id → student
        for s in model.students where !left.contains(s) && model.balance(s) < 0 {
            let base = "JS-\(school.rules.term)-\(s)"
            var id = base
            var n = 2
            while model.entries[id] != nil {
                id = "\(base)-\(n)"
                n += 1
            }
            expected[id] = -model.balance(s)
            whose[id] = s
        }
        // Each family's refund depends on its own balance only: recorded after all are decided.
        for (id, fen) in expected {
            model.entries[id] = ReferenceModel.Entry(kind: .refund, student: whose[id]!, amount: fen, detail: "settlement")
        }
        tally?.add(expected.isEmpty ? "settlement, nothing owed back" : "settlement", .recorded)
        do {
            let plan = try ledger.settle(SettlementRequest(except: except, method: .cash, date: SimSchool.starts, apply: true), by: "sim")
            let got = Dictionary(uniqueKeysWithValues: plan.refunds.map { ($0.refundId, $0.amount.fen) })
            return got == expected
                ? nil : "settlement refunds \(got.sorted { $0.key < $1.key }), the model \(expected.sorted { $0.key < $1.key })"
        } catch let error as TuoguanError {
            return "the store refused the settlement: \(error.code) \(error.message.en); the model expects \(expected.count) refunds"
        }
    }
}
