//! Which language a person reads: Danish first, English second.

/// The cookie that remembers a person's language choice. The same name as leptos_i18n's
/// default, so the server (which reads it through leptos_i18n) and both switches agree.
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";

/// A year, in seconds: how long the choice is remembered.
const ONE_YEAR_SECONDS: u32 = 365 * 24 * 60 * 60;

/// The cookie that remembers `locale` (e.g. "en"), as `Set-Cookie` and `document.cookie`
/// take it: the server's switch (`/sprog/{locale}`) and the in-page switch write the same.
pub fn locale_cookie(locale: &str) -> String {
    format!("{LOCALE_COOKIE}={locale}; Path=/; Max-Age={ONE_YEAR_SECONDS}; SameSite=Lax")
}

#[cfg(test)]
mod tests {
    use super::locale_cookie;

    #[test]
    fn the_cookie_is_kept_a_year_for_the_whole_site() {
        assert_eq!(
            locale_cookie("en"),
            "i18n_pref_locale=en; Path=/; Max-Age=31536000; SameSite=Lax"
        );
    }
}

/// The phone's own words in the five languages beside Danish and English: each file has
/// exactly the keys of `locales/phone-words.txt`, with the same placeholders as English and
/// the same plural forms, so no phone shows a half-translated sentence or a lost number.
#[cfg(test)]
mod phone_words {
    use std::collections::BTreeSet;

    use serde_json::Value;

    const WORDS: &str = include_str!("../../locales/phone-words.txt");
    const ENGLISH: &str = include_str!("../../locales/en.json");
    const DANISH: &str = include_str!("../../locales/da.json");
    const LANGUAGES: [(&str, &str); 5] = [
        ("ar", include_str!("../../locales/ar.json")),
        ("uk", include_str!("../../locales/uk.json")),
        ("pl", include_str!("../../locales/pl.json")),
        ("tr", include_str!("../../locales/tr.json")),
        ("so", include_str!("../../locales/so.json")),
    ];

    fn words() -> BTreeSet<&'static str> {
        WORDS
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    }

    fn parse(text: &str) -> serde_json::Map<String, Value> {
        match serde_json::from_str(text) {
            Ok(Value::Object(map)) => map,
            other => panic!("a locale file is one JSON object: {other:?}"),
        }
    }

    /// `{{ name }}` and `{name}` placeholders, and the plural forms' shape.
    fn shape(value: &Value) -> (BTreeSet<String>, Vec<String>) {
        let mut names = BTreeSet::new();
        let mut forms = Vec::new();
        let mut texts = Vec::new();
        match value {
            Value::String(text) => texts.push(text.clone()),
            Value::Array(items) => {
                for item in items {
                    match item {
                        Value::String(kind) => forms.push(kind.clone()),
                        Value::Array(form) => {
                            if let Some(Value::String(text)) = form.first() {
                                texts.push(text.clone());
                            }
                            forms.push(form.get(1).map(ToString::to_string).unwrap_or_default());
                        }
                        other => forms.push(other.to_string()),
                    }
                }
            }
            other => panic!("a value is a text or plural forms: {other}"),
        }
        for text in texts {
            let mut rest = text.as_str();
            while let Some(start) = rest.find('{') {
                let after = &rest[start..];
                let end = after.find('}').expect("a placeholder is closed");
                let name = after[..end].trim_matches(['{', ' ']).to_owned();
                names.insert(name);
                rest = after[end..].trim_start_matches('}');
            }
        }
        (names, forms)
    }

    #[test]
    fn every_phone_word_is_in_every_language_with_its_placeholders() {
        let words = words();
        assert!(words.len() > 100, "the list is read");
        let english = parse(ENGLISH);
        let danish = parse(DANISH);
        for word in &words {
            assert!(
                english.contains_key(*word) && danish.contains_key(*word),
                "{word}"
            );
        }
        for (language, text) in LANGUAGES {
            let file = parse(text);
            let keys: BTreeSet<&str> = file.keys().map(String::as_str).collect();
            let missing: Vec<_> = words.difference(&keys).collect();
            let extra: Vec<_> = keys.difference(&words).collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{language} has words not on the list: {extra:?}"
            );
            for word in &words {
                assert_eq!(
                    shape(&file[*word]),
                    shape(&english[*word]),
                    "{language}: {word} keeps the placeholders and plural forms of English"
                );
                let text = file[*word].to_string();
                assert!(
                    !text.trim_matches('"').trim().is_empty(),
                    "{language}: {word}"
                );
            }
        }
    }
}
