//! The page a browser gets when a request fails inside the server. It is plain HTML, not a
//! rendered component: the rendering machinery may be what failed. Both languages are on it,
//! since the failure may have come before the person's language was known.

use crate::i18n::{Locale, td_string};

/// A plain page that says why a request was refused before any page could be rendered (too
/// large, from another site, too many at once), in the person's language.
pub fn problem_html(text: &str, locale: Locale) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Samråd</title><link rel="stylesheet" href="{css}"><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body><main class="message-page">
<h1>{escaped}</h1>
<p><a class="button" href="/">{back}</a></p>
</main></body></html>"#,
        lang = locale,
        css = crate::shell::stylesheet_href(),
        back = td_string!(locale, back_home),
    )
}

pub fn server_error_html() -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><link rel="stylesheet" href="{css}"><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body><main class="message-page">
<h1>{heading_da}</h1><p>{text_da}</p>
<div lang="en"><h2>{heading_en}</h2><p>{text_en}</p></div>
<p><a class="button" href="/">{back}</a></p>
</main></body></html>"#,
        title = td_string!(Locale::da, server_error_title),
        css = crate::shell::stylesheet_href(),
        heading_da = td_string!(Locale::da, server_error_heading),
        text_da = td_string!(Locale::da, server_error_text),
        heading_en = td_string!(Locale::en, server_error_heading),
        text_en = td_string!(Locale::en, server_error_text),
        back = td_string!(Locale::da, back_home),
    )
}
