@preconcurrency import Plot
import KanssaCore
import Testing

@Suite struct SafeHTMLTests {
    @Test func attributeValuesAreEscaped() {
        #expect(HTMLEscape.attribute(#"a" onmouseover='x' <b> & c"#) == "a&quot; onmouseover=&#39;x&#39; &lt;b&gt; &amp; c")
        let html = Node<HTML.BodyContext>.div(.safe("title", #"x" onclick="alert(1)"#)).render()
        #expect(html == #"<div title="x&quot; onclick=&quot;alert(1)"></div>"#)
    }

    @Test func emptyValuesAreStillWritten() {
        // Without it, <option>No team</option> would send "No team" instead of "".
        let html = Node<HTML.BodyContext>.element(named: "option", nodes: [.safe("value", ""), .txt("No team")]).render()
        #expect(html == "<option value>No team</option>")
    }

    @Test func textIsShownExactlyAsWritten() {
        #expect(Node<HTML.BodyContext>.p(.txt("<script>&lt;b&gt; & ;")).render() == "<p>&lt;script&gt;&amp;lt;b&amp;gt; &amp; ;</p>")
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "//evil.example", "/\\evil.example", "vbscript:x", " https://x", "ftp://x"])
    func dangerousLinksAreRefused(url: String) {
        #expect(SafeURL(url) == nil)
    }

    @Test(arguments: ["/", "/me?page=2", "#main", "https://example.org/x", "http://example.org"])
    func siteAndWebLinksAreAccepted(url: String) {
        #expect(SafeURL(url)?.value == url)
    }
}

@Suite struct TextEscapeTests {
    @Test func textWithNothingToEscapeIsLeftAsItIsAndEveryAmpersandAndAngleIsEscaped() {
        #expect(HTMLEscape.text("Fatima's plan – ü \"quoted\"") == "Fatima's plan – ü \"quoted\"")
        #expect(HTMLEscape.text("Fatima's <plan> – ü") == "Fatima's &lt;plan&gt; – ü")
        #expect(HTMLEscape.text("Fish & chips &lt; &amp;") == "Fish &amp; chips &amp;lt; &amp;amp;")
        #expect(HTMLEscape.text("🙂&🙂<é>") == "🙂&amp;🙂&lt;é&gt;")
        #expect(HTMLEscape.attribute("plain-id 42") == "plain-id 42")
        #expect(HTMLEscape.attribute("é\"ü") == "é&quot;ü")
    }
}

@Suite struct ReturnPathTests {
    @Test(arguments: ["/", "/me", "/me?page=2", "/plans/3f1e/actions#a-1", "/.//evil.example", "/@evil.example"])
    func pathsOfThisSiteAreKept(path: String) {
        #expect(ReturnPath(path)?.value == path)
    }

    @Test(arguments: ["/\t/x", "//x", "/\\x", "https://x", "x", "", "/%09/x", "/%2F/x", "/%ZZ", "/a b", "/\u{202E}x"])
    func anythingElseGoesHome(text: String) {
        #expect(ReturnPath(text) == nil)
        #expect(ReturnPath.or(text, "/") == "/")
    }

    @Test func controlCharactersAreNoLinks() {
        #expect(SafeURL("/\t/evil.example") == nil)
        #expect(SafeURL("https://example.org/\u{85}") == nil)
        #expect(SafeURL("https://example.org/ä?q=1") != nil)
    }
}
