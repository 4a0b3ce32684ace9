import Foundation
import TuoguanCore
import TuoguanInput

/// A realistic synthetic school term, written as the CSV files `tuoguan import` reads.
///
/// Used by `tuoguan demo` (a few hundred students) and `tuoguan generate` (a district: 50,000 students).
/// Deterministic: the same rules, sizes and seed give the same bytes.
///
/// The school: classes of about 40 children in grades 1–6, each class one basic-care group (policy
/// `basic`, every service day, its own teacher); paid interest courses (policy `x`) once or twice a week
/// for about 40% of the children; one course run by an outside institution (policy `outside`, when the
/// rules have one); leave and absence at realistic rates; a daily safety patrol and escort roster; a
/// prepayment for every paid course; quality scores for every staff teacher.
///
/// ```swift
/// let school = SampleSchool(rules: rules, students: 300, days: nil, seed: 7)
/// let files = try school.write(to: "/tmp/term")   // [ImportKind-name: path]
/// ```
public struct SampleSchool {
    public var rules: PlanRules
    public var studentCount: Int
    /// Service days to generate (nil: the whole term).
    public var days: Int?
    public var seed: UInt64
    /// A force-majeure day to cancel (the 40th service day, or the middle of a shorter term). The sessions
    /// file marks it cancelled when `cancelInFiles` is true; the demo instead cancels it with `tuoguan cancel`
    /// so that the refunds are recorded.
    public var cancelInFiles: Bool

    public init(rules: PlanRules, students: Int, days: Int? = nil, seed: UInt64 = 1, cancelInFiles: Bool = true) {
        self.rules = rules
        self.studentCount = students
        self.days = days
        self.seed = seed
        self.cancelInFiles = cancelInFiles
    }

    /// The kinds in the order they must be imported.
    public static let importOrder = [
        "students", "teachers", "courses", "enrollments", "sessions", "attendance", "duties", "payments", "scores",
    ]

    /// The service days used.
    public var serviceDays: [CivilDate] {
        let all = rules.serviceDays
        if let days { return Array(all.prefix(days)) }
        return all
    }

    /// The force-majeure day.
    public var forceMajeureDay: CivilDate? {
        let d = serviceDays
        guard d.count >= 3 else { return nil }
        return d[min(39, d.count / 2)]
    }

    /// The interest course one student leaves in the demo, and the day they leave it (two thirds into the term):
    /// from that day on the files record no attendance for them there (the lowest-numbered member).
    public static let withdrawingCourse = "X0001"
    public var withdrawalDay: CivilDate? {
        let d = serviceDays
        return d.isEmpty ? nil : d[d.count * 2 / 3]
    }

    /// Writes `students.csv` … `scores.csv` into `directory`; returns kind → path in import order.
    @discardableResult
    public func write(to directory: String) throws -> [(kind: String, path: String)] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // The files are made in this order: each draws from the one generator, so the order is the sample.
        var generator = Generator(self)
        let students = generator.students()
        generator.makeCourses()
        let attendancePath = directory + "/attendance.csv"
        let (sessions, duties) = try generator.sessions(attendanceTo: attendancePath)
        let payments = try generator.payments()
        let scores = generator.scores()

        var written: [(String, String)] = []
        for (kind, file) in [
            ("students", students), ("teachers", generator.teachers), ("courses", generator.courseFile()),
            ("enrollments", generator.enrollments()), ("sessions", sessions),
        ] {
            let path = "\(directory)/\(kind).csv"
            try file.save(to: path)
            written.append((kind, path))
        }
        written.append(("attendance", attendancePath))
        for (kind, file) in [("duties", duties), ("payments", payments), ("scores", scores)] {
            let path = "\(directory)/\(kind).csv"
            try file.save(to: path)
            written.append((kind, path))
        }
        return written
    }

    func sid(_ i: Int) -> String { "S" + pad(i + 1, 6) }
}

func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

func hm(_ minutes: Int) -> String { pad(minutes / 60, 2) + ":" + pad(minutes % 60, 2) }

/// SplitMix64: a small, fast, seedable generator (the same seed gives the same school on every machine).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<bound.
    mutating func next(_ bound: Int) -> Int { Int(nextUInt64() % UInt64(bound)) }
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) { array.swapAt(i, next(i + 1)) }
    }
}

/// A CSV file built in memory (small files).
struct CSVWriter {
    var text: String
    init(header: [String]) { text = header.joined(separator: ",") + "\n" }
    mutating func row(_ fields: [String]) {
        text += fields.map(csvField).joined(separator: ",") + "\n"
    }
    func save(to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw TuoguanError(.fileUnwritable, zh: "无法写入 \(path)", en: "cannot write \(path)")
        }
    }
}

func csvField(_ s: String) -> String {
    if s.contains(",") || s.contains("\"") || s.contains("\n") {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}

/// A CSV file written row by row through a buffer (millions of attendance rows).
final class StreamingCSV {
    let handle: FileHandle
    var buffer: [UInt8] = []
    init(path: String, header: [String]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw TuoguanError(.fileUnwritable, zh: "无法写入 \(path)", en: "cannot write \(path)")
        }
        handle = h
        buffer.reserveCapacity(1 << 20)
        buffer.append(contentsOf: (header.joined(separator: ",") + "\n").utf8)
    }
    func row(_ fields: [String]) throws {
        var first = true
        for f in fields {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            buffer.append(contentsOf: csvField(f).utf8)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }
    func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
    func close() throws {
        try flush()
        try handle.close()
    }
}
