/// Which page of a list a request asks for. Pages are numbered from 1.
public struct ListPage: Sendable, Equatable {
    public let number: Int
    public let size: Int

    public init(number: Int?, size: Int = 25) {
        self.number = max(1, min(number ?? 1, 100_000))
        self.size = size
    }

    public var offset: Int { (number - 1) * size }
}

/// One page of a list and where it sits in the whole.
public struct Paged<Item> {
    public let items: [Item]
    public let page: ListPage
    public let total: Int

    public init(items: [Item], page: ListPage, total: Int) {
        self.items = items
        self.page = page
        self.total = total
    }

    public var pageCount: Int { max(1, (total + page.size - 1) / page.size) }

    public func map<T>(_ transform: (Item) throws -> T) rethrows -> Paged<T> {
        Paged<T>(items: try items.map(transform), page: page, total: total)
    }
}

extension Paged: Sendable where Item: Sendable {}
extension Paged: Equatable where Item: Equatable {}
