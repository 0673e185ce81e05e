#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's environment as a dictionary, read from `environ`. Foundation's
/// `ProcessEnvironment.current` answers the same but costs half a millisecond the first
/// time (it sets up the whole process-info object), and the first screen asks it four times.
public enum ProcessEnvironment {
    public static var current: [String: String] {
        var out: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                // The first of a duplicated name wins, as getenv answers.
                if out[name] == nil { out[name] = String(text[text.utf8.index(after: equals)...]) }
            }
            entry += 1
        }
        return out
    }
}
