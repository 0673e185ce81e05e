/// Bad input the user can fix: reported as one line naming the file or command and the
/// problem, with exit status 2. Never a crash.
public struct InputError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
