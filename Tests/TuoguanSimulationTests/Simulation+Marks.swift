import Foundation
import TuoguanCore
import TuoguanInput
import TuoguanStore

extension Simulation {
    /// A mark corrected on both sides: by `edit attendance` (`replace` false; `status` nil removes it) or by
    /// re-importing a one-row attendance file with `--replace`. The store refuses a day without a session
    /// (unknown reference), a cancelled session (edit: conflict; import: bad input), a new mark outside the
    /// enrolment (edit: conflict, or unknown reference when not enrolled; import: unknown reference), and any
    /// change of a mark of an enrolment whose withdrawal is in force (conflict: its refund was computed from
    /// the marks); the same mark again records nothing. The model then changes the mark, and every figure
    /// (a charge settled by use) follows.
    func applyMarkCorrection(
        course: String, day: CivilDate, student: String, status: String?, replace: Bool, _ ledger: Ledger,
        _ model: inout ReferenceModel, _ tally: Tally?
    ) throws -> String? {
        let session = ReferenceModel.SessionKey(course: course, day: day.dayNumber)
        let key = "\(student)|\(course)|\(day.dayNumber)"
        let old = model.attendance[key]
        let pair = "\(student)|\(course)"
        let outside = day.dayNumber < model.firstDay(student, course) || model.withdrawn[pair].map { day.dayNumber >= $0 } == true
        let want: Expected
        if model.sessions[session] == nil {
            want = .error(.unknownReference)
        } else if model.cancelled.contains(session) {
            want = .error(replace ? .badInput : .conflict)
        } else if replace && (!model.enrolled(student, course) || outside) {
            want = .error(.unknownReference)  // the import's check of every row, before the ledger's marks
        } else if old == status {
            want = .alreadyRecorded
        } else if old == nil && !model.enrolled(student, course) {
            want = .error(.unknownReference)
        } else if old == nil && outside {
            want = .error(.conflict)
        } else if old != nil && model.withdrawn[pair] != nil {
            want = .error(.conflict)  // a recorded mark under a withdrawal in force: undo it first
        } else {
            var changed = model
            changed.attendance[key] = status
            // A mark recorded at a session of the timetable makes it held (as an import does).
            if status != nil { changed.attended.insert(session) }
            // A leave taken away that a refund for personal leave (one lesson each) was given for.
            let leaveRefunds = changed.entries.filter {
                $0.value.kind == .refund && $0.value.student == student && $0.value.detail == "leave \(course)" && changed.reversedBy[$0.key] == nil
            }.count
            let leaveMarks = changed.attendance.filter { $0.key.hasPrefix("\(student)|\(course)|") && $0.value == "leave" }.count
            let over =
                changed.courseRefunded(student, course) > changed.courseFee(student, course)
                || (old == "leave" && status != "leave" && leaveRefunds > leaveMarks)
            want = over ? .error(.conflict) : .recorded
            if !over { model = changed }
        }
        tally?.add(replace ? "mark corrected by a re-import (--replace)" : "mark corrected (edit attendance\(status == nil ? ", removed" : ""))", want)
        if replace {
            let csv = "date,course_id,student_id,status\n\(day),\(course),\(student),\(status ?? "present")\n"
            return check(
                try outcome {
                    let report = try ledger.importCSV(
                        .attendance, data: Data(csv.utf8), fileName: "attendance.csv", dryRun: false, by: "sim",
                        options: ImportOptions(replace: true, note: "sim"))
                    return report.inserted + report.changes.count == 1 ? .recorded : .alreadyRecorded
                }, want)
        }
        return check(
            try outcome {
                let change = try ledger.editAttendance(student: student, course: course, date: day, status: status, note: "sim", by: "sim")
                return change == nil ? .alreadyRecorded : .recorded
            }, want)
    }
}
