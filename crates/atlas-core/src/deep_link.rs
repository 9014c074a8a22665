//! Links that restore a view, for the kiosk's QR code ("continue on your
//! phone") and anywhere else a link is shared.
//!
//! The parameters are the app's own (`src/url.rs` reads them): `data`,
//! `site`, `t` or `from`/`to`, `lang`, and `tour`/`chapter` for a tour in
//! progress. A link never carries `kiosk`: whoever opens it is not a kiosk.
//!
//! ```
//! use atlas_core::{DeepLink, Lang, TimeFilter};
//! let link = DeepLink {
//!     site: Some("xushuguan-raid-memorial".into()),
//!     time: TimeFilter::from_query(Some("1939-06-24"), None, None),
//!     lang: Some(Lang::En),
//!     ..DeepLink::default()
//! };
//! assert_eq!(
//!     link.url("https://example.org/atlas/"),
//!     "https://example.org/atlas/?site=xushuguan-raid-memorial&t=1939-06-24&lang=en"
//! );
//! ```

use crate::model::Atlas;
use crate::text::Lang;
use crate::time::TimeFilter;

/// Query parameters a deep link sets; any of them already in the base URL
/// is replaced, so the link shows exactly its own view.
pub const VIEW_PARAMS: &[&str] = &["site", "t", "from", "to", "lang", "tour", "chapter"];

/// A view to restore: what `?data=…&site=…&t=…&lang=…&tour=1&chapter=3` says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeepLink {
    /// `data`: the dataset path, when it is not the app's default one.
    /// `None` keeps whatever the base URL says.
    pub data: Option<String>,
    /// `site`: the selected site's id.
    pub site: Option<String>,
    /// `t`, or `from` and `to`: the time filter (nothing for "All time").
    pub time: TimeFilter,
    /// `lang`: the language to show.
    pub lang: Option<Lang>,
    /// `tour=1&chapter=N`: a tour in progress at this chapter (0-based here,
    /// written 1-based so the link reads like "Chapter 3 of 9").
    pub tour_chapter: Option<usize>,
}

impl DeepLink {
    /// The view of chapter `index` (0-based) of the dataset's tour: its
    /// site, its time and the tour position; `None` past the last chapter.
    pub fn for_chapter(atlas: &Atlas, index: usize, lang: Lang) -> Option<DeepLink> {
        let chapter = atlas.settings.tour.chapter(index)?;
        Some(DeepLink {
            data: None,
            site: chapter
                .site
                .and_then(|i| atlas.sites.get(i))
                .map(|s| s.id.clone()),
            time: chapter.time.filter(),
            lang: Some(lang),
            tour_chapter: Some(index),
        })
    }

    /// The parameters, unescaped, in a stable order (`data`, `site`, time,
    /// `lang`, `tour`, `chapter`); only those that say something.
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::new();
        if let Some(data) = &self.data {
            query.push(("data", data.clone()));
        }
        if let Some(site) = &self.site {
            query.push(("site", site.clone()));
        }
        query.extend(self.time.to_query());
        if let Some(lang) = self.lang {
            query.push(("lang", lang.code().to_owned()));
        }
        if let Some(chapter) = self.tour_chapter {
            query.push(("tour", "1".to_owned()));
            query.push(("chapter", (chapter + 1).to_string()));
        }
        query
    }

    /// The link: `base` (an absolute or relative URL, e.g. the kiosk's
    /// `public_url`) with this view's parameters, escaped. Parameters of
    /// `base` that this view sets, and `kiosk`, are dropped; others (such
    /// as a `data` the base pins) stay, and so does a `#fragment`.
    pub fn url(&self, base: &str) -> String {
        let (rest, fragment) = match base.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment)),
            None => (base, None),
        };
        let (path, base_query) = rest.split_once('?').unwrap_or((rest, ""));
        let ours = self.query();
        let kept = base_query.split('&').filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            !pair.is_empty()
                && key != "kiosk"
                && !VIEW_PARAMS.contains(&key)
                && !ours.iter().any(|(k, _)| *k == key)
        });
        let pairs: Vec<String> = kept
            .map(str::to_owned)
            .chain(ours.iter().map(|(k, v)| format!("{k}={}", escape(v))))
            .collect();
        let mut url = path.to_owned();
        // "https://example.org" has no path; links read better with its "/".
        if let Some(after_scheme) = url.split_once("://").map(|(_, a)| a) {
            if !after_scheme.contains('/') {
                url.push('/');
            }
        }
        if !pairs.is_empty() {
            url.push('?');
            url.push_str(&pairs.join("&"));
        }
        if let Some(fragment) = fragment {
            url.push('#');
            url.push_str(fragment);
        }
        url
    }
}

