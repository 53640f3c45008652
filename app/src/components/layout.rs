//! The frame around every page: skip link, header with the language switch, footer.

use crate::{
    components::{address, language_switch::LanguageSwitch},
    i18n::*,
};
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let path = address::path();
    // A phone in a meeting: no menu and no footer, so one tap cannot leave the meeting. The
    // language switch stays (it comes back to the meeting). The phone's bundle (feature
    // `phone`) only ever shows this frame, so it leaves the others out.
    if cfg!(feature = "phone") || is_phone_page(&path) {
        return meeting_frame(i18n, "meeting-top", "phone-main", true, children);
    }
    // The projector shows the meeting only: no header, no footer, nothing to click.
    if path.ends_with("/skaerm") {
        return view! { <main id="main" class="screen-main">{children()}</main> }.into_any();
    }
    // The host's console: the same small header, so the meeting's controls have the laptop's
    // whole screen (and the site's menu is not one click away while the room watches).
    if path.ends_with("/styring") {
        return meeting_frame(
            i18n,
            "meeting-top console-top",
            "console-frame",
            false,
            children,
        );
    }
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <a class="brand" href="/" aria-label=move || t_string!(i18n, home_link_label)>
                <img class="brand-mark" src="/favicon.svg" alt="" width="28" height="28" />
                <span>{t!(i18n, app_name)}</span>
            </a>
            <nav class="site-nav" aria-label=move || t_string!(i18n, nav_label)>
                <a href="/bibliotek">{t!(i18n, nav_library)}</a>
                <a href="/soejler">{t!(i18n, nav_pillars)}</a>
                <a href="/skabeloner">{t!(i18n, nav_templates)}</a>
            </nav>
            <LanguageSwitch />
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{t!(i18n, footer_text)} " " <a href="/privatliv">{t!(i18n, footer_privacy)}</a></p>
        </footer>
    }
    .into_any()
}

/// A meeting's small frame: the name and the language switch, no menu and no footer.
fn meeting_frame(
    i18n: leptos_i18n::I18nContext<Locale>,
    header: &'static str,
    main: &'static str,
    // A phone: every language it speaks.
    phone: bool,
    children: Children,
) -> AnyView {
    view! {
        <header class=header>
            <span class="brand">
                <img class="brand-mark" src="/favicon.svg" alt="" width="24" height="24" />
                <span>{t!(i18n, app_name)}</span>
            </span>
            <LanguageSwitch phone=phone />
        </header>
        <main id="main" tabindex="-1" class=main>{children()}</main>
    }
    .into_any()
}

/// `/m/{code}`: the participant's page (not the console, screen or record under it).
pub fn is_phone_page(path: &str) -> bool {
    let mut parts = path.trim_end_matches('/').split('/').skip(1);
    matches!((parts.next(), parts.next(), parts.next()), (Some("m"), Some(code), None) if !code.is_empty())
}

#[cfg(test)]
mod tests {
    use super::is_phone_page;

    #[test]
    fn only_the_participants_page_is_a_phone_page() {
        assert!(is_phone_page("/m/ABC234"));
        assert!(is_phone_page("/m/ABC234/"));
        for other in [
            "/",
            "/m",
            "/m/ABC234/styring",
            "/m/ABC234/skaerm",
            "/bibliotek",
            "/mm/ABC234",
        ] {
            assert!(!is_phone_page(other), "{other}");
        }
    }
}
