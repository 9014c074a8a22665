//! Reading `atlas.kiosk` from a dataset. Every mistake is a warning and
//! leaves the default in place: a kiosk must start even with odd settings.

use serde_json::{Map, Value};

use crate::kiosk::{
    check_public_url, KioskSettings, DEFAULT_IDLE_SECONDS, KIOSK_KEYS, MAX_IDLE_SECONDS,
    MIN_IDLE_SECONDS,
};
use crate::problem::{Expected, Problem, ProblemKind, Severity};
use crate::typo;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kiosk::PublicUrlError;
    use crate::text::Lang;
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