/// Percent-escapes a query value: everything but letters, digits and
/// `-._~` (RFC 3986's unreserved characters), byte by byte in UTF-8.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Percent-decoding, as the browser's URLSearchParams does for the app.
    fn unescape(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    fn params(url: &str) -> Vec<(String, String)> {
        let query = url.split_once('?').map_or("", |(_, q)| q);
        let query = query.split('#').next().unwrap();
        query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (unescape(k), unescape(v))
            })
            .collect()
    }

    #[test]
    fn every_part_of_the_view_has_its_parameter() {
        let link = DeepLink {
            data: Some("data/other set.geojson".into()),
            site: Some("leyi-girls-school".into()),
            time: TimeFilter::from_query(None, Some("1937"), Some("1946")),
            lang: Some(Lang::Zh),
            tour_chapter: Some(2),
        };
        assert_eq!(
            link.url("https://example.org/atlas/"),
            "https://example.org/atlas/?data=data%2Fother%20set.geojson&site=leyi-girls-school\
             &from=1937&to=1946&lang=zh&tour=1&chapter=3"
        );
    }

    #[test]
    fn an_empty_view_is_the_base_itself() {
        assert_eq!(
            DeepLink::default().url("https://example.org"),
            "https://example.org/"
        );
        assert_eq!(DeepLink::default().url("/atlas/"), "/atlas/");
    }

    #[test]
    fn the_base_keeps_its_own_parameters_and_fragment_but_never_kiosk() {
        let link = DeepLink {
            site: Some("shajiabang".into()),
            lang: Some(Lang::En),
            ..DeepLink::default()
        };
        assert_eq!(
            link.url("https://example.org/atlas/?data=data/x.geojson&kiosk=1&site=old&lang=zh#map"),
            "https://example.org/atlas/?data=data/x.geojson&site=shajiabang&lang=en#map"
        );
        // A dataset in the link replaces the one the base pins.
        let with_data = DeepLink {
            data: Some("data/y.geojson".into()),
            ..DeepLink::default()
        };
        assert_eq!(
            with_data.url("https://example.org/?data=data/x.geojson"),
            "https://example.org/?data=data%2Fy.geojson"
        );
    }

    #[test]
    fn a_cleared_view_drops_the_bases_view_parameters_too() {
        // The link shows exactly its view: no stale site from the base.
        assert_eq!(
            DeepLink::default().url("https://example.org/?site=old&t=1939&tour=1&chapter=2"),
            "https://example.org/"
        );
    }

    #[test]
    fn escaping_leaves_only_unreserved_characters() {
        assert_eq!(escape("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(
            escape("a b&c=d/e?f#g+h%"),
            "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25"
        );
        assert_eq!(escape("苏州"), "%E8%8B%8F%E5%B7%9E");
    }

    #[test]
    fn a_chapter_link_carries_its_site_time_and_place_in_the_tour() {
        let text = r#"{ "type": "FeatureCollection",
          "atlas": { "tour": [
            { "site": "b", "t": "1939-06-24", "title": "T", "text": "X" },
            { "bbox": [120, 31, 121, 32], "from": "1937", "to": "1945", "title": "T", "text": "X" } ] },
          "features": [
            { "type": "Feature", "geometry": null, "properties": { "id": "a", "name": "A",
              "category": "base", "events": [{ "date": "1925", "title": "E" }], "sources": [{ "title": "S" }] } },
            { "type": "Feature", "geometry": null, "properties": { "id": "b", "name": "B",
              "category": "base", "events": [{ "date": "1939-06-24", "title": "E" }], "sources": [{ "title": "S" }] } } ] }"#;
        let atlas = crate::load(text).unwrap().atlas;
        let first = DeepLink::for_chapter(&atlas, 0, Lang::En).unwrap();
        assert_eq!(
            first.url("https://example.org/"),
            "https://example.org/?site=b&t=1939-06-24&lang=en&tour=1&chapter=1"
        );
        let second = DeepLink::for_chapter(&atlas, 1, Lang::Zh).unwrap();
        assert_eq!(
            second.url("https://example.org/"),
            "https://example.org/?from=1937&to=1946&lang=zh&tour=1&chapter=2"
        );
        assert!(DeepLink::for_chapter(&atlas, 2, Lang::Zh).is_none());
    }

    fn any_time() -> impl Strategy<Value = TimeFilter> {
        prop_oneof![
            Just(TimeFilter::All),
            (1i32..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| {
                let t = format!("{y:04}-{m:02}-{d:02}");
                TimeFilter::from_query(Some(&t), None, None)
            }),
            (1i32..2000, 1i32..100).prop_map(|(from, span)| {
                let (from, to) = (from.to_string(), (from + span).to_string());
                TimeFilter::from_query(None, Some(&from), Some(&to))
            }),
        ]
    }

    proptest! {
        /// Whatever the values, the browser reads back exactly the view:
        /// escaping never lets a value spill into another parameter.
        #[test]
        fn the_app_reads_back_exactly_the_view(
            data in proptest::option::of("\\PC{0,12}"),
            site in proptest::option::of("\\PC{0,12}"),
            time in any_time(),
            zh in proptest::option::of(any::<bool>()),
            chapter in proptest::option::of(0usize..50),
            base_query in proptest::option::of("[a-z]{1,3}=[a-z0-9]{0,3}"),
        ) {
            let link = DeepLink {
                data: data.clone(),
                site: site.clone(),
                time,
                lang: zh.map(|zh| if zh { Lang::Zh } else { Lang::En }),
                tour_chapter: chapter,
            };
            let base = match &base_query {
                Some(q) => format!("https://example.org/atlas/?{q}#frag"),
                None => "https://example.org/atlas/#frag".to_owned(),
            };
            let url = link.url(&base);
            prop_assert!(url.starts_with("https://example.org/atlas/"));
            prop_assert!(url.ends_with("#frag"));
            let read = params(&url);
            let get = |k: &str| read.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
            prop_assert_eq!(get("data"), data);
            prop_assert_eq!(get("site"), site);
            prop_assert_eq!(get("lang"), link.lang.map(|l| l.code().to_owned()));
            prop_assert_eq!(
                TimeFilter::from_query(get("t").as_deref(), get("from").as_deref(), get("to").as_deref()),
                time
            );
            prop_assert_eq!(
                get("chapter").and_then(|c| c.parse::<usize>().ok()),
                chapter.map(|c| c + 1)
            );
            prop_assert_eq!(get("tour").is_some(), chapter.is_some());
            prop_assert!(get("kiosk").is_none());
            let ours: Vec<&str> = link.query().iter().map(|(k, _)| *k).collect();
            prop_assert_eq!(read.len(), ours.len() + usize::from(base_query.as_ref().is_some_and(|q| {
                let key = q.split('=').next().unwrap();
                key != "kiosk" && !VIEW_PARAMS.contains(&key) && !ours.contains(&key)
            })));
        }
    }
}
