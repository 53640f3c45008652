//! `/m/{code}/overblik`: what the room saw, for a phone that took part. Every item the room
//! saw answers for, with its question, the answers as they were shown (no names unless the
//! meeting used names), the ranking and the actions. Read only; nothing parked or hidden.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::parts::{RecordStep, load_page};
use crate::{
    i18n::*,
    live::{data::RecordPage, server_fns::load_record_page},
};

#[component]
pub fn RoomRecordPage() -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    load_page(load_record_page(code), |page| {
        view! { <RoomRecord page /> }.into_any()
    })
}

#[component]
fn RoomRecord(page: RecordPage) -> impl IntoView {
    let i18n = use_i18n();
    let meeting = page.view.meeting.clone();
    let back = format!("/m/{}", meeting.code);
    view! {
        <PageTitle text=format!("{} – Samråd", meeting.title) />
        <div class="phone record">
            <section class="page-intro">
                <h1>{meeting.title.clone()}</h1>
                <p class="lead">{t!(i18n, record_lead)}</p>
                <p><a href=back>{t!(i18n, record_back)}</a></p>
            </section>
            {meeting.answers_erased.then(|| view! { <p class="notice">{t!(i18n, record_answers_erased)}</p> })}
            {page.view.steps.is_empty().then(|| view! { <p class="hint">{t!(i18n, record_empty)}</p> })}
            {page.view.steps.into_iter().map(|step| {
                let extra = super::follow_up::record_extra(&step);
                view! { <RecordStep step extra=extra.unwrap_or_else(|| ().into_any()) /> }
            }).collect_view()}
        </div>
    }
}
