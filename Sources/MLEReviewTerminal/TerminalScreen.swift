import Dispatch
import CLibc
import CNcursesw
import MLEReviewCore
import MLEReviewWorkbench
#if canImport(Glibc)
import Glibc
#endif

/// The only code that talks to the terminal: starts and restores it, puts grids on it, reads
/// keys. Start-up and shut-down follow the order ncurses programs such as htop and tig use.
public final class TerminalScreen {
    private var screen: OpaquePointer?
    private var ttyIn: UnsafeMutablePointer<FILE>?
    fileprivate var ttyOut: UnsafeMutablePointer<FILE>?
    fileprivate var previous: Grid?
    private var theme: Theme
    private var palette: ColorFitter
    // Keyed by types whose Hashable conformance the runtime has already found: the first
    // dictionary of a new key type costs a scan of all 7,000 conformance records (0.1 ms of the
    // first frame each).
    fileprivate var pairs: [Int: Int32] = [:]
    /// By highlight, then by role name.
    fileprivate var looks: [[String: Look]] = []
    public private(set) var width = 0
    public private(set) var height = 0

    /// Takes over the terminal. Keys and screen go to /dev/tty when standard input or output is
    /// not a terminal (a diff piped in), as less and tig do.
    public init(theme: Theme, mouse: Bool = true) throws(InputError) {
        self.theme = theme
        self.palette = ColorFitter(colors: 8)
        TerminalScreen.prepareLocale()
        if !TerminalScreen.localeIsUTF8 {
            StandardError.write("mle-review: warning: the locale is not UTF-8 (LANG=\(getenvString("LANG") ?? "")); non-ASCII text will show as placeholders\n")
        }
        guard let termName = getenvString("TERM"), !termName.isEmpty else {
            throw InputError("TERM is not set: mle-review needs a terminal (try TERM=xterm-256color)")
        }
        if isatty(0) == 1 && isatty(1) == 1 {
            ttyIn = fdopen(dup(0), "r")
            ttyOut = fdopen(dup(1), "w")
        } else {
            ttyIn = fopen("/dev/tty", "r")
            ttyOut = fopen("/dev/tty", "w")
        }
        guard let ttyIn, let ttyOut else { throw InputError("/dev/tty: no terminal to draw on (mle-review's screen needs one)") }
        TerminalRestore.saveShellMode(fd: fileno(ttyOut))
        guard let s = newterm(nil, ttyOut, ttyIn) else {
            fclose(ttyIn); fclose(ttyOut)
            throw InputError("TERM=\(termName): unknown terminal type (try TERM=xterm-256color)")
        }
        // A terminal that cannot move the cursor (TERM=dumb, an editor's shell) would show a
        // blank screen: say so before taking it over.
        set_term(s)
        let cup = tigetstr("cup")
        if cup == nil || Int(bitPattern: cup) == -1 {
            endwin()
            delscreen(s)
            fclose(ttyIn); fclose(ttyOut)
            throw InputError("TERM=\(termName): this terminal cannot move the cursor; the workbench needs a full-screen terminal (try TERM=xterm-256color), and the other commands (export, log, scan…) work anywhere")
        }
        screen = s
        TerminalRestore.install()
        raw()
        noecho()
        nonl()
        // No typeahead check while a frame is written: ncurses polls the keyboard and flushes
        // its output at every line it updates, so a frame reached the terminal in thirty small
        // writes over 3 ms (tmux redrew between them). Keys that arrive meanwhile are read
        // before the next frame anyway (the loop drains them first).
        typeahead(-1)
        keypad(mle_stdscr(), true)
        // Home and End as tmux, screen and many terminals send them whatever TERM says
        // (xterm-256color's terminfo has only ESC O H / ESC O F): without these, Home read as
        // Esc [ 1 ~ and jumped hunks, End typed "4~" into a field.
        for (sequence, key) in [("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
                                ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END)] {
            if key_defined(sequence) == 0 { define_key(sequence, key) }
        }
        curs_set(0)
        if getenvString("ESCDELAY") == nil { set_escdelay(25) }
        if has_colors() && !theme.monochrome {
            start_color()
            use_default_colors()
            palette = ColorFitter(colors: Int(mle_colors()))
        } else {
            palette = ColorFitter(colors: 0)
        }
        // Mouse off leaves the terminal's own selection and scrolling alone.
        if mouse {
            mousemask(mle_all_mouse_events(), nil)
            mouseinterval(0)
        }
        TerminalRestore.prepareReset(mouse: mouse)
        width = Int(getmaxx(mle_stdscr()))
        height = Int(getmaxy(mle_stdscr()))
        // ncurses 6.4 flushes its output at every cursor move until the screen has once come
        // back from endwin (its mvcur cannot tell doupdate from a low-level caller before then),
        // so every frame reached the terminal in some eighty writes of 10-300 bytes, and tmux
        // took each as it came. Leaving and coming back once, before anything is drawn, makes
        // a frame one write.
        endwin()
        doupdate()
    }

