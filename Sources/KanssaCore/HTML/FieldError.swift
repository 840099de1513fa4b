/// A problem with one form field, shown next to the field and in the summary at the top.
public struct FieldError: Sendable, Equatable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

extension Array where Element == FieldError {
    public func message(for field: String) -> String? {
        first { $0.field == field }?.message
    }
}
