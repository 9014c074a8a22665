//! Kiosk settings from the dataset's `atlas.kiosk`: whether the dataset asks
//! for kiosk mode, how long a visitor may be idle before the kiosk goes back
//! to its start, and the public address its QR codes point phones to.
//!
//! A kiosk usually serves itself from `http://127.0.0.1`, which a visitor's
//! phone cannot reach, so a QR code of the kiosk's own URL would be useless:
//! `public_url` is where the same atlas is published, and deep links
//! ([`crate::deep_link`]) are joined to it.
//!
//! Every mistake here is a warning: the setting falls back to its default and
//! the kiosk still runs.

use serde_json::{Map, Value};

use crate::problem::{Expected, Problem, ProblemKind, Severity};
use crate::text::Lang;
use crate::typo;

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

/// Reads `atlas.kiosk`; problems are warnings and leave the default in place.
pub(crate) fn read(value: Option<&Value>, problems: &mut Vec<Problem>) -> KioskSettings {
    let mut settings = KioskSettings::default();
    let kiosk: &Map<String, Value> = match value {
        None | Some(Value::Null) => return settings,
        Some(Value::Object(kiosk)) => kiosk,
        Some(_) => {
            warn(problems, "", wrong(Expected::Object));
            return settings;
        }
    };
    for key in kiosk.keys() {
        if let Some(meant) = typo::likely_meant(key, KIOSK_KEYS) {
            let found = key.clone();
            warn(problems, key, ProblemKind::LikelyTypo { found, meant });
        }
    }
    match kiosk.get("enabled") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(enabled)) => settings.enabled = *enabled,
        Some(_) => warn(problems, "enabled", wrong(Expected::Bool)),
    }
    match kiosk.get("idle_s") {
        None | Some(Value::Null) => {}
        Some(Value::Number(n))
            if n.as_f64()
                .is_some_and(|s| (MIN_IDLE_SECONDS..=MAX_IDLE_SECONDS).contains(&s)) =>
        {
            settings.idle_s = n.as_f64().unwrap_or(DEFAULT_IDLE_SECONDS);
        }
        Some(_) => warn(problems, "idle_s", wrong(Expected::IdleSeconds)),
    }
    match kiosk.get("public_url") {
        None | Some(Value::Null) => {}
        Some(Value::String(url)) => match check_public_url(url.trim()) {
            Ok(()) => settings.public_url = Some(url.trim().to_owned()),
            Err(why) => {
                let url = url.clone();
                warn(
                    problems,
                    "public_url",
                    ProblemKind::BadPublicUrl { url, why },
                );
            }
        },
        Some(_) => warn(problems, "public_url", wrong(Expected::String)),
    }
    settings
}

fn wrong(expected: Expected) -> ProblemKind {
    ProblemKind::WrongType { expected }
}

fn warn(problems: &mut Vec<Problem>, key: &str, kind: ProblemKind) {
    let field = match key {
        "" => "atlas.kiosk".to_owned(),
        key => format!("atlas.kiosk.{key}"),
    };
    problems.push(Problem::in_settings(Severity::Warning, field, kind));
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read_json(value: Value) -> (KioskSettings, Vec<Problem>) {
        let mut problems = Vec::new();
        let settings = read(Some(&value), &mut problems);
        (settings, problems)
    }

    #[test]
    fn absent_settings_mean_no_kiosk_and_ninety_idle_seconds() {
        let mut problems = Vec::new();
        assert_eq!(read(None, &mut problems), KioskSettings::default());
        assert_eq!(KioskSettings::default().idle_s, 90.0);
        assert!(!KioskSettings::default().enabled);
        assert!(problems.is_empty());
    }

    #[test]
    fn good_settings_are_read_as_written() {
        let (settings, problems) = read_json(json!({
            "enabled": true, "idle_s": 45, "public_url": " https://example.org/atlas/ "
        }));
        assert_eq!(problems, vec![]);
        assert_eq!(
            settings,
            KioskSettings {
                enabled: true,
                idle_s: 45.0,
                public_url: Some("https://example.org/atlas/".into()),
            }
        );
    }

    #[test]
    fn each_bad_value_is_a_warning_that_keeps_the_default() {
        let (settings, problems) = read_json(json!({
            "enabled": "yes", "idle_s": 0, "public_url": "javascript:alert(1)", "idle": 5
        }));
        assert_eq!(settings, KioskSettings::default());
        let fields: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.field.as_str(), p.kind.code()))
            .collect();
        assert_eq!(
            fields,
            [
                ("atlas.kiosk.idle", "likely-typo"),
                ("atlas.kiosk.enabled", "wrong-type"),
                ("atlas.kiosk.idle_s", "wrong-type"),
                ("atlas.kiosk.public_url", "bad-public-url"),
            ]
        );
        assert!(problems.iter().all(|p| p.severity == Severity::Warning));
    }

    #[test]
    fn idle_time_must_be_between_ten_seconds_and_an_hour() {
        for (idle, ok) in [(9.5, false), (10.0, true), (3600.0, true), (90000.0, false)] {
            let (settings, problems) = read_json(json!({ "idle_s": idle }));
            assert_eq!(problems.is_empty(), ok, "{idle}");
            assert_eq!(settings.idle_s, if ok { idle } else { 90.0 });
        }
    }

    #[test]
    fn public_urls_must_be_http_and_reachable_from_a_phone() {
        for url in [
            "https://example.org/atlas/",
            "HTTP://museum.example:8080/?data=data/x.geojson",
            "http://192.168.1.20/",
            "https://user@atlas.example/",
            "https://[2001:db8::1]/atlas/",
        ] {
            assert_eq!(check_public_url(url), Ok(()), "{url}");
        }
        for (url, why) in [
            ("/atlas/", PublicUrlError::NotHttp),
            ("example.org/atlas", PublicUrlError::NotHttp),
            ("ftp://example.org/", PublicUrlError::NotHttp),
            ("javascript:alert(1)", PublicUrlError::NotHttp),
            ("https://", PublicUrlError::NotHttp),
            ("https:///path", PublicUrlError::NotHttp),
            ("https://exa mple.org/", PublicUrlError::NotHttp),
            ("http://localhost:8080/", PublicUrlError::Loopback),
            ("http://127.0.0.1/", PublicUrlError::Loopback),
            ("http://127.1.2.3:9000/a", PublicUrlError::Loopback),
            ("http://[::1]:8080/", PublicUrlError::Loopback),
            ("http://atlas.localhost/", PublicUrlError::Loopback),
            ("http://0.0.0.0/", PublicUrlError::Loopback),
        ] {
            assert_eq!(check_public_url(url), Err(why), "{url}");
        }
    }

    #[test]
    fn the_stated_idle_range_is_the_one_enforced() {
        let text = Expected::IdleSeconds.describe(Lang::En);
        assert!(text.contains(&format!("from {MIN_IDLE_SECONDS} to {MAX_IDLE_SECONDS}")));
    }
}
