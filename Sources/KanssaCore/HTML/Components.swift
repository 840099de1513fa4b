@preconcurrency import Plot

/// Small accessible building blocks shared by every page.
public enum Components {
    /// A notice; `focus` puts it where the person is taken after saving, with the focus on it
    /// (no script: `autofocus` on an element that takes focus).
    public static func notice(_ notice: Notice, focus: Bool = false) -> Node<HTML.BodyContext> {
        .div(
            .class("notice notice--\(notice.kind.rawValue)"),
            .attribute(named: "role", value: notice.kind == .error ? "alert" : "status"),
            .if(focus, .attribute(named: "tabindex", value: "-1")),
            .if(focus, .flag("autofocus", true)),
            .p(.txt(notice.text))
        )
    }

    /// A heading that opens to show what is behind it: forms and long lists wait there so that a
    /// page on a phone shows first what the person came for. No script needed.
    public static func disclosure(
        _ summary: String, open: Bool = false, id: String? = nil, _ content: Node<HTML.BodyContext>...
    ) -> Node<HTML.BodyContext> {
        .element(named: "details", nodes: [
            .class("disclosure"),
            .flag("open", open),
            id.map { .safe("id", $0) } ?? .empty,
            .element(named: "summary", nodes: [.txt(summary)]),
        ] + content)
    }

