import KanssaCore
@preconcurrency import Plot

extension Sharing {
    /// "Are you sure?" before a share is taken back: it ends the other side's access at once.
    public struct ConfirmRevokeView {
        let line: Line
        let chrome: Chrome

        public init(line: Line, chrome: Chrome) {
            self.line = line
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.sharingRevokeConfirmTitle, ["name": line.grantee]), chrome: chrome,
                content: .div(
                    .p(.txt(t(.sharingRevokeConfirmText, ["name": line.grantee]))),
                    Components.postButton(
                        action: AgendaRoute.revoke(line.id).url, csrfToken: chrome.csrfToken, label: t(.sharingRevokeYes), style: .danger),
                    .p(.a(.link(AgendaRoute.sharing.url), .txt(t(.sharingRevokeNo))))
                )
            )
        }
    }
}
