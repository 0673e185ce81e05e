import Foundation

/// Times as a person reads them in messages: in their own time zone, as near as it is
/// ("today 14:05", "yesterday 09:12", "20 Nov 14:05", "20 Nov 2025"), not a raw UTC stamp.
enum HumanTime {
    static func short(_ date: Date, now: Date = Date(), zone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let f = DateFormatter()
        f.timeZone = zone
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "HH:mm"
        let time = f.string(from: date)
        if calendar.isDate(date, inSameDayAs: now) { return "today \(time)" }
        if let y = calendar.date(byAdding: .day, value: -1, to: now), calendar.isDate(date, inSameDayAs: y) { return "yesterday \(time)" }
        f.dateFormat = calendar.component(.year, from: date) == calendar.component(.year, from: now) ? "d MMM HH:mm" : "d MMM yyyy"
        return f.string(from: date)
    }
}

extension HumanTime {
    /// For tight places: the time of day when it is today, else the day.
    static func compact(_ date: Date, now: Date = Date(), zone: TimeZone = .current) -> String {
        let s = short(date, now: now, zone: zone)
        if s.hasPrefix("today ") { return String(s.dropFirst(6)) }
        if s.hasPrefix("yesterday ") { return "yesterday" }
        return s.split(separator: " ").prefix(2).joined(separator: " ")
    }
}

/// `1 file`, `2 files`.
func plural(_ n: Int, _ word: String, _ many: String? = nil) -> String { "\(n) \(n == 1 ? word : many ?? word + "s")" }
