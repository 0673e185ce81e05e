/// Binary search over a list kept in ascending order of some key (statement indexes, line numbers).
enum Sorted {
    /// The index of the first entry whose key is greater than `value`.
    static func first<T>(_ list: [T], after value: Int, _ key: (T) -> Int) -> Int? {
        var low = 0, high = list.count
        while low < high { let mid = (low + high) / 2; if key(list[mid]) > value { high = mid } else { low = mid + 1 } }
        return low < list.count ? low : nil
    }

    /// The index of the last entry whose key is less than `value`.
    static func last<T>(_ list: [T], before value: Int, _ key: (T) -> Int) -> Int? {
        var low = 0, high = list.count
        while low < high { let mid = (low + high) / 2; if key(list[mid]) < value { low = mid + 1 } else { high = mid } }
        return low > 0 ? low - 1 : nil
    }
}
