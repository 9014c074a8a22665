//! Kiosk settings from the dataset's `atlas.kiosk`: whether the dataset asks
//! for kiosk mode, how long a visitor may be idle before the kiosk goes back
//! to its start, and the public address its QR codes point phones to.
//!
//! A kiosk usually serves itself from `http://127.0.0.1`, which a visitor's
//! phone cannot reach, so a QR code of the kiosk's own URL would be useless:
//! `public_url` is where the same atlas is published, and deep links
//! (deep_link.rs) are joined to it.
//!
//! Every mistake here is a warning: the setting falls back to its default and
//! the kiosk still runs.

use crate::text::Lang;

/// Idle seconds before "Still there?", when the dataset does not say.
pub const DEFAULT_IDLE_SECONDS: f64 = 90.0;
/// Shorter idle times would interrupt a visitor who is reading.
pub const MIN_IDLE_SECONDS: f64 = 10.0;
/// Longer ones are almost always milliseconds written as seconds.
pub const MAX_IDLE_SECONDS: f64 = 3600.0;
/// Members of `atlas.kiosk`.
pub const KIOSK_KEYS: &[&str] = &["enabled", "idle_s", "public_url"];

/// The dataset's kiosk settings (`atlas.kiosk`).
#[derive(Clone, Debug, PartialEq)]
pub struct KioskSettings {
    /// The dataset asks for kiosk mode even without `?kiosk=1`.
    pub enabled: bool,
    /// Seconds without a touch before the "Still there?" countdown.
    pub idle_s: f64,
    /// The public base URL (http(s), not loopback) that QR deep links are
    /// joined to; `None` when the dataset gives none (or a bad one).
    pub public_url: Option<String>,
}

impl Default for KioskSettings {
    fn default() -> Self {
        Self {
            enabled: false,
            idle_s: DEFAULT_IDLE_SECONDS,
            public_url: None,
        }
    }
}

/// Why a `public_url` cannot be the base of links opened on a phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PublicUrlError {
    /// Not an absolute `http://` or `https://` URL with a host.
    #[error("is not an absolute http(s) address")]
    NotHttp,
    /// A loopback host (`localhost`, `127.0.0.1`, `[::1]`): every phone
    /// would open itself, not the atlas.
    #[error("points to the device itself (loopback)")]
    Loopback,
}

impl PublicUrlError {
    /// What is wrong and how to fix it, in `lang` (after the URL itself).
    pub fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (PublicUrlError::NotHttp, Lang::En) => "is not an absolute http(s) address; write the public base URL of the atlas, such as https://example.org/atlas/ (no QR code is shown until then)".into(),
            (PublicUrlError::Loopback, Lang::En) => "points to the device itself, which a visitor's phone cannot reach; write the address where the atlas is published (no QR code is shown until then)".into(),
            (PublicUrlError::NotHttp, Lang::Zh) => "不是完整的 http(s) 地址；请写出地图的公开网址，如 https://example.org/atlas/（在此之前不显示二维码）".into(),
            (PublicUrlError::Loopback, Lang::Zh) => "指向设备本身，观众的手机无法访问；请写出地图公开发布的网址（在此之前不显示二维码）".into(),
        }
    }
}

/// Checks that `url` can be the base of links a visitor opens on a phone:
/// absolute http(s), a host, no spaces, and not a loopback address.
pub fn check_public_url(url: &str) -> Result<(), PublicUrlError> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(PublicUrlError::NotHttp)?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(PublicUrlError::NotHttp);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if let Some(bracketed) = host_port.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err(PublicUrlError::NotHttp);
    }
    if is_loopback(host) {
        return Err(PublicUrlError::Loopback);
    }
    Ok(())
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    if host == "localhost" || host.ends_with(".localhost") || host == "::1" || host == "0.0.0.0" {
        return true;
    }
    // 127.0.0.0/8, written as a dotted quad.
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets
            .iter()
            .all(|o| !o.is_empty() && o.len() <= 3 && o.bytes().all(|b| b.is_ascii_digit()))
}
