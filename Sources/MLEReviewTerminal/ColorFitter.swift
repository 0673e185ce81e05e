import MLEReviewWorkbench

/// Fits theme colours to what the terminal has: 256 colours, 16, 8, or none.
struct ColorFitter {
    let colors: Int

    /// A colour number for ncurses, -1 for the terminal's own.
    func fit(_ c: Theme.Color) -> Int32 {
        switch c {
        case .terminal: return -1
        case .index(let i):
            if i < colors { return Int32(i) }
            return Int32(nearest(Self.rgb(of: i)))
        case .rgb(let r, let g, let b):
            return Int32(nearest((Int(r), Int(g), Int(b))))
        }
    }

    /// The closest colour the terminal has, by squared RGB distance. With 8 or 16 colours a
    /// grey stays a grey (by distance alone mid-grey is nearest to yellow: borders and line
    /// numbers turned yellow under TERM=xterm), and a colour stays a colour.
    func nearest(_ target: (Int, Int, Int)) -> Int {
        let limit = min(colors, 256)
        guard limit > 0 else { return -1 }
        var candidates = Array(0..<limit)
        if limit <= 16 {
            let greys = [0, 7, 8, 15].filter { $0 < limit }
            let isGrey = max(target.0, target.1, target.2) - min(target.0, target.1, target.2) < 32
            // Eight colours have no mid grey: the terminal's own foreground reads as one on dark and light.
            if isGrey && limit < 16 && (60...200).contains(target.0) { return -1 }
            candidates = isGrey ? greys : candidates.filter { !greys.contains($0) }
        }
        var best = candidates[0], bestDistance = Int.max
        for i in candidates {
            let (r, g, b) = Self.rgb(of: i)
            let d = (r - target.0) * (r - target.0) + (g - target.1) * (g - target.1) + (b - target.2) * (b - target.2)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    /// xterm's default palette.
    static func rgb(of i: Int) -> (Int, Int, Int) {
        let basic: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                                        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        if i < 16 { return basic[max(0, i)] }
        if i < 232 {
            let n = i - 16, steps = [0, 95, 135, 175, 215, 255]
            return (steps[n / 36], steps[(n / 6) % 6], steps[n % 6])
        }
        let v = 8 + (i - 232) * 10
        return (v, v, v)
    }
}
