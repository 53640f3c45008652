//! The frame around every page: skip link, header with the language switch, footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{components::language_switch::LanguageSwitch, i18n::*};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    // The projector shows the meeting only: no header, no footer, nothing to click.
    if use_location().pathname.get_untracked().ends_with("/skaerm") {
        return view! { <main id="main" class="screen-main">{children()}</main> }.into_any();
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
            <p>{t!(i18n, footer_text)}</p>
        </footer>
    }
    .into_any()
}