    /// Sets the C locale's characters from the environment, once: before anything measures
    /// characters on another thread (setlocale must not run beside wcwidth). Only LC_CTYPE, all
    /// ncurses reads: numbers, collation and messages stay C (a theme's numbers never parse by
    /// the user's decimal comma), and the other eleven categories' files are not loaded.
    public static func prepareLocale() { _ = localeSet }
    private static let localeSet: Void = { setlocale(LC_CTYPE, "") }()

    /// Whether the locale's characters are UTF-8 (after `prepareLocale`).
    public static var localeIsUTF8: Bool { String(cString: mle_codeset()) == "UTF-8" }

    /// The size ncurses will find for the terminal, known before it starts: nil when there is
    /// no terminal or LINES or COLUMNS decide it.
    public static func expectedSize() -> (width: Int, height: Int)? {
        if getenvString("LINES") != nil || getenvString("COLUMNS") != nil { return nil }
        var rows: Int32 = 0, cols: Int32 = 0
        if isatty(0) == 1 && isatty(1) == 1 {
            guard mle_terminal_size(1, &rows, &cols) == 1 else { return nil }
        } else {
            let fd = open("/dev/tty", O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { Glibc.close(fd) }
            guard mle_terminal_size(fd, &rows, &cols) == 1 else { return nil }
        }
        return (Int(cols), Int(rows))
    }

    /// A screen on no terminal at all (output to /dev/null), for tests that read back what the
    /// backend put into ncurses' own window.
    public init(headlessWidth width: Int, height: Int, theme: Theme) throws(InputError) {
        self.theme = theme
        self.palette = ColorFitter(colors: 8)
        setlocale(LC_ALL, "C.UTF-8")
        ttyOut = fopen("/dev/null", "w")
        ttyIn = fopen("/dev/null", "r")
        guard let s = newterm("xterm-256color", ttyOut, ttyIn) else { throw InputError("xterm-256color: no terminfo entry") }
        screen = s
        set_term(s)
        resizeterm(Int32(height), Int32(width))
        if !theme.monochrome {
            start_color()
            use_default_colors()
            palette = ColorFitter(colors: Int(mle_colors()))
        } else {
            palette = ColorFitter(colors: 0)
        }
        self.width = width
        self.height = height
    }

    /// What ncurses holds at a cell: its text, attributes and colour pair (tests read it back).
    public func cellOnScreen(row: Int, col: Int) -> (text: String, bold: Bool, reverse: Bool, pair: Int) {
        var cc = cchar_t()
        mvwin_wch(mle_stdscr(), Int32(row), Int32(col), &cc)
        var chars = [wchar_t](repeating: 0, count: 8)
        var attrs: attr_t = 0
        var pair: Int16 = 0
        getcchar(&cc, &chars, &attrs, &pair, nil)
        let text = String(String.UnicodeScalarView(chars.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        return (text, attrs & mle_a_bold() != 0, attrs & mle_a_reverse() != 0, Int(pair))
    }

    /// The foreground and background of a colour pair, as ncurses has them.
    public func colors(ofPair pair: Int) -> (fg: Int, bg: Int) {
        var fg: Int32 = 0, bg: Int32 = 0
        extended_pair_content(Int32(pair), &fg, &bg)
        return (Int(fg), Int(bg))
    }

    /// Restores the terminal. Safe to call more than once.
    public func close() {
        TerminalRestore.restore()
        if let s = screen { delscreen(s); screen = nil }
        if let f = ttyIn { fclose(f); ttyIn = nil }
        if let f = ttyOut { fclose(f); ttyOut = nil }
    }

    /// Copies what changed since the last frame to the screen, then one refresh.
    public func draw(_ grid: Grid, full: Bool = false) {
        let win = mle_stdscr()
        var erased = false
        if full || previous == nil || previous!.width != grid.width || previous!.height != grid.height {
            previous = nil
            // Cleared, plain blanks need not be put one by one (half of a first screen).
            werase(win)
            clearok(win, true)
            erased = true
        }
        // Neighbouring cells mostly share a look: asked of the table once a run (a role hashes
        // through its name).
        var last: (role: Role, highlight: Highlight, look: Look)?
        for row in 0..<grid.height {
            // The look last put on this row, when it was put just left of the cell at hand.
            var left: Look?
            for col in 0..<grid.width {
                let cell = grid[row, col]
                if let p = previous, p[row, col] == cell { left = nil; continue }
                if cell.text.isEmpty { continue } // second column of a wide character
                var look: Look
                if let l = last, l.role == cell.role, l.highlight == cell.highlight {
                    look = l.look
                } else {
                    look = self.look(cell.role, cell.highlight)
                    last = (cell.role, cell.highlight, look)
                }
                // A blank shows nothing but its background: in its neighbour's look it reads the
                // same and costs the terminal no colour change (most of a frame's bytes were a
                // pane's blanks switching colours between their neighbours).
                if cell.text == " " {
                    // An erased cell already is a plain blank (half of a first screen); ncurses
                    // jumps a long run of them, but writes a short one, in its own look.
                    if erased && look.plain && (left == nil || plainBlanks(grid, row: row, from: col, atLeast: 6)) { left = nil; continue }
                    if let l = left, look.blankLooksLike(l) { look = l }
                }
                left = look
                put(cell.text, look: look, row: row, col: col, in: win)
            }
        }
        previous = grid
        wnoutrefresh(win)
        doupdate()
    }

    /// Whether `count` cells from `col` on are blanks in the plain look (or the row ends first).
    private func plainBlanks(_ grid: Grid, row: Int, from col: Int, atLeast count: Int) -> Bool {
        var c = col
        while c < min(grid.width, col + count) {
            let cell = grid[row, c]
            guard cell.text == " ", look(cell.role, cell.highlight).plain else { return false }
            c += 1
        }
        return true
    }

    /// How a role looks with a highlight: attributes and colour pair, worked out once each.
    fileprivate struct Look {
        var attrs: attr_t
        var pair: Int16
        /// The background colour ncurses was given (-1: the terminal's own).
        var bg: Int32
        /// Nothing but the terminal's own colours: a blank in this look is an erased cell.
        var plain: Bool { attrs == mle_a_normal() && pair == 0 }
        /// Whether a blank drawn in `other` shows the same as one in this look: the same
        /// background, and neither look paints the blank itself (reverse, underline).
        func blankLooksLike(_ other: Look) -> Bool {
            let painting = mle_a_reverse() | mle_a_underline()
            return bg == other.bg && attrs & painting == 0 && other.attrs & painting == 0
        }
    }

    private func look(_ role: Role, _ highlight: Highlight) -> Look {
        let h = Int(highlight.rawValue)
        if h < looks.count, let known = looks[h][role.rawValue] { return known }
        var style = theme.style(role)
        switch highlight {
        case .none: break
        case .cursor, .selection:
            let h = theme.style(highlight == .cursor ? .cursor : .selection)
            if h.bg != .terminal && palette.colors > 0 { style.bg = h.bg } else { style.reverse.toggle() }
            style.bold = style.bold || h.bold
            style.underline = style.underline || h.underline
        case .added, .removed:
            // Only a background, and only where 256 colours keep it subtle under the text.
            let h = theme.style(highlight == .added ? .diffAddedLine : .diffRemovedLine)
            if h.bg != .terminal && palette.colors >= 256 && style.bg == .terminal { style.bg = h.bg }
        }
        var attrs = mle_a_normal()
        if style.bold { attrs |= mle_a_bold() }
        if style.dim { attrs |= mle_a_dim() }
        if style.reverse { attrs |= mle_a_reverse() }
        if style.underline { attrs |= mle_a_underline() }
        if style.italic { attrs |= mle_a_italic() }
        let look = Look(attrs: attrs, pair: Int16(truncatingIfNeeded: colorPair(style)),
                        bg: palette.colors > 0 ? palette.fit(style.bg) : -1)
        while looks.count <= h { looks.append([:]) }
        looks[h][role.rawValue] = look
        return look
    }

    private func put(_ text: String, look: Look, row: Int, col: Int, in win: UnsafeMutablePointer<WINDOW>?) {
        // A grapheme of up to five scalars, NUL-terminated, without an allocation per cell.
        var chars: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &chars) { raw in
            let slots = raw.bindMemory(to: wchar_t.self)
            var n = 0
            for scalar in text.unicodeScalars where n < 5 {
                slots[n] = wchar_t(bitPattern: scalar.value)
                n += 1
            }
            var cc = cchar_t()
            setcchar(&cc, slots.baseAddress, look.attrs, look.pair, nil)
            mvwadd_wch(win, Int32(row), Int32(col), &cc)
        }
    }

    private func colorPair(_ style: Theme.Style) -> Int32 {
        guard palette.colors > 0 else { return 0 }
        let fg = palette.fit(style.fg), bg = palette.fit(style.bg)
        if fg == -1 && bg == -1 { return 0 }
        let key = Int(fg) << 32 | Int(UInt32(bitPattern: bg))
        if let p = pairs[key] { return p }
        let p = alloc_pair(fg, bg)
        let pair = p < 0 || p > Int32(Int16.max) ? 0 : p
        pairs[key] = pair
        return pair
    }

    /// True once reading keys fails at once instead of waiting (the terminal hung up).
    public private(set) var closed = false
    private var earlyFailures = 0

    /// Waits for the next key; with a timeout (milliseconds), nil when none came in time.
    public func readKey(timeout: Int32 = -1) -> Key? {
        let win = mle_stdscr()
        wtimeout(win, timeout)
        while true {
            var ch: wint_t = 0
            let started = DispatchTime.now().uptimeNanoseconds
            let r = wget_wch(win, &ch)
            if r == ERR {
                if errno == EINTR && timeout < 0 { continue }
                // A timeout that returns at once, again and again, is a terminal that is gone.
                let waited = (DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
                if timeout < 0 || (timeout >= 50 && waited < 5) { earlyFailures += 1 } else { earlyFailures = 0 }
                if timeout < 0 || earlyFailures >= 3 { closed = true }
                return nil
            }
            earlyFailures = 0
            if r == KEY_CODE_YES {
                if let key = functionKey(Int32(ch)) { return key }
                continue
            }
            let c = Int(ch)
            switch c {
            case 9: return .tab
            case 10, 13: return .enter
            case 127, 8: return .backspace
            case 27:
                // Escape followed at once by a character is Alt+character.
                nodelay(win, true)
                var next: wint_t = 0
                let r2 = wget_wch(win, &next)
                nodelay(win, false)
                if r2 == OK, let s = Unicode.Scalar(UInt32(next)), next >= 32 { return .alt(Character(s)) }
                return .escape
            case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(c + 96))))
            case 0..<32: continue
            default:
                guard let s = Unicode.Scalar(UInt32(c)) else { continue }
                return .char(Character(s))
            }
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case mle_key_resize():
            width = Int(getmaxx(mle_stdscr()))
            height = Int(getmaxy(mle_stdscr()))
            return .resize
        case mle_key_mouse():
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            if event.bstate & mle_button4_pressed() != 0 { return .wheel(up: true, row: Int(event.y), col: Int(event.x)) }
            if event.bstate & mle_button5_pressed() != 0 { return .wheel(up: false, row: Int(event.y), col: Int(event.x)) }
            if event.bstate & mle_button1_pressed() != 0 { return .mouseClick(row: Int(event.y), col: Int(event.x)) }
            return nil
        default: return nil
        }
    }
}

