//! Text for the two places where HTML does not escape what it is given: `<title>` (Leptos
//! Meta writes the title as it is) and `<textarea>` (tachys writes a textarea's children
//! unescaped, like a `<script>`'s). Both are "escapable raw text" in HTML: entities are
//! decoded, tags are not, so the server writes the text with `&`, `<` and `>` as entities and
//! the browser shows exactly what was typed. In the browser the same text is set through the
//! DOM (`document.title`, the text node), which never parses HTML, so it stays as it is.
//!
//! Every page title goes through [`PageTitle`] and every `<textarea>` child through
//! [`raw_text`]; the
//! integration test `no_typed_text_reaches_a_raw_text_context_unescaped` checks the pages.

use leptos::prelude::*;
use leptos_meta::Title;

/// The page's `<title>`: every page names itself with this, never with `Title` directly.
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <Title text=move || raw_text(&text.get()) /> }
}

/// `text`, safe as the content of a `<title>` or `<textarea>` on every side.
pub fn raw_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        escape(text)
    } else {
        text.to_owned()
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn no_tag_survives_and_entities_stay_what_they_were() {
        assert_eq!(
            escape("</title><img src=x onerror=alert(1)>"),
            "&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(escape("Æbler & pærer &amp;"), "Æbler &amp; pærer &amp;amp;");
    }
}