    /// The anti-forgery token every form carries.
    public static func csrfField(_ token: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name("_csrf"), .safe("value", token))
    }

    public enum ButtonStyle: String, Sendable {
        case primary, secondary, danger, link
    }

    /// A link to a form that changes something ("Change", "Share again like this"): for the screen
    /// only, so a print shows the plan, not what can be done to it. `about` tells a screen reader
    /// which of several such links this is.
    public static func actionLink(_ url: SafeURL, _ label: String, about: String? = nil) -> Node<HTML.BodyContext> {
        .a(.class("action-link"), .link(url), .txt(label),
           .unwrap(about) { .span(.class("visually-hidden"), .txt(": " + $0)) })
    }

    /// A form with one button, for actions that change something (sign out, disable).
    public static func postButton(
        action: SafeURL, csrfToken: String, label: String, style: ButtonStyle = .secondary,
        hidden: [(String, String)] = []
    ) -> Node<HTML.BodyContext> {
        .form(
            .class("inline-form"), .method(.post), .safe("action", action.value),
            csrfField(csrfToken),
            .forEach(hidden) { name, value in
                .input(.type(.hidden), .safe("name", name), .safe("value", value))
            },
            .button(.type(.submit), .class("button button--\(style.rawValue)"), .txt(label))
        )
    }

    public static func submit(_ label: String, style: ButtonStyle = .primary) -> Node<HTML.FormContext> {
        .button(.type(.submit), .class("button button--\(style.rawValue)"), .txt(label))
    }

    /// A list of what is wrong with a submitted form, linking to each field.
    public static func errorSummary(_ errors: [FieldError], title: String) -> Node<HTML.BodyContext> {
        .if(!errors.isEmpty, .div(
            .class("error-summary"),
            .attribute(named: "role", value: "alert"),
            .attribute(named: "tabindex", value: "-1"),
            .flag("autofocus", true),
            .h2(.txt(title)),
            .ul(.forEach(errors) { error in
                .li(.a(.safe("href", "#\(error.field)"), .txt(error.message)))
            })
        ))
    }

    /// A labelled text input with an optional hint and an inline error.
    public static func textField(
        name: String, label: String, value: String = "", type: HTMLInputType = .text,
        autocomplete: String? = nil, hint: String? = nil, error: String? = nil, required: Bool = true,
        maxLength: Int = 200
    ) -> Node<HTML.FormContext> {
        field(name: name, label: label, hint: hint, error: error, control: .input(
            .type(type), .safe("id", name), .safe("name", name),
            type == .password ? .empty : .safe("value", value),
            // maxlength means nothing on a date or a number (the HTML checker calls it an error there).
            Self.takesLength(type) ? .safe("maxlength", String(maxLength)) : .empty,
            .flag("required", required),
            autocomplete.map { .safe("autocomplete", $0) } ?? .empty,
            describedBy(name, hint: hint, error: error).map { .safe("aria-describedby", $0) } ?? .empty,
            error == nil ? .empty : .attribute(named: "aria-invalid", value: "true")
        ))
    }

    private static func takesLength(_ type: HTMLInputType) -> Bool {
        [.text, .email, .password, .search, .tel, .url].contains(type)
    }

    /// A labelled multi-line text field, for a person's own words.
    public static func textArea(
        name: String, label: String, value: String = "", hint: String? = nil, error: String? = nil,
        required: Bool = true, maxLength: Int = 2000
    ) -> Node<HTML.FormContext> {
        field(name: name, label: label, hint: hint, error: error, control: .element(named: "textarea", nodes: [
            .safe("id", name), .safe("name", name), .safe("rows", "4"),
            .safe("maxlength", String(maxLength)),
            .flag("required", required),
            describedBy(name, hint: hint, error: error).map { .safe("aria-describedby", $0) } ?? .empty,
            error == nil ? .empty : .attribute(named: "aria-invalid", value: "true"),
            .txt(value),
        ]))
    }

    /// The wrapper every field shares: label, hint, inline error, then the control.
    private static func field(
        name: String, label: String, hint: String?, error: String?, control: Node<HTML.FormContext>
    ) -> Node<HTML.FormContext> {
        .div(
            .safe("class", error == nil ? "field" : "field field--error"),
            .label(.safe("for", name), .txt(label)),
            .unwrap(hint) { .p(.class("field__hint"), .safe("id", "\(name)-hint"), .txt($0)) },
            .unwrap(error) { .p(.class("field__error"), .safe("id", "\(name)-error"), .txt($0)) },
            control
        )
    }

    /// The ids that tie a control to its hint and error, so a screen reader reads them with it.
    private static func describedBy(_ name: String, hint: String?, error: String?) -> String? {
        let ids = [hint.map { _ in "\(name)-hint" }, error.map { _ in "\(name)-error" }].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    public struct Option: Sendable {
        public let value: String
        public let label: String
        public let isSelected: Bool
        /// Plain words under a radio's label, read with it by a screen reader.
        public let hint: String?
        /// The label's language, when it is not the page's (a consultation's own choices).
        public let language: String?

        public init(value: String, label: String, isSelected: Bool, hint: String? = nil, language: String? = nil) {
            self.value = value
            self.label = label
            self.isSelected = isSelected
            self.hint = hint
            self.language = language
        }
    }

    /// A labelled drop-down list.
    public static func select(
        name: String, label: String, options: [Option], error: String? = nil
    ) -> Node<HTML.FormContext> {
        .div(
            .safe("class", error == nil ? "field" : "field field--error"),
            .label(.safe("for", name), .txt(label)),
            .unwrap(error) { .p(.class("field__error"), .safe("id", "\(name)-error"), .txt($0)) },
            .element(named: "select", nodes: [
                .safe("id", name), .safe("name", name),
                error == nil ? .empty : .safe("aria-describedby", "\(name)-error"),
                error == nil ? .empty : .attribute(named: "aria-invalid", value: "true"),
                .forEach(options) { option in
                    .element(named: "option", nodes: [
                        .safe("value", option.value),
                        .flag("selected", option.isSelected),
                        .txt(option.label),
                    ])
                },
            ])
        )
    }

    /// A group of checkboxes with a legend.
    public static func checkboxes(
        name: String, legend: String, options: [Option], error: String? = nil
    ) -> Node<HTML.FormContext> {
        .fieldset(
            // The id is where the error summary's link for this group leads.
            .safe("id", name),
            .safe("class", error == nil ? "field" : "field field--error"),
            .element(named: "legend", nodes: [Node<HTML.BodyContext>.txt(legend)]),
            .unwrap(error) { .p(.class("field__error"), .safe("id", "\(name)-error"), .txt($0)) },
            .forEach(Array(options.enumerated())) { index, option in
                .div(
                    .class("checkbox"),
                    .input(
                        .type(.checkbox), .safe("id", "\(name)-\(index)"), .safe("name", "\(name)[]"),
                        .safe("value", option.value), .flag("checked", option.isSelected),
                        // Each control of a group in error is marked, and says why.
                        error == nil ? .empty : .attribute(named: "aria-invalid", value: "true"),
                        error == nil ? .empty : .safe("aria-describedby", "\(name)-error")
                    ),
                    .label(.safe("for", "\(name)-\(index)"), .unwrap(option.language) { .safe("lang", $0) }, .txt(option.label))
                )
            }
        )
    }

    /// One choice from a few, as radio buttons in a fieldset with a legend and an optional hint.
    public static func radios(
        name: String, legend: String, hint: String? = nil, options: [Option], error: String? = nil
    ) -> Node<HTML.FormContext> {
        .fieldset(
            .safe("id", name),
            .safe("class", error == nil ? "field radios" : "field radios field--error"),
            .element(named: "legend", nodes: [Node<HTML.BodyContext>.txt(legend)]),
            .unwrap(hint) { .p(.class("field__hint"), .txt($0)) },
            .unwrap(error) { .p(.class("field__error"), .safe("id", "\(name)-error"), .txt($0)) },
            .forEach(Array(options.enumerated())) { index, option in
                .div(
                    .class("radio"),
                    .input(
                        .type(.radio), .safe("id", "\(name)-\(index)"), .safe("name", name),
                        .safe("value", option.value), .flag("checked", option.isSelected),
                        // Each control of a group in error is marked, and says why.
                        error == nil ? .empty : .attribute(named: "aria-invalid", value: "true"),
                        radioDescription(name, index: index, hint: option.hint, error: error).map { .safe("aria-describedby", $0) } ?? .empty
                    ),
                    .label(.safe("for", "\(name)-\(index)"), .unwrap(option.language) { .safe("lang", $0) }, .txt(option.label)),
                    .unwrap(option.hint) { .p(.class("field__hint radio__hint"), .safe("id", "\(name)-\(index)-hint"), .txt($0)) }
                )
            }
        )
    }

    private static func radioDescription(_ name: String, index: Int, hint: String?, error: String?) -> String? {
        let ids = [hint.map { _ in "\(name)-\(index)-hint" }, error.map { _ in "\(name)-error" }].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    /// A data table with a caption and column headers; wraps in a scroll box on narrow screens.
    public static func table(
        caption: String, headers: [String], rows: [[Node<HTML.BodyContext>]]
    ) -> Node<HTML.BodyContext> {
        .div(
            .class("table-scroll"),
            .attribute(named: "role", value: "region"),
            .safe("aria-label", caption),
            .attribute(named: "tabindex", value: "0"),
            .table(
                .caption(.txt(caption)),
                .thead(.tr(.forEach(headers) { .th(.attribute(named: "scope", value: "col"), .txt($0)) })),
                .tbody(.forEach(rows) { cells in .tr(.forEach(cells) { .td($0) }) })
            )
        )
    }

    /// Previous / next links and "page 2 of 7".
    public static func pagination<Item>(
        _ paged: Paged<Item>, t: Localizer, url: (Int) -> SafeURL
    ) -> Node<HTML.BodyContext> {
        .if(paged.pageCount > 1, .nav(
            .class("pagination"),
            .safe("aria-label", t(.paginationLabel)),
            .if(paged.page.number > 1, .a(
                .link(url(paged.page.number - 1)), .attribute(named: "rel", value: "prev"), .txt(t(.previousPage))
            )),
            .span(.txt(t(.pageOf, ["page": t.number(paged.page.number), "count": t.number(paged.pageCount)]))),
            .if(paged.page.number < paged.pageCount, .a(
                .link(url(paged.page.number + 1)), .attribute(named: "rel", value: "next"), .txt(t(.nextPage))
            ))
        ))
    }
}
