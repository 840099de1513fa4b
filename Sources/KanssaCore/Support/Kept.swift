import Plot
import Synchronization

/// A page's model as kept (``StampedCache``), with parts of its body as rendered for each variant
/// asked for — the reader's language, and whatever else they depend on — so that a kept page is
/// not rendered again either.
public final class Kept<Model: Sendable>: Sendable {
    public let model: Model
    private let renderings = Mutex<[String: RenderedHTML]>([:])

    public init(_ model: Model) {
        self.model = model
    }

    /// The body rendered for `variant`, rendered at its first request.
    public func rendering(_ variant: String, _ render: (Model) -> Node<HTML.BodyContext>) -> RenderedHTML {
        if let kept = renderings.withLock({ $0[variant] }) { return kept }
        let rendered = RenderedHTML(render(model))
        renderings.withLock { $0[variant] = rendered }
        return rendered
    }
}
