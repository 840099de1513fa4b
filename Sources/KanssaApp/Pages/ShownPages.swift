import Foundation
import KanssaCore
import NIOCore
import Synchronization

/// The last page of one kind each session was shown, kept with what it was rendered from.
///
/// A view is a pure function of its model and its chrome (language, the person's navigation,
/// their form token). When the same person asks for the same page again and both are equal to
/// last time — nothing on it changed — the same bytes are sent again instead of being rendered
/// again, which is most of what a page whose data is kept in memory costs. Comparing is cheap
/// next to rendering, and nothing can be stale: anything that would change the page is in what
/// is compared. Bounded; the sessions served least recently go first.
final class ShownPages<Model: Equatable & Sendable>: Sendable {
    private struct Shown {
        let model: Model
        let chrome: Chrome
        let body: ByteBuffer
    }

    private let shown: Mutex<RecentlyUsed<UUID, Shown>>

    init(capacity: Int) {
        shown = Mutex(RecentlyUsed(capacity: capacity))
    }

    /// The page for `model` and `chrome` as `render` makes it, for the session `session`.
    func body(session: UUID?, model: Model, chrome: Chrome, render: () -> String) -> ByteBuffer {
        guard let session else { return ByteBuffer(string: render()) }
        let kept = shown.withLock { $0.value(for: session) { $0.model == model && $0.chrome == chrome } }
        if let kept { return kept.body }
        let body = ByteBuffer(string: render())
        shown.withLock { $0.keep(Shown(model: model, chrome: chrome, body: body), for: session) }
        return body
    }

    /// Lets the page of a session that ended go (it could never be sent again).
    func forget(session: UUID) {
        shown.withLock { $0.remove(session) }
    }

    var count: Int { shown.withLock { $0.count } }
}
