//! Dansk / English on every page. Before the WebAssembly has loaded (or if it never loads) each
//! choice is a link to `/sprog/{locale}`, where the server sets the cookie and sends the person
//! back. Once hydrated, a click switches the page in place, without a page load.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::*;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let choice = move |locale: Locale, label: &'static str| {
        let href = move || {
            // The router's `search` has no leading `?` on the server but has one in the browser.
            let search = location.search.get();
            let search = search.trim_start_matches('?');
            let back = if search.is_empty() {
                location.pathname.get()
            } else {
                format!("{}?{search}", location.pathname.get())
            };
            format!("/sprog/{locale}?til={}", encode_query_value(&back))
        };
        let current = move || (i18n.get_locale() == locale).to_string();
        view! {
            <a
                href=href
                hreflang=locale.to_string()
                lang=locale.to_string()
                aria-current=current
                data-locale=locale.to_string()
                on:click=move |event| {
                    event.prevent_default();
                    i18n.set_locale(locale);
                    remember(locale);
                }
            >
                {label}
            </a>
        }
    };
    view! {
        <nav class="lang-switch" aria-label=move || t_string!(i18n, language_switch_label)>
            // Each language is named in its own language, whatever the page is shown in.
            {choice(Locale::da, td_string!(Locale::da, language_da))}
            {choice(Locale::en, td_string!(Locale::en, language_en))}
        </nav>
    }
}

/// Keeps the choice for the next page load: the same cookie the server's switch sets.
fn remember(locale: Locale) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Ok(document) = document().dyn_into::<web_sys::HtmlDocument>() {
            let _ = document.set_cookie(&crate::domain::locale::locale_cookie(locale.as_str()));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = locale;
}

/// Percent-encodes a value for a query string (RFC 3986 unreserved characters pass through).
pub fn encode_query_value(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::encode_query_value;

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            encode_query_value("/?kode=AB C&x=æ"),
            "/%3Fkode%3DAB%20C%26x%3D%C3%A6"
        );
        assert_eq!(encode_query_value("/bibliotek"), "/bibliotek");
    }
}
