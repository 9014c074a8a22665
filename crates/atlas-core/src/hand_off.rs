//! "Continue on your phone": the link a visitor's phone opens to carry on
//! from the view on screen, and whether a phone can open it at all.
//!
//! The link is a [`DeepLink`] joined to a public base: the dataset's
//! `atlas.kiosk.public_url` when it has one (a kiosk serves itself from
//! `127.0.0.1`, which every phone reads as itself), else the page's own
//! address. When that address is the device's own, the QR code still shows
//! (a curator testing on a laptop wants to see it), with a warning.
//!
//! ```
//! use atlas_core::hand_off::HandOff;
//! use atlas_core::DeepLink;
//! let link = DeepLink { site: Some("shajiabang".into()), ..DeepLink::default() };
//! let kiosk = HandOff::new(&link, Some("https://atlas.example.org/"), "http://127.0.0.1:8080/");
//! assert_eq!(kiosk.url, "https://atlas.example.org/?site=shajiabang");
//! assert!(!kiosk.on_this_device);
//! let laptop = HandOff::new(&link, None, "http://127.0.0.1:8080/");
//! assert!(laptop.on_this_device);
//! ```

use crate::deep_link::DeepLink;
use crate::kiosk::check_public_url;

/// The link to hand to a phone, with what the visitor should know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandOff {
    /// The absolute link: what the QR code holds and the text beneath it says.
    pub url: String,
    /// The link points at this device (a loopback host such as `localhost`
    /// or `127.0.0.1`, or an address that is not http(s) at all), so a
    /// phone that scans it opens itself, not the atlas.
    pub on_this_device: bool,
}

impl HandOff {
    /// The hand-off of `view`: joined to `public_url` (the dataset's
    /// `atlas.kiosk.public_url`) when there is one, else to `page_url` (the
    /// page's origin and path, without its query).
    pub fn new(view: &DeepLink, public_url: Option<&str>, page_url: &str) -> HandOff {
        let base = public_url
            .filter(|u| !u.trim().is_empty())
            .unwrap_or(page_url);
        HandOff {
            url: view.url(base),
            on_this_device: check_public_url(base).is_err(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lang, TimeFilter};

    fn raid() -> DeepLink {
        DeepLink {
            site: Some("xushuguan-raid-memorial".into()),
            time: TimeFilter::from_query(Some("1939-06-24"), None, None),
            lang: Some(Lang::En),
            ..DeepLink::default()
        }
    }

    #[test]
    fn a_public_url_wins_over_the_kiosks_own_address() {
        let hand_off = HandOff::new(
            &raid(),
            Some("https://atlas.example.org/huqiu/"),
            "http://127.0.0.1:8080/index.html",
        );
        assert_eq!(
            hand_off.url,
            "https://atlas.example.org/huqiu/?site=xushuguan-raid-memorial&t=1939-06-24&lang=en"
        );
        assert!(!hand_off.on_this_device);
    }

    #[test]
    fn without_a_public_url_the_page_itself_is_the_base() {
        let hand_off = HandOff::new(&raid(), None, "https://heritage.example.cn/atlas/");
        assert_eq!(
            hand_off.url,
            "https://heritage.example.cn/atlas/?site=xushuguan-raid-memorial&t=1939-06-24&lang=en"
        );
        assert!(!hand_off.on_this_device);
        // A blank setting is no setting.
        assert_eq!(
            HandOff::new(&raid(), Some("  "), "https://heritage.example.cn/atlas/"),
            hand_off
        );
    }

    #[test]
    fn the_devices_own_address_is_flagged() {
        for page in [
            "http://127.0.0.1:8098/",
            "http://localhost:8080/atlas/",
            "http://127.3.2.1/",
            "http://[::1]:8080/",
            "file:///home/kiosk/atlas/index.html",
        ] {
            let hand_off = HandOff::new(&raid(), None, page);
            assert!(hand_off.on_this_device, "{page}");
            assert!(
                hand_off.url.contains("site=xushuguan-raid-memorial"),
                "{page}"
            );
        }
    }

    #[test]
    fn a_data_path_and_a_tour_chapter_travel_with_the_link() {
        let view = DeepLink {
            data: Some("fixtures/kiosk.geojson".into()),
            tour_chapter: Some(2),
            ..raid()
        };
        let hand_off = HandOff::new(
            &view,
            Some("https://atlas.example.org/"),
            "http://127.0.0.1/",
        );
        assert_eq!(
            hand_off.url,
            "https://atlas.example.org/?data=fixtures%2Fkiosk.geojson&site=xushuguan-raid-memorial\
             &t=1939-06-24&lang=en&tour=1&chapter=3"
        );
    }
}
