//! Addresses from data: which may become a link or an image source, and
//! where a link leads, in words a visitor can check before following it.
//!
//! Datasets are written by curators and copied from anywhere, so an address
//! in one is hostile until shown otherwise. The rule is an allow-list: an
//! absolute `http://` or `https://` address with a host, or a path on the
//! page's own server (`notes/a.html`, `/data/x.jpg`, `?q=1`, `#top`).
//! Everything else (`javascript:`, `data:`, `vbscript:`, `file:`, the
//! protocol-relative `//host`, user names in the host, addresses with control
//! or invisible characters) is refused, and the app shows it as plain text.
//!
//! Browsers forgive a lot when they read an address (the WHATWG URL
//! standard): they drop leading and trailing spaces and control characters,
//! remove tabs and newlines anywhere, read `\` as `/` in http(s) addresses and
//! skip extra slashes after `https:`. The rule reads the address the way a
//! browser would, so ` java\tscript:`, `/\evil.example` or `https:///evil`
//! cannot slip past it.

/// An address from data that is allowed to be a link or an image source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    href: String,
    destination: Destination,
}

/// Where a [`Link`] leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// An absolute http(s) address: its host (with its port, if written),
    /// lower-cased, as the visitor should see it, e.g. `www.gov.cn`.
    Web {
        /// The host (and port) the browser will contact.
        host: String,
    },
    /// A path on the page's own server.
    SameSite,
}

impl Link {
    /// Reads an address as written in a dataset; `None` when it must not
    /// become a link (it is then shown as text, or not at all for media).
    pub fn parse(written: &str) -> Option<Link> {
        // What a browser drops before reading an address (C0 controls and
        // space); other Unicode spaces too, which a copy and paste brings.
        let trimmed = written.trim_matches(|c: char| c <= ' ' || c.is_whitespace());
        if trimmed.is_empty() || trimmed.chars().any(is_hidden_or_blank) {
            return None;
        }
        // Browsers read '\' as '/' in http(s) addresses and relative ones
        // resolved against an http(s) page: read it the same way.
        let href = trimmed.replace('\\', "/");
        let head_end = href.find(['/', '?', '#']).unwrap_or(href.len());
        let destination = match href[..head_end].find(':') {
            None if href.starts_with("//") => return None,
            None => Destination::SameSite,
            Some(colon) => {
                let scheme = &href[..colon];
                if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
                    return None;
                }
                let host = web_host(href[colon + 1..].strip_prefix("//")?)?;
                Destination::Web { host }
            }
        };
        Some(Link { href, destination })
    }

    /// The address to put in `href` or `src`: as written, with the browser's
    /// own reading of its spaces and backslashes already applied.
    pub fn href(&self) -> &str {
        &self.href
    }

    /// Where the link leads.
    pub fn destination(&self) -> &Destination {
        &self.destination
    }

    /// The host a web link leads to; `None` for a path on the page's server.
    pub fn host(&self) -> Option<&str> {
        match &self.destination {
            Destination::Web { host } => Some(host),
            Destination::SameSite => None,
        }
    }
}

/// The host (and port) of an address's authority (`rest` starts after
/// `scheme://`), or `None` when there is none a visitor could check: empty
/// (`https:///evil`, which browsers read as `https://evil`), or with a user
/// name (`https://gov.cn@evil.example`, which leads to evil.example).
fn web_host(rest: &str) -> Option<String> {
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let usable = !authority.is_empty()
        && !authority.starts_with(':')
        && !authority.contains(['@', ' ', '%']);
    usable.then(|| authority.to_lowercase())
}

