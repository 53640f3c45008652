//! The page's own address (path, query, a meeting's code), read the same way with or without
//! the site's router. Every page is rendered inside the router (`shell::App`) except the
//! phone's (`shell::PhoneApp`): it has one route and no links within the site, so the phone's
//! bundle leaves the router out (README, "The phone's download"). Outside the router the
//! address is the one the server was asked for, or the one the browser loaded.

use leptos::prelude::*;

/// Provided by `shell::App`: this view tree is inside the site's router.
#[derive(Debug, Clone, Copy)]
pub struct Routed;

/// The page's path and query (without `?`). Inside the router it follows the router's
/// navigation; outside it is the address the page was loaded with.
pub fn use_address() -> Signal<(String, String)> {
    #[cfg(not(feature = "phone"))]
    if use_context::<Routed>().is_some() {
        let location = leptos_router::hooks::use_location();
        return Signal::derive(move || {
            let search = location.search.get();
            // The router's `search` has no leading `?` on the server but has one in the browser.
            let search = search.trim_start_matches('?').to_owned();
            (location.pathname.get(), search)
        });
    }
    Signal::stored(requested())
}

/// The page's path, once.
pub fn path() -> String {
    use_address().with_untracked(|(path, _)| path.clone())
}

/// One value of the page's query, once (`?bord=4` → `query("bord")` is `Some("4")`).
pub fn query(name: &str) -> Option<String> {
    #[cfg(not(feature = "phone"))]
    if use_context::<Routed>().is_some() {
        return leptos_router::hooks::use_query_map()
            .read_untracked()
            .get(name);
    }
    query_value(&requested().1, name)
}

/// The meeting's code in a meeting's address (`/m/{code}/…`), as typed; empty elsewhere.
pub fn meeting_code() -> String {
    #[cfg(not(feature = "phone"))]
    if use_context::<Routed>().is_some() {
        return leptos_router::hooks::use_params_map()
            .read_untracked()
            .get("code")
            .unwrap_or_default();
    }
    code_in_path(&requested().0)
}

/// The address the server was asked for, or the browser loaded: (path, query without `?`).
fn requested() -> (String, String) {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|parts| {
                let query = parts.uri.query().unwrap_or_default().to_owned();
                (parts.uri.path().to_owned(), query)
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        let location = window().location();
        let path = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        (path, search.trim_start_matches('?').to_owned())
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        (String::new(), String::new())
    }
}

/// `/m/{code}` or `/m/{code}/…` → the code, percent-decoded; anything else → empty.
pub fn code_in_path(path: &str) -> String {
    let mut parts = path.split('/').skip(1);
    match (parts.next(), parts.next()) {
        (Some("m"), Some(code)) => decode(code, false),
        _ => String::new(),
    }
}

/// The first value of `name` in a query (`a=1&b=2`), decoded as a form sends it.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key, true) == name).then(|| decode(value, true))
        })
        .next()
}

/// Percent-decoding (and `+` as a space in a query); a broken escape stays as it was, and
/// bytes that are not UTF-8 become U+FFFD.
fn decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{code_in_path, decode, query_value};

    #[test]
    fn a_meetings_code_is_read_from_its_address() {
        assert_eq!(code_in_path("/m/ABC234"), "ABC234");
        assert_eq!(code_in_path("/m/ABC234/"), "ABC234");
        assert_eq!(code_in_path("/m/ABC234/styring"), "ABC234");
        assert_eq!(code_in_path("/m/%C3%A6%C3%B8"), "æø");
        assert_eq!(code_in_path("/bibliotek"), "");
        assert_eq!(code_in_path("/m"), "");
        assert_eq!(code_in_path(""), "");
    }

    #[test]
    fn a_query_value_is_decoded_as_a_form_sends_it() {
        assert_eq!(query_value("bord=4", "bord").as_deref(), Some("4"));
        assert_eq!(
            query_value("a=1&bord=12&bord=3", "bord").as_deref(),
            Some("12")
        );
        assert_eq!(
            query_value("navn=Ida+M%C3%B8ller", "navn").as_deref(),
            Some("Ida Møller")
        );
        assert_eq!(query_value("ny", "ny").as_deref(), Some(""));
        assert_eq!(query_value("", "bord"), None);
        assert_eq!(query_value("bordx=1", "bord"), None);
    }

    #[test]
    fn a_broken_escape_stays_and_nothing_panics() {
        assert_eq!(decode("100%", false), "100%");
        assert_eq!(decode("%4", false), "%4");
        assert_eq!(decode("%zz", false), "%zz");
        assert_eq!(decode("%ff", false), "\u{fffd}");
        assert_eq!(decode("a+b", false), "a+b");
        for text in ["%", "%%", "%%%41", "é%C3", "+%2B+"] {
            let _ = decode(text, true);
        }
        assert_eq!(decode("%%41", false), "%A");
    }
}
