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
/// The text is escaped by Leptos Meta's formatter, which runs wherever the title is written.
///
/// On the server the text is read here, once, while the page's reactive owner lives: Leptos
/// Meta writes the `<title>` after the body has streamed, and a signal read that late may
/// already be disposed (a panic, so a 500, in about 1 of 100 loads under concurrency; the
/// test `pages_survive_many_loads_at_once`). In the browser it stays reactive, so the title
/// follows the language switch.
#[component]
pub fn PageTitle(#[prop(into)] text: TextProp) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let text = TextProp::from(untrack(|| text.get()).into_owned());
    view! { <Title text formatter=|title: String| raw_text(&title) /> }
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
