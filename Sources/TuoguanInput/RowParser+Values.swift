import TuoguanCore

extension RowParser {
    /// A date as a school writes it (`2024-09-02`, `2024/9/2`, `2024年9月2日`, or a workbook's serial number),
    /// inside the term when `inTerm`; reported otherwise.
    ///
    /// ```swift
    /// parser.date(TableField(text: "2024/9/2", line: 2, column: 1), inTerm: true)  // 2024-09-02
    /// ```
    func date(_ f: TableField, inTerm: Bool) -> CivilDate? {
        var date = cachedDate(f.text)
        if date == nil {
            date = CivilDate(parsing: f.text)
            if date == nil, f.isNumber, let serial = Int(f.text) { date = XLSXReader.date(fromSerial: serial) }
            if let date { cache(date, for: f.text) }
        }
        guard let date else {
            fail(
                f, zh: "日期“\(f.text)”无法识别，应写成 2024-09-02、2024/9/2 或 2024年9月2日",
                en: "date \"\(f.text)\" is not a date: expected 2024-09-02, 2024/9/2 or 2024年9月2日")
            return nil
        }
        if inTerm && (date < rules.starts || date > rules.ends) {
            fail(
                f, zh: "日期 \(date) 不在本学期内，应在 \(rules.starts) 至 \(rules.ends) 之间",
                en: "date \(date) is outside the term: expected \(rules.starts) to \(rules.ends)")
            return nil
        }
        return date
    }

    func date(_ row: [TableField], _ column: String, inTerm: Bool) -> CivilDate? {
        guard let (_, f) = text(row, column) else { return nil }
        return date(f, inTerm: inTerm)
    }

    /// Minutes after midnight of `15:30` (or a workbook's fraction of a day).
    func time(_ f: TableField) -> Int? {
        let parts = f.text.split(separator: ":")
        if parts.count == 2 || parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h),
            (0..<60).contains(m)
        {
            return h * 60 + m
        }
        if f.isNumber, let fraction = Double(f.text), fraction >= 0, fraction < 1 {
            return Int((fraction * 1440).rounded())
        }
        fail(f, zh: "时间“\(f.text)”无法识别，应写成 15:30", en: "time \"\(f.text)\" is not a time: expected hours:minutes like 15:30")
        return nil
    }

    func integer(_ f: TableField, what: (zh: String, en: String), range: ClosedRange<Int>) -> Int? {
        if let v = Int(f.text), range.contains(v) { return v }
        fail(
            f, zh: "\(what.zh)“\(f.text)”应为 \(range.lowerBound) 到 \(range.upperBound) 的整数",
            en: "\(what.en) \"\(f.text)\" is not valid: expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        return nil
    }

    /// A positive amount in yuan, exactly (`12.50` → 1,250 fen).
    func amount(_ f: TableField) -> Money? {
        do {
            let m = try Money(parsing: f.text)
            if m.isNegative {
                fail(
                    f, zh: "金额“\(f.text)”为负数，应至少为 0.01", en: "negative amount \"\(f.text)\": expected at least 0.01",
                    fix: LocalizedText(zh: "更正已登记的款项请用 tuoguan correct 冲正", en: "to correct a recorded entry, reverse it with tuoguan correct"))
                return nil
            }
            if m.isZero {
                fail(f, zh: "金额“\(f.text)”为零，应至少为 0.01", en: "amount \"\(f.text)\" is zero: expected at least 0.01")
                return nil
            }
            return m
        } catch let error as TuoguanError {
            fail(error, at: f)
            return nil
        } catch {
            fail(f, zh: "金额“\(f.text)”无法识别", en: "amount \"\(f.text)\" is not an amount")
            return nil
        }
    }

    /// A word of one of the school's vocabularies (``ImportWords``).
    func word<T>(_ f: TableField, _ words: [String: T], what: (zh: String, en: String)) -> T? {
        if let v = SchoolWords.lookUp(f.text, words) { return v }
        let (english, chinese) = SchoolWords.listed(words)
        fail(
            f, zh: "\(what.zh)“\(f.text)”无法识别，应为：\(chinese)",
            en: "\(what.en) \"\(f.text)\" is not valid: expected one of \(english)")
        return nil
    }

    /// Whether `date` is a day with service; reported (with the day's reason or weekday) when not.
    func serviceDayCheck(_ date: CivilDate, _ f: TableField) -> Bool {
        if rules.isServiceDay(date) { return true }
        let why = rules.noServiceDays.first { $0.date == date }?.reason
        let weekdayZh = ["一", "二", "三", "四", "五", "六", "日"][date.weekday - 1]
        let weekdayEn = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][date.weekday - 1]
        fail(
            f, zh: "\(date) 不是服务日（\(why ?? "星期" + weekdayZh)），应为有托管服务的日子",
            en: "\(date) is not a service day (\(why ?? weekdayEn)): expected a day with service")
        return false
    }
}
