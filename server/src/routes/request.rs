//! What routes read from a request: the person's language, the device cookie, a key.

use axum::http::{HeaderMap, header};

use app::{
    domain::{join_code::JoinCode, locale::LOCALE_COOKIE},
    i18n::Locale,
};

/// The start of the cookie that makes a phone the same participant in one meeting after a
/// reload or a lost connection: `samraad_enhed_<code>`. One cookie per meeting, each with a
/// token the server made for that meeting, so nothing links a phone's meetings.
pub const DEVICE_COOKIE_PREFIX: &str = "samraad_enhed_";
/// How long a phone stays the same participant: a school year's meetings.
const DEVICE_COOKIE_DAYS: u32 = 180;
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
    // The first language the browser lists that Samråd speaks (tags are in the order of
    // preference; weights are not needed for that).
    accepted
        .split(',')
        .filter_map(|tag| tag.split(';').next())
        .filter_map(|tag| tag.trim().split('-').next())
        .find_map(|primary| primary.parse::<Locale>().ok())
        .unwrap_or(Locale::da)
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

/// The name of a meeting's device cookie.
pub fn device_cookie_name(code: &JoinCode) -> String {
    format!("{DEVICE_COOKIE_PREFIX}{code}")
}

/// The device token this request carries for the meeting with `code`.
pub fn device_token<'a>(headers: &'a HeaderMap, code: &JoinCode) -> Option<&'a str> {
    cookie(headers, &device_cookie_name(code))
}

/// The device cookie for one meeting; only the server reads it (`HttpOnly`), and over https
/// only (`Secure`) when the site's public address is https.
pub fn device_cookie(code: &JoinCode, token: &str, secure: bool) -> String {
    let max_age = DEVICE_COOKIE_DAYS * 24 * 60 * 60;
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}",
        device_cookie_name(code)
    )
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
        // A phone's seven languages: the first one listed that Samråd speaks.
        assert_eq!(
            locale(&headers(&[("accept-language", "ar-SA,ar;q=0.9,en;q=0.5")])),
            Locale::ar
        );
        assert_eq!(
            locale(&headers(&[("accept-language", "de-DE,pl;q=0.8,da;q=0.5")])),
            Locale::pl
        );
        assert_eq!(
            locale(&headers(&[("accept-language", "de-DE,fr;q=0.8")])),
            Locale::da
        );
        assert_eq!(
            locale(&headers(&[("cookie", "i18n_pref_locale=so")])),
            Locale::so
        );
    }

    #[test]
    fn cookies_are_found_by_name() {
        let code = JoinCode::parse("K7MP4Q").expect("code");
        let map = headers(&[
            ("cookie", "x=1; samraad_enhed_K7MP4Q=abc"),
            ("cookie", "y=2"),
        ]);
        assert_eq!(device_token(&map, &code), Some("abc"));
        assert!(device_cookie(&code, "abc", true).ends_with("SameSite=Lax; Secure"));
        assert!(!device_cookie(&code, "abc", false).contains("Secure"));
        assert_eq!(cookie(&map, "y"), Some("2"));
        assert_eq!(cookie(&map, "z"), None);
    }
}
