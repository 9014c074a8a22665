//! What the page's URL asks for (`?data=`, `?lang=`, `?site=`).

use atlas_core::Lang;

/// The dataset the app opens when the URL names none.
pub const DEFAULT_DATA: &str = "data/suzhou-red-heritage.geojson";

/// Query parameters of the current page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageQuery {
    /// `?data=PATH`: another same-origin dataset.
    pub data: Option<String>,
    /// `?lang=zh|en`.
    pub lang: Option<Lang>,
    /// `?site=ID`: the site to open.
    pub site: Option<String>,
}

impl PageQuery {
    /// Reads the current location.
    pub fn current() -> Self {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
            return Self::default();
        };
        let get = |k: &str| params.get(k).filter(|v| !v.is_empty());
        Self {
            data: get("data"),
            lang: get("lang").as_deref().and_then(Lang::from_tag),
            site: get("site"),
        }
    }

    /// The dataset path to fetch.
    pub fn data_path(&self) -> String {
        self.data.clone().unwrap_or_else(|| DEFAULT_DATA.to_owned())
    }
}

/// Resolves `path` against the page; `None` when it leaves the page's origin.
pub fn same_origin_url(path: &str, base: &str) -> Option<String> {
    let url = web_sys::Url::new_with_base(path, base).ok()?;
    let page = web_sys::Url::new(base).ok()?;
    (url.origin() == page.origin()).then(|| url.href())
}

/// The browser's preferred language, when it is one we speak.
pub fn browser_lang() -> Option<Lang> {
    web_sys::window()?
        .navigator()
        .language()
        .as_deref()
        .and_then(Lang::from_tag)
}
