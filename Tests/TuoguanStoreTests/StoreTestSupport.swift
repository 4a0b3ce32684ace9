import Foundation
import TuoguanCore

@testable import TuoguanInput
@testable import TuoguanStore

/// A small term built in code (no rules loader in the store's tests).
///
/// Term 2024-09-02 (Mon) … 2024-09-27 (Fri), Monday–Friday, 2024-09-17 中秋 without service:
/// 20 weekdays − 1 = 19 service days.
/// - `x` 兴趣课: 20.00 per lesson, prepaid for the term, personal leave not refunded, duty `activity`.
/// - `basic` 基础托管: 40.00 a month × 1 month, prepaid, waived for `liushou`, duty `supervision`.
/// Course X1 meets Mon+Wed: Sep 2, 4, 9, 11, 16, 18, 23, 25 = 8 lessons (160.00 for the term).
/// Course B1 meets every service day: 19 sessions (40.00 for the term).
func testRules() -> PlanRules {
    let d = { (s: String) in CivilDate(parsing: s)! }
    return PlanRules(
        school: "测试小学", term: "2024-autumn", starts: d("2024-09-02"), ends: d("2024-09-27"), lessonMinutes: 40,
        noServiceDays: [NoServiceDay(date: d("2024-09-17"), reason: "中秋节")],
        categories: ["liushou": StudentCategory(id: "liushou", name: "留守儿童", waives: ["basic"])],
        policies: [
            "x": Policy(
                id: "x", name: "兴趣课", billing: .perLesson, price: Money(fen: 2000), prepay: .term,
                refund: RefundRules(personalLeave: .none, cancelled: .full, withdrawal: .remainingLessons),
                duty: "activity"),
            "basic": Policy(
                id: "basic", name: "基础托管", billing: .monthly, price: Money(fen: 4000), months: 1, prepay: .term,
                refund: RefundRules(personalLeave: .none, cancelled: .full, withdrawal: .month), duty: "supervision"),
        ],
        split: CostShare(pools: [Pool(id: "teachers", name: "教师", basisPoints: 10000)]),
        points: ["supervision": 50, "activity": 50, "patrol": 40])
}

func fixture(_ name: String) -> String {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

/// A fresh directory under the system's temporary directory.
func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tuoguan-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

func newLedger(_ dir: String? = nil) throws -> Ledger {
    let dir = try dir ?? temporaryDirectory()
    return try Ledger.create(
        at: dir + "/school.ledger", rules: testRules(), rulesText: "# rules", rulesFile: "test.toml", by: "tester")
}

/// Students, teachers, courses, enrollments and two payments of 200.00 (S001, S002).
func seededLedger() throws -> Ledger {
    let ledger = try newLedger()
    for (kind, file) in [
        (ImportKind.students, "students.csv"), (.teachers, "teachers.csv"), (.courses, "courses.csv"),
        (.enrollments, "enrollments.csv"), (.payments, "payments.csv"),
    ] {
        _ = try ledger.importFile(kind, path: fixture(file), dryRun: false, by: "tester")
    }
    return ledger
}

/// The seeded ledger with four sessions (X1 held Sep 2 and 4, cancelled Sep 9 for rain; B1 held Sep 2) and
/// seven attendance rows: the hand-counted term of `ImportTests.termFactsMatchAHandCountedTerm`.
func handCountedLedger() throws -> Ledger {
    let ledger = try seededLedger()
    _ = try ledger.importCSV(
        .sessions,
        data: csv(
            "course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-02,,,,held,\nX1,2024-09-04,,,,held,\nX1,2024-09-09,,,,cancelled,雨\nB1,2024-09-02,,,,held,\n"),
        fileName: "sessions.csv", dryRun: false, by: "t")
    _ = try ledger.importCSV(
        .attendance,
        data: csv(
            "date,course_id,student_id,status\n2024-09-02,X1,S001,出勤\n2024-09-02,X1,S002,absent\n2024-09-04,X1,S001,请假\n2024-09-04,X1,S002,present\n2024-09-02,B1,S001,present\n2024-09-02,B1,S002,present\n2024-09-02,B1,S003,present\n"),
        fileName: "attendance.csv", dryRun: false, by: "t")
    return ledger
}

func csv(_ text: String) -> [UInt8] { Array(text.utf8) }

func date(_ s: String) -> CivilDate { CivilDate(parsing: s)! }

/// Runs `body` and returns the TuoguanError it throws (nil if none).
func thrown(_ body: () throws -> Void) -> TuoguanError? {
    do {
        try body()
        return nil
    } catch let error as TuoguanError {
        return error
    } catch {
        return TuoguanError(.internal, zh: "\(error)", en: "\(error)")
    }
}

/// `FILE:LINE:COL: message` lines of an error and its companions (English), with the fixture directory cut.
func lines(_ error: TuoguanError?) -> [String] {
    guard let error else { return [] }
    return ([error] + error.more).map { e in
        var loc = e.location.map(\.description) ?? ""
        if let slash = loc.lastIndex(of: "/") { loc = String(loc[loc.index(after: slash)...]) }
        return "\(loc): \(e.message.en) [\(e.code.rawValue)]"
    }
}
