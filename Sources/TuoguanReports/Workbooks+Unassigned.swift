import TuoguanCore

extension Workbooks {
    /// The line the statement and the disclosure print when transfers are on the suspense list (待认领): money
    /// received and not yet assigned to a family, counted in no family's 已缴. Only the count and the total:
    /// no payer's name (the disclosure goes to all parents). Nil when the list is empty.
    ///
    /// ```swift
    /// unassignedNote(context)   // "另有待认领转账 2 笔，共 940.00 元：已收到、尚未分配到家庭，未计入任何家庭的已缴。"
    /// ```
    static func unassignedNote(_ context: Context) throws -> String? {
        let held = context.input.unassigned
        guard !held.isEmpty else { return nil }
        let total = try Money.sum(held.map(\.amount)).formatted()
        return context.c.t(
            "另有待认领转账 \(held.count) 笔，共 \(total) 元：已收到、尚未分配到家庭，未计入任何家庭的已缴（认领后计入）。",
            "Besides, \(held.count) transfers, \(total) in all, were received and are not yet assigned to a family (待认领): in no family's paid until assigned.")
    }
}
