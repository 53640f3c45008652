//! Shown for any address that is not a page. The status (404) is set by the server's
//! fallback handler, which renders this for every path outside the route list.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;

use crate::i18n::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, not_found_title) />
        <section class="message-page">
            <h1>{t!(i18n, not_found_heading)}</h1>
            <p>{t!(i18n, not_found_text)}</p>
            <p>
                <a class="button" href="/">
                    {t!(i18n, back_home)}
                </a>
            </p>
        </section>
    }
}
