//! Samråd's Leptos app: the pages and components, and the pure domain shared by the server
//! (compiled with `ssr`) and the browser (compiled to WebAssembly with `hydrate`).

// The console's view is one deep type; the default limit is too low for it.
#![recursion_limit = "256"]
// The phone's bundle (feature `phone`) leaves out every page but the phone's, and with them
// the imports and helpers only those pages use.
#![cfg_attr(feature = "phone", allow(unused_imports, dead_code))]

pub mod components;
pub mod content;
pub mod domain;
pub mod live;
pub mod pages;
mod shell;

pub use shell::{App, Bundles, set_bundles, shell};

// The locale files compiled into a typed `i18n` module: a key missing in either language is a
// compile error. leptos_i18n 0.6 prefers a build script, but that pulls a networked ICU data
// exporter into every build; the macro reads the same files and needs nothing extra.
#[allow(deprecated)]
mod i18n_gen {
    leptos_i18n::load_locales!();
}
pub use i18n_gen::i18n;

// The macro does not tell cargo about the files it reads; these make an edit rebuild the app.
const _: &str = include_str!("../locales/da.json");
const _: &str = include_str!("../locales/en.json");

/// Hydrates the page; exported to the page's script by the bundles (`bundles/`).
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}

#[cfg(test)]
mod plural_tests {
    use crate::i18n::*;
    use leptos::prelude::*;

    fn dots(locale: Locale, count: u64) -> String {
        // Without the hydration markers between the text nodes.
        text(td!(locale, meeting_dots, count = move || count).to_html())
    }

    fn text(html: String) -> String {
        html.replace("<!>", "")
    }

    // Plural forms are leptos_i18n ranges ("1" and the rest): right for whole numbers in both
    // languages, without ICU's plural rules in the bundles.
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(dots(Locale::da, 1), "1 prik");
        assert_eq!(dots(Locale::da, 0), "0 prikker");
        assert_eq!(dots(Locale::da, 2), "2 prikker");
        assert_eq!(dots(Locale::en, 1), "1 dot");
        assert_eq!(dots(Locale::en, 12), "12 dots");
        let left = text(
            td!(
                Locale::da,
                phone_dots_left,
                count = move || 1u64,
                budget = move || 4
            )
            .to_html(),
        );
        assert_eq!(left, "1 prik tilbage af 4");
    }
}
