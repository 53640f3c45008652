//! Dansk / English on every page; on a meeting's phone page also Arabic, Ukrainian, Polish,
//! Turkish and Somali (the phone's own words, `locales/phone-words.txt`), in a menu that opens
//! without JavaScript. Before the WebAssembly has loaded (or if it never loads) each choice is
//! a link to `/sprog/{locale}`, where the server sets the cookie and sends the person back.
//! Once hydrated, a click switches the page in place, without a page load.

use leptos::prelude::*;

use crate::{components::address::use_address, i18n::*};

/// Every language a phone speaks, each named in its own language.
pub fn phone_languages() -> [(Locale, &'static str); 7] {
    [
        (Locale::da, td_string!(Locale::da, language_da)),
        (Locale::en, td_string!(Locale::en, language_en)),
        (Locale::ar, td_string!(Locale::en, language_ar)),
        (Locale::uk, td_string!(Locale::en, language_uk)),
        (Locale::pl, td_string!(Locale::en, language_pl)),
        (Locale::tr, td_string!(Locale::en, language_tr)),
        (Locale::so, td_string!(Locale::en, language_so)),
    ]
}

#[component]
pub fn LanguageSwitch(
    /// A meeting's phone: all seven languages, in a menu.
    #[prop(optional)]
    phone: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let address = use_address();
    let choice = move |locale: Locale, label: &'static str| {
        let href = move || {
            let back = address.with(|(path, search)| {
                if search.is_empty() {
                    path.clone()
                } else {
                    format!("{path}?{search}")
                }
            });
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
                    close_menu(&event);
                }
            >
                {label}
            </a>
        }
    };
    if phone {
        let current = move || {
            phone_languages()
                .into_iter()
                .find(|(locale, _)| *locale == i18n.get_locale())
                .map(|(_, name)| name)
                .unwrap_or_default()
        };
        return view! {
            <details class="lang-menu">
                <summary aria-label=move || t_string!(i18n, language_switch_label)>
                    {current} <span aria-hidden="true">" ▾"</span>
                </summary>
                <nav class="lang-switch lang-list" aria-label=move || t_string!(i18n, language_switch_label)>
                    {phone_languages().into_iter().map(|(locale, name)| choice(locale, name)).collect_view()}
                </nav>
            </details>
        }
        .into_any();
    }
    view! {
        <nav class="lang-switch" aria-label=move || t_string!(i18n, language_switch_label)>
            // Each language is named in its own language, whatever the page is shown in.
            {choice(Locale::da, td_string!(Locale::da, language_da))}
            {choice(Locale::en, td_string!(Locale::en, language_en))}
        </nav>
    }
    .into_any()
}

/// Folds the phone's language menu once a language is chosen.
fn close_menu(event: &leptos::ev::MouseEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(menu) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("details").ok().flatten())
        {
            let _ = menu.remove_attribute("open");
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = event;
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
