import TuoguanCore

extension SchoolWords {
    /// `√`, `到`, `假`, `×` … (the words of the attendance sheets) → `present`, `leave`, `absent`.
    ///
    /// ```swift
    /// SchoolWords.attendanceStatus("假")   // "leave"
    /// ```
    public static func attendanceStatus(_ text: String) -> String? { lookUp(text, ImportWords.attendance) }
}
