/// What the shared layout needs to know about the request: language, who is signed in, where
/// the navigation goes. The app builds it; pages never build URLs of their own.
public struct Chrome: Sendable, Equatable {
    /// The link to a person's notices, with how many they have not seen.
    public struct NoticesLink: Sendable, Equatable {
        public let url: SafeURL
        public let unread: Int
        public let isCurrent: Bool

        public init(url: SafeURL, unread: Int, isCurrent: Bool) {
            self.url = url
            self.unread = unread
            self.isCurrent = isCurrent
        }
    }

    public struct NavigationLink: Sendable, Equatable {
        public let label: String
        public let url: SafeURL
        public let isCurrent: Bool

        public init(label: String, url: SafeURL, isCurrent: Bool) {
            self.label = label
            self.url = url
            self.isCurrent = isCurrent
        }
    }

    public struct LanguageChoice: Sendable, Equatable {
        public let code: String
        public let name: String

        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    public let t: Localizer
    public let csrfToken: String
    public let signedInName: String?
    public let home: SafeURL
    public let navigation: [NavigationLink]
    public let signOut: SafeURL
    public let languageSwitch: SafeURL
    public let languages: [LanguageChoice]
    /// The page to return to after switching language.
    public let returnPath: String
    public let stylesheet: SafeURL
    /// The line a printed page carries at its top: whose pages, from where, printed when.
    public let printStamp: String?
    /// The accessibility statement, privacy notice and help, in every page's footer.
    public let footerLinks: [NavigationLink]
    /// Who to ask and how: where an error page sends the person.
    public let helpLink: SafeURL?
    /// The person's notices and how many they have not seen; nil for those not signed in.
    public let notices: NoticesLink?

    public init(
        t: Localizer, csrfToken: String, signedInName: String?, home: SafeURL,
        navigation: [NavigationLink], signOut: SafeURL, languageSwitch: SafeURL,
        languages: [LanguageChoice], returnPath: String, stylesheet: SafeURL, printStamp: String? = nil,
        footerLinks: [NavigationLink] = [], helpLink: SafeURL? = nil,
        notices: NoticesLink? = nil
    ) {
        self.t = t
        self.csrfToken = csrfToken
        self.signedInName = signedInName
        self.home = home
        self.navigation = navigation
        self.signOut = signOut
        self.languageSwitch = languageSwitch
        self.languages = languages
        self.returnPath = returnPath
        self.stylesheet = stylesheet
        self.printStamp = printStamp
        self.footerLinks = footerLinks
        self.helpLink = helpLink
        self.notices = notices
    }
}
