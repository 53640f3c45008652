//! What routes read from a request: the person's language, the device cookie, a key.

use axum::http::{HeaderMap, header};

use app::{domain::locale::LOCALE_COOKIE, i18n::Locale};

/// The cookie that makes a phone the same participant after a reload or a lost connection.
pub const DEVICE_COOKIE: &str = "samraad_enhed";
/// The header a console or screen sends its key in (EventSource cannot set headers, so
/// streams take `?k=` instead).
pub const KEY_HEADER: &str = "x-samraad-key";

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// The chosen language (cookie), else the browser's (`Accept-Language`), else Danish.
pub fn locale(headers: &HeaderMap) -> Locale {
    if let Some(locale) = cookie(headers, LOCALE_COOKIE).and_then(|v| v.parse::<Locale>().ok()) {
        return locale;
    }
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let position = |lang: &str| {
        accepted
            .split(',')
            .position(|tag| tag.trim().starts_with(lang))
    };
    match (position("da"), position("en")) {
        (None, Some(_)) => Locale::en,
        (Some(da), Some(en)) if en < da => Locale::en,
        _ => Locale::da,
    }
}

/// A key from the header, else from `?k=`.
pub fn key(headers: &HeaderMap, query_key: Option<&str>) -> Option<String> {
    headers
        .get(KEY_HEADER)
        .and_then(|v| v.to_str().ok())
        .or(query_key)
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
}

/// The device cookie, for a year; only the server reads it.
pub fn device_cookie(token: &str) -> String {
    format!("{DEVICE_COOKIE}={token}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().expect("header"));
        }
        map
    }

    #[test]
    fn language_comes_from_the_cookie_then_the_browser() {
        assert_eq!(locale(&headers(&[])), Locale::da);
        assert_eq!(
            locale(&headers(&[("accept-language", "en-GB,en;q=0.9")])),
            Locale::en
        );
        assert_eq!(
            locale(&headers(&[("accept-language", "da,en;q=0.8")])),
            Locale::da
        );
        assert_eq!(
            locale(&headers(&[
                ("accept-language", "en"),
                ("cookie", "a=b; i18n_pref_locale=da")
            ])),
            Locale::da
        );
    }

    #[test]
    fn cookies_are_found_by_name() {
        let map = headers(&[("cookie", "x=1; samraad_enhed=abc"), ("cookie", "y=2")]);
        assert_eq!(cookie(&map, DEVICE_COOKIE), Some("abc"));
        assert_eq!(cookie(&map, "y"), Some("2"));
        assert_eq!(cookie(&map, "z"), None);
    }
}