/// Characters that have no place in an address a curator typed: controls
/// (tabs and newlines, which browsers silently remove, so `java\tscript:`
/// reads as `javascript:`), invisible formatting (zero-width and bidi
/// controls, which make the shown address differ from the real one), and
/// blanks other than the plain space.
fn is_hidden_or_blank(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
            | '\u{E0000}'..='\u{E0FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn host(url: &str) -> Option<String> {
        Link::parse(url).and_then(|l| l.host().map(str::to_owned))
    }

    #[test]
    fn web_addresses_are_links_that_name_their_host() {
        assert_eq!(
            host("https://www.gov.cn/zhengce/").as_deref(),
            Some("www.gov.cn")
        );
        assert_eq!(
            host("HTTP://Example.ORG:8080?q=1").as_deref(),
            Some("example.org:8080")
        );
        assert_eq!(
            host("https://[2001:db8::1]/a").as_deref(),
            Some("[2001:db8::1]")
        );
        assert_eq!(
            host("  https://example.org/a b  ").as_deref(),
            Some("example.org")
        );
        assert_eq!(host("https://例子.中国/").as_deref(), Some("例子.中国"));
    }

    #[test]
    fn paths_on_the_pages_server_are_links_to_this_site() {
        for url in [
            "notes/source.html",
            "/data/media/x.jpg",
            "?site=a",
            "#top",
            "data/my photo.jpg",
            "javascript%3Aalert(1)",
            "javascript&colon;alert(1)",
            "jav&#x09;ascript:alert(1)",
        ] {
            let link = Link::parse(url).unwrap_or_else(|| panic!("{url} is a path"));
            assert_eq!(link.destination(), &Destination::SameSite, "{url}");
            assert_eq!(link.href(), url);
        }
    }

    #[test]
    fn other_schemes_are_never_links() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml;base64,PHN2Zz4=",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "mailto:a@example.org",
            "blob:https://example.org/x",
            "java script:alert(1)",
            "notes:2020.html",
            "http:example.org",
            "https:/example.org",
        ] {
            assert_eq!(Link::parse(url), None, "{url}");
        }
    }

    #[test]
    fn disguised_addresses_are_refused() {
        for url in [
            "//evil.example/a",
            " //evil.example",
            "\\\\evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "https:///evil.example",
            "https://:80/x",
            "https://gov.cn@evil.example/",
            "https://evil%2eexample",
            " javascript:alert(1)",
            "\u{0}javascript:alert(1)",
            "\u{1}\u{2}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "/\t/evil.example",
            "\u{202E}lmth.elif/moc.elpmaxe//:sptth",
            "https://exa\u{200B}mple.org",
            "\u{FEFF}javascript:alert(1)",
            "\u{3000}//evil.example",
            "https://example.org/\u{7F}",
            "",
            "   ",
        ] {
            assert_eq!(Link::parse(url), None, "{url:?}");
        }
    }

    #[test]
    fn backslashes_are_read_as_the_browser_reads_them() {
        let link = Link::parse("https:\\\\example.org\\a").expect("a web link");
        assert_eq!(link.href(), "https://example.org/a");
        assert_eq!(link.host(), Some("example.org"));
    }

    /// Where a browser (WHATWG URL, for a page on an http(s) site) would send
    /// `url`: `None` when it stays on the page's site, else its scheme and host.
    /// A model of the parts of the standard that decide that.
    fn browser_destination(url: &str) -> Option<(String, String)> {
        let s: String = url
            .trim_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect::<String>()
            .replace('\\', "/");
        let first = s.chars().next()?;
        if let Some(colon) = s.find(':') {
            let scheme = &s[..colon];
            if first.is_ascii_alphabetic()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            {
                let rest = s[colon + 1..].trim_start_matches('/');
                let host = rest.split(['/', '?', '#']).next().unwrap_or("");
                return Some((
                    scheme.to_ascii_lowercase(),
                    host.rsplit('@').next().unwrap_or("").to_owned(),
                ));
            }
        }
        if let Some(rest) = s.strip_prefix("//") {
            let host = rest
                .trim_start_matches('/')
                .split(['/', '?', '#'])
                .next()
                .unwrap_or("");
            return Some((
                "same-scheme".into(),
                host.rsplit('@').next().unwrap_or("").to_owned(),
            ));
        }
        None
    }

    proptest! {
        /// Whatever a dataset writes, an accepted address leads where the
        /// link says: to its named host over http(s), or to the page's site.
        #[test]
        fn a_link_goes_where_it_says(url in "[ \\t\\n\\x00\\x01/\\\\:@a-zA-Z.#?%]{0,24}") {
            if let Some(link) = Link::parse(&url) {
                match (link.destination(), browser_destination(&url)) {
                    (Destination::SameSite, None) => {}
                    (Destination::Web { host }, Some((scheme, real_host))) => {
                        prop_assert!(scheme == "http" || scheme == "https", "{url:?} goes to {scheme}:");
                        prop_assert_eq!(host, &real_host.to_lowercase());
                    }
                    (said, real) => prop_assert!(false, "{url:?}: link says {said:?}, browser goes to {real:?}"),
                }
            }
        }

        /// Prefixes that hide a scheme never make a link out of a dangerous one.
        #[test]
        fn hidden_schemes_stay_text(
            pad in "[ \\t\\n\\r\\x00-\\x1f\\u{200B}\\u{FEFF}]{0,4}",
            scheme in "(?i)(javascript|data|vbscript|file)",
            gap in "[\\t\\n\\r]{0,2}",
        ) {
            let (head, tail) = scheme.split_at(2);
            let url = format!("{pad}{head}{gap}{tail}:alert(1)");
            prop_assert_eq!(Link::parse(&url), None, "{:?}", url);
        }

        /// Accepted addresses never carry characters that hide what they are.
        #[test]
        fn hrefs_are_clean(url in "\\PC{0,16}|[\\x00-\\x20a-z:/\\\\]{0,16}") {
            if let Some(link) = Link::parse(&url) {
                prop_assert!(!link.href().chars().any(is_hidden_or_blank));
                prop_assert!(!link.href().starts_with("//"));
                prop_assert!(!link.href().contains('\\'));
            }
        }
    }
}
