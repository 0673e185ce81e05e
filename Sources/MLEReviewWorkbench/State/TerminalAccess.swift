/// What the driver may ask of the terminal it runs on, without knowing curses: the backend
/// implements it; tests give a fake or none.
public protocol TerminalAccess: AnyObject {
    /// Leaves the screen to the program `run` starts (an editor), then takes it back.
    func suspended<T>(_ run: () -> T) -> T
    /// Writes bytes straight to the terminal (a clipboard escape sequence).
    func writeRaw(_ bytes: [UInt8])
    /// Stops the process for the shell's job control, with the screen given back, until `fg`;
    /// or why it cannot (nil when it was suspended and is back).
    func suspendToShell() -> String?
}
