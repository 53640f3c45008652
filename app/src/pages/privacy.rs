//! `/privatliv`: what Samråd stores, for how long, who can see it; no tracking and nothing
//! fetched from anyone else. The promises and the tests behind them are in `docs/security.md`.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;

use crate::i18n::*;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || format!("{} – Samråd", t_string!(i18n, privacy_title)) />
        <section class="page-intro privacy">
            <h1>{t!(i18n, privacy_title)}</h1>
            <p class="lead">{t!(i18n, privacy_lead)}</p>
            <h2>{t!(i18n, privacy_stored_heading)}</h2>
            <ul>
                <li>{t!(i18n, privacy_stored_meeting)}</li>
                <li>{t!(i18n, privacy_stored_answers)}</li>
                <li>{t!(i18n, privacy_stored_phone)}</li>
                <li>{t!(i18n, privacy_stored_team)}</li>
                <li>{t!(i18n, privacy_stored_not)}</li>
            </ul>
            <h2>{t!(i18n, privacy_who_heading)}</h2>
            <ul>
                <li>{t!(i18n, privacy_who_room)}</li>
                <li>{t!(i18n, privacy_who_leader)}</li>
                <li>{t!(i18n, privacy_who_nobody)}</li>
            </ul>
            <h2>{t!(i18n, privacy_how_long_heading)}</h2>
            <p>{t!(i18n, privacy_how_long)}</p>
            <h2>{t!(i18n, privacy_tracking_heading)}</h2>
            <p>{t!(i18n, privacy_tracking)}</p>
            <p>{t!(i18n, privacy_cookies)}</p>
        </section>
    }
}
