import TuoguanCore

/// The duty log as the workload workbook reads it: a day at a time (the detail sheet, the log's order) or a
/// teacher at a time (the teacher pages), each group in the log's order (``DutyRecord/logOrder(_:_:)``). Either
/// the records kept (``ReportInput/duties``) or read when the workbook is written (``ReportInput/dutiesWhenRead``:
/// the store's cursor, so a district's log is never all in memory).
///
/// ```swift
/// let groups = DutyGroups { grouping, body in try ledger.forEachDutyGroup(grouping, body) }
/// try groups.forEach(.day) { day in for duty in day { print(duty.date, duty.teacherId) } }
/// ```
public struct DutyGroups: Sendable {
    /// Calls the body with each group of the grouping, in order.
    public typealias Read = @Sendable (DutyLogGrouping, _ body: ([DutyRecord]) throws -> Void) throws -> Void
    let read: Read

    /// Groups read by `read` (the store's cursor).
    public init(_ read: @escaping Read) { self.read = read }

    /// Groups of records kept, in the order given: a day's group is each run of records of one date, a
    /// teacher's their records in the order given.
    init(kept records: [DutyRecord]) {
        read = { grouping, body in
            switch grouping {
            case .day:
                var start = 0
                for end in records.indices.dropFirst() where records[end].date != records[start].date {
                    try body(Array(records[start..<end]))
                    start = end
                }
                if start < records.count { try body(Array(records[start...])) }
            case .teacher:
                let groups = Dictionary(grouping: records, by: \.teacherId)
                for key in groups.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    try body(groups[key] ?? [])
                }
            }
        }
    }

    /// Calls `body` with each group of `grouping`, in order (days by date, teachers by the UTF-8 bytes of their
    /// ids); every group has at least one record.
    public func forEach(_ grouping: DutyLogGrouping, _ body: ([DutyRecord]) throws -> Void) throws {
        try read(grouping, body)
    }
}

extension ReportInput {
    /// The duty log, a group at a time (``DutyGroups``): read when written, or the records kept.
    var dutyGroups: DutyGroups { dutiesWhenRead ?? DutyGroups(kept: duties) }
}
