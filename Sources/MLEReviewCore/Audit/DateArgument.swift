import Foundation

/// Dates as people type them on a command line: `2026-11-01`, an ISO 8601 time, an age (`7d`,
/// `2w`, `3m` = days, weeks, months ago), or `today` and `yesterday` (local days, as git takes them).
public enum DateArgument {
    /// - Parameter endOfDay: a bare day means its last second (for `--until`).
    public static func parse(_ text: String, endOfDay: Bool = false, now: Date = Date()) -> Date? {
        let t = text.trimmingSpaces()
        if t == "today" || t == "yesterday" {
            let calendar = Calendar.current
            guard let day = calendar.date(byAdding: .day, value: t == "today" ? 0 : -1, to: calendar.startOfDay(for: now)) else { return nil }
            return endOfDay ? day.addingTimeInterval(86_399.999) : day
        }
        if let unit = t.last, let n = Int(t.dropLast()), n >= 0 {
            let days: Int? = switch unit {
            case "d": n
            case "w": n * 7
            case "m": n * 30
            default: nil
            }
            if let days { return now.addingTimeInterval(-Double(days) * 86_400) }
        }
        if let full = Timestamp.parse(t) { return full }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        guard let day = f.date(from: t) else { return nil }
        return endOfDay ? day.addingTimeInterval(86_399.999) : day
    }
}