func getenvString(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

/// The editor runs on the whole terminal while curses is suspended (endwin, as tig does for
/// its external commands); the next frame is drawn in full.
extension TerminalScreen {
    /// Another theme once the whole configuration is known (the first screen may come before
    /// the team's config is read): colours are allocated again and the next frame drawn whole.
    public func setTheme(_ theme: Theme) {
        guard theme != self.theme else { return }
        self.theme = theme
        pairs = [:]
        looks = []
        previous = nil
    }
}

extension TerminalScreen: TerminalAccess {
    public func suspended<T>(_ run: () -> T) -> T {
        def_prog_mode()
        endwin()
        let result = run()
        reset_prog_mode()
        previous = nil
        refresh()
        return result
    }

    public func suspendToShell() -> String? {
        // Started as a terminal's own first process (tmux new-session mle-review) or by a shell
        // without job control, the process is in its session leader's group: nobody would
        // continue it.
        guard getpgrp() != getsid(0) else { return "no shell with job control to suspend to" }
        _ = suspended {
            // Raw mode reads Ctrl-Z as a key: the stop is sent by hand, with the default action
            // (ncurses' own handler would save the shell's modes as the workbench's). The whole
            // job stops, as the shell's Ctrl-Z would stop it (`cat pr.diff | mle-review --patch -`).
            let before = signal(SIGTSTP, SIG_DFL)
            kill(0, SIGTSTP)
            signal(SIGTSTP, before)
        }
        return nil
    }

    public func writeRaw(_ bytes: [UInt8]) {
        guard let out = ttyOut else { return }
        fflush(out)
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, out) }
        fflush(out)
    }
}
