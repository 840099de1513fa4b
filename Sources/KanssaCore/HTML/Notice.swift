/// A message at the top of a page: that something worked, or what went wrong.
public struct Notice: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case success, info, error
    }

    public let kind: Kind
    public let text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}
