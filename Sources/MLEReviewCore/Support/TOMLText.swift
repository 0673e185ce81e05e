import TOMLKit

/// Parses a TOML file's text; a syntax error is one line naming the file and the line.
public enum TOMLText {
    public static func table(_ text: String, name: String) throws(InputError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw InputError("\(name):\(e.source.begin.line): not valid TOML (\(e.description))")
        } catch {
            throw InputError("\(name): not valid TOML")
        }
    }
}
