/// One of a course's limits checked, by its figures: what a course's ``Finding`` keeps, worded when read. The
/// words are the findings' (zh and en); the course's name is the course's own string, shared, not copied.
///
/// ```swift
/// let check = CourseCheck(kind: .capacity(30), name: "围棋", figure: 32)
/// check.passed         // false
/// check.limit          // "≤ 30"
/// check.message.en     // "围棋: 32 students enrolled, 2 over the capacity of 30"
/// ```
struct CourseCheck: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `min-enrollment`: at least this many enrolled.
        case minEnrollment(Int)
        /// `capacity`: at most this many enrolled.
        case capacity(Int)
        /// `group-size`: a group between the smallest and the largest size, as far as they are set.
        case groupSize(low: Int?, high: Int?)
        /// `students-per-teacher`: at most this many present at one session with one teacher.
        case studentsPerTeacher(Int)
    }

    let kind: Kind
    let name: String
    /// Students enrolled, or (`studentsPerTeacher`) the most present at one session.
    let figure: Int

    var passed: Bool {
        switch kind {
        case .minEnrollment(let minimum): figure >= minimum
        case .capacity(let capacity): figure <= capacity
        case .groupSize(let low, let high): (low.map { figure >= $0 } ?? true) && (high.map { figure <= $0 } ?? true)
        case .studentsPerTeacher(let ratio): figure <= ratio
        }
    }

    var limit: String {
        switch kind {
        case .minEnrollment(let minimum): "≥ \(minimum)"
        case .capacity(let capacity), .studentsPerTeacher(let capacity): "≤ \(capacity)"
        case .groupSize(let low, let high):
            switch (low, high) {
            case let (l?, h?): "\(l)–\(h)"
            case let (l?, nil): "≥ \(l)"
            case let (nil, h?): "≤ \(h)"
            case (nil, nil): ""
            }
        }
    }

    var message: LocalizedText {
        switch kind {
        case .minEnrollment(let minimum): minEnrollmentMessage(minimum)
        case .capacity(let capacity): capacityMessage(capacity)
        case .groupSize(let low, let high): groupSizeMessage(low: low, high: high)
        case .studentsPerTeacher(let ratio): studentsPerTeacherMessage(ratio)
        }
    }

    private func minEnrollmentMessage(_ minimum: Int) -> LocalizedText {
        let enrolled = figure
        return passed
            ? LocalizedText(
                zh: "\(name)报名 \(enrolled) 人，达到开班最低人数 \(minimum) 人",
                en: "\(name): \(enrolled) students enrolled, at least the minimum of \(minimum) to open")
            : LocalizedText(
                zh: "\(name)报名 \(enrolled) 人，少于开班最低人数 \(minimum) 人（差 \(minimum - enrolled) 人）",
                en: "\(name): \(enrolled) students enrolled, \(minimum - enrolled) short of the minimum of \(minimum) to open")
    }

    private func capacityMessage(_ capacity: Int) -> LocalizedText {
        let enrolled = figure
        return passed
            ? LocalizedText(
                zh: "\(name)报名 \(enrolled) 人，未超过容量 \(capacity) 人",
                en: "\(name): \(enrolled) students enrolled, within the capacity of \(capacity)")
            : LocalizedText(
                zh: "\(name)报名 \(enrolled) 人，超过容量 \(capacity) 人（多 \(enrolled - capacity) 人）",
                en: "\(name): \(enrolled) students enrolled, \(enrolled - capacity) over the capacity of \(capacity)")
    }

    private func groupSizeMessage(low: Int?, high: Int?) -> LocalizedText {
        let enrolled = figure
        if let l = low, enrolled < l {
            return LocalizedText(
                zh: "\(name)每班 \(enrolled) 人，少于班额下限 \(l) 人（差 \(l - enrolled) 人）",
                en: "\(name): a group of \(enrolled), \(l - enrolled) below the smallest group size \(l)")
        } else if let h = high, enrolled > h {
            return LocalizedText(
                zh: "\(name)每班 \(enrolled) 人，超过班额上限 \(h) 人（多 \(enrolled - h) 人）",
                en: "\(name): a group of \(enrolled), \(enrolled - h) above the largest group size \(h)")
        }
        return LocalizedText(
            zh: "\(name)每班 \(enrolled) 人，在班额 \(limit) 人之内",
            en: "\(name): a group of \(enrolled), within the group size \(limit)")
    }

    private func studentsPerTeacherMessage(_ ratio: Int) -> LocalizedText {
        let present = figure
        return passed
            ? LocalizedText(
                zh: "\(name)一名教师最多同时看护 \(present) 名学生，未超过 1:\(ratio)",
                en: "\(name): at most \(present) students present with one teacher, within 1:\(ratio)")
            : LocalizedText(
                zh: "\(name)一名教师同时看护 \(present) 名学生，超过 1:\(ratio)（多 \(present - ratio) 人）",
                en: "\(name): \(present) students present with one teacher, \(present - ratio) over 1:\(ratio)")
    }
}
