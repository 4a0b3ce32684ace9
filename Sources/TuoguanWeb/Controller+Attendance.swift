import Foundation
import Hummingbird
import TuoguanCore
import TuoguanInput
import TuoguanStore

/// A class teacher's page: a day's marks (√ 假 ×) for their own class (or course) only, recorded through the
/// attendance import, the same code path as `tuoguan import attendance`.
struct AttendanceController {
    let site: WebSite

    func add(to router: Router<WebContext>) {
        router.get("/attendance") { request, context in try page(request, context) }
        router.post("/attendance") { request, context in try record(request, context) }
    }

    /// The students the teacher keeps who are enrolled in each course: their class's students, or their course's.
    func roster(_ scope: String, _ facts: TermFacts) -> [String: [Student]] {
        let students = Dictionary(facts.students.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byCourse: [String: [Student]] = [:]
        for u in facts.usages {
            guard let s = students[u.studentId], s.className == scope || u.courseId == scope else { continue }
            byCourse[u.courseId, default: []].append(s)
        }
        return byCourse.mapValues { $0.sorted { $0.id < $1.id } }
    }

    func defaultDate() -> CivilDate? {
        let days = site.ledger.rules.serviceDays
        let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        let today = CivilDate(year: now.year ?? 2024, month: now.month ?? 1, day: now.day ?? 1)
        if let today, let last = days.last(where: { !($0 > today) }) { return last }
        return days.first
    }

    func page(_ request: Request, _ context: WebContext, done: String? = nil, error: String? = nil) throws -> Response {
        let session = try context.require(.teacher)
        let scope = session.scope ?? ""
        let roster = roster(scope, try site.ledger.termFacts())
        let courses = roster.keys.sorted { (roster[$0]?.count ?? 0, $1) > (roster[$1]?.count ?? 0, $0) }
        let asked = context.form["course"] ?? request.uri.queryParameters["course"].map(String.init)
        let course = asked.flatMap { courses.contains($0) ? $0 : nil } ?? courses.first ?? ""
        let dateText = context.form["date"] ?? request.uri.queryParameters["date"].map(String.init) ?? defaultDate()?.description ?? ""
        let recorded = try CivilDate(parsing: dateText).map { try site.ledger.attendanceMarks(courseId: course, date: $0) } ?? [:]
        let marks: [[String: Any]] = (roster[course] ?? []).map { s in
            let mark = context.form["s_" + s.id] ?? recorded[s.id] ?? "present"
            return ["id": s.id, "name": s.name, "present": mark == "present", "leave": mark == "leave", "absent": mark == "absent"]
        }
        return WebPage.render(
            "attendance", title: LocalizedText(zh: "考勤：\(scope)", en: "Attendance: \(scope)"),
            ["scope": scope, "courses": courses.map { ["id": $0, "selected": $0 == course] }, "course": course,
             "date": dateText, "students": marks, "none": marks.isEmpty, "done": done ?? "", "isDone": done != nil,
             "error": error ?? "", "hasError": error != nil],
            site: site, context: context, status: error == nil ? .ok : .unprocessableContent)
    }

    func record(_ request: Request, _ context: WebContext) throws -> Response {
        let session = try context.require(.teacher)
        let scope = session.scope ?? ""
        let course = context.form.text("course")
        let roster = roster(scope, try site.ledger.termFacts())
        // A course the teacher does not keep, or a student not of their class: refused, nothing recorded.
        guard let students = roster[course] else { throw WebRefusal.forbidden }
        let allowed = Set(students.map(\.id))
        let posted = context.form.fields.keys.filter { $0.hasPrefix("s_") }.map { String($0.dropFirst(2)) }
        guard posted.allSatisfy(allowed.contains) else { throw WebRefusal.forbidden }
        guard let date = CivilDate(parsing: context.form.text("date")) else {
            return try page(request, context, error: context.t("日期无法识别，写成 2024-09-02", "the date is not readable; write it as 2024-09-02"))
        }
        var csv = "date,course_id,student_id,status\n"
        for id in posted.sorted() {
            let mark = context.form["s_" + id] ?? ""
            guard ["present", "leave", "absent"].contains(mark) else { continue }
            csv += "\(date),\(course),\(id),\(mark)\n"
        }
        do {
            let report = try site.ledger.importCSV(
                .attendance, data: Array(csv.utf8), fileName: context.t("网页考勤", "attendance page"), dryRun: false, by: session.accountName)
            return try page(request, context, done: context.t(
                "已记录 \(date) \(course) 的考勤：新增 \(report.inserted) 条，未变 \(report.unchanged) 条",
                "attendance of \(course) on \(date) recorded: \(report.inserted) new, \(report.unchanged) unchanged"))
        } catch let error as TuoguanError {
            var text = error.message.text(context.language)
            if let fix = error.fix?.text(context.language) { text += context.t("。", ". ") + fix }
            return try page(request, context, error: text)
        }
    }
}
