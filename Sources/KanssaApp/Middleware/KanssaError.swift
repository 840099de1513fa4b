import Vapor

/// Errors that a person sees as a page of their own, in their language. Everything else is shown
/// as a generic error page and logged with its detail.
enum KanssaError: Error, Equatable {
    /// A form without a valid anti-forgery token, or a cross-site request.
    case formRejected
    /// Not signed in where one must be.
    case notSignedIn
    /// Signed in, but the policy says no.
    case forbidden
    /// The form could not be read (malformed, not UTF-8).
    case unreadableForm
    case notFound

    var status: HTTPResponseStatus {
        switch self {
        case .formRejected, .forbidden: .forbidden
        case .notSignedIn: .unauthorized
        case .unreadableForm: .badRequest
        case .notFound: .notFound
        }
    }
}
