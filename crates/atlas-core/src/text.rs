//! Bilingual text: every string a visitor reads exists in Chinese and English.

use serde_json::Value;

/// A language of the interface and of the data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese, the language of the bundled dataset's home.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Both languages, in the order the data contract lists them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// BCP 47 code, as used in `lang` attributes and `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Reads a language tag leniently: `zh`, `zh-CN`, `zh-Hans` → Chinese; `en-GB` → English.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language: the one the language button switches to.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// Text in Chinese and/or English. A missing language falls back to the other,
/// so a visitor always reads something rather than a blank.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocalizedText {
    /// Chinese text, if the dataset gives it.
    pub zh: Option<String>,
    /// English text, if the dataset gives it.
    pub en: Option<String>,
}

impl LocalizedText {
    /// The same text for both languages (a plain string in the data).
    pub fn plain(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            zh: Some(text.clone()),
            en: Some(text),
        }
    }

    /// The text in `lang`, else in the other language, else "".
    pub fn get(&self, lang: Lang) -> &str {
        self.exact(lang)
            .or_else(|| self.exact(lang.other()))
            .unwrap_or("")
    }

    /// The language of the text [`get`](Self::get) returns for `lang`: the other
    /// language when it falls back, so the element showing it can carry the right
    /// `lang` attribute and screen readers pronounce it in its own language.
    pub fn shown_lang(&self, lang: Lang) -> Lang {
        if self.exact(lang).is_none() && self.exact(lang.other()).is_some() {
            lang.other()
        } else {
            lang
        }
    }

    /// The text in exactly `lang`, without fallback.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Zh => self.zh.as_deref(),
            Lang::En => self.en.as_deref(),
        }
        .filter(|s| !s.trim().is_empty())
    }

    /// True when neither language has any text.
    pub fn is_empty(&self) -> bool {
        self.exact(Lang::Zh).is_none() && self.exact(Lang::En).is_none()
    }

    /// The languages that have no text of their own (they fall back).
    pub fn missing(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|l| self.exact(*l).is_none())
            .collect()
    }

    /// Reads `"text"` or `{ "zh": …, "en": … }`. `None` when the value has neither shape.
    pub fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::String(s) => Some(Self::plain(s.clone())),
            Value::Object(map) => {
                let pick = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
                let text = Self {
                    zh: pick("zh"),
                    en: pick("en"),
                };
                // An object with other language keys only (e.g. "ja") still counts as text.
                if text.is_empty() {
                    map.values()
                        .find_map(Value::as_str)
                        .map(|s| Self::plain(s.to_owned()))
                } else {
                    Some(text)
                }
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_language_falls_back_to_the_other() {
        let t = LocalizedText::from_json(&json!({ "zh": "纪念碑" })).unwrap();
        assert_eq!(t.get(Lang::En), "纪念碑");
        assert_eq!(t.missing(), vec![Lang::En]);
    }

    #[test]
    fn shown_lang_names_the_language_of_the_fallback() {
        let zh_only = LocalizedText::from_json(&json!({ "zh": "纪念碑" })).unwrap();
        assert_eq!(zh_only.shown_lang(Lang::En), Lang::Zh);
        assert_eq!(zh_only.shown_lang(Lang::Zh), Lang::Zh);
        let both = LocalizedText::from_json(&json!({ "zh": "纪念碑", "en": "Memorial" })).unwrap();
        assert_eq!(both.shown_lang(Lang::En), Lang::En);
        // Nothing to show: keep the page's language rather than claim another.
        assert_eq!(LocalizedText::default().shown_lang(Lang::En), Lang::En);
    }

    #[test]
    fn plain_string_serves_both_languages() {
        let t = LocalizedText::from_json(&json!("Memorial")).unwrap();
        assert_eq!(t.get(Lang::Zh), "Memorial");
        assert!(t.missing().is_empty());
    }

    #[test]
    fn language_tags_are_read_leniently() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
