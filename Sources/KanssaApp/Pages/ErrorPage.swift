import KanssaCore
import Listening
import Plot
import Vapor

enum ErrorPage {
    struct Model: Equatable {
        enum Kind: Equatable {
            case notFound, forbidden, formRejected, unreadableForm, tooLarge, tooLong, timedOut, notSignedIn, unavailable
        }

        let kind: Kind
        let status: HTTPResponseStatus
        let requestID: String

        init(kind: Kind, status: HTTPResponseStatus, requestID: String) {
            self.kind = kind
            self.status = status
            self.requestID = requestID
        }

        init(error: any Error, requestID: String) {
            self.requestID = requestID
            switch error {
            case let error as KanssaError:
                status = error.status
                kind = switch error {
                case .formRejected: .formRejected
                case .forbidden: .forbidden
                case .notSignedIn: .notSignedIn
                case .unreadableForm: .unreadableForm
                case .notFound: .notFound
                }
            case ListeningError.notFound:
                (kind, status) = (.notFound, .notFound)
            case is DecodingError:
                (kind, status) = (.unreadableForm, .badRequest)
            case let abort as any AbortError:
                switch abort.status {
                case .notFound, .methodNotAllowed: (kind, status) = (.notFound, .notFound)
                case .payloadTooLarge: (kind, status) = (.tooLarge, .payloadTooLarge)
                case .forbidden: (kind, status) = (.forbidden, .forbidden)
                case .unauthorized: (kind, status) = (.notSignedIn, .unauthorized)
                case let code where code.code < 500: (kind, status) = (.unreadableForm, .badRequest)
                default: (kind, status) = (.unavailable, .internalServerError)
                }
            default:
                (kind, status) = (.unavailable, .internalServerError)
            }
        }
    }

    struct View {
        let model: Model
        let chrome: Chrome

        func render() -> HTML {
            let t = chrome.t
            let (title, explanation): (MessageKey, MessageKey) = switch model.kind {
            case .notFound: (.errorNotFoundTitle, .errorNotFoundText)
            case .forbidden: (.errorForbiddenTitle, .errorForbiddenText)
            case .formRejected: (.errorFormRejectedTitle, .errorFormRejectedText)
            case .unreadableForm: (.errorUnreadableTitle, .errorUnreadableText)
            case .tooLarge: (.errorTooLargeTitle, .errorTooLargeText)
            case .tooLong: (.errorTooLongTitle, .errorTooLongText)
            case .timedOut: (.errorTimedOutTitle, .errorTimedOutText)
            case .notSignedIn: (.errorNotSignedInTitle, .errorNotSignedInText)
            case .unavailable: (.errorUnavailableTitle, .errorUnavailableText)
            }
            return Layout.page(
                title: t(title), chrome: chrome,
                content: .div(
                    .p(.txt(t(explanation))),
                    .p(.a(.link(chrome.home), .txt(t(.errorGoHome)))),
                    .p(.class("error-reference"), .txt(t(.errorReference, ["id": model.requestID]))),
                    .unwrap(chrome.helpLink) { .p(.a(.link($0), .txt(t(.errorHowToAsk)))) }
                )
            )
        }
    }
}
