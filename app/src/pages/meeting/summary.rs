//! `/m/{code}/referat?k=…`: the record of a meeting. Per step the question, the answers
//! (hidden ones excluded), the vote ranking and the agreed actions; printable. The host can
//! reopen a step from here: the meeting goes back to that step's last phase before "done",
//! and the console opens.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::parts::{CommandForm, Feedback, FeedbackNotice, RecordStep, lang_attr, load_page};
use crate::{
    domain::{meeting::command::Command, phase::Phase},
    i18n::*,
    live::{data::SummaryPage, server_fns::load_summary_page},
};

#[component]
pub fn SummaryPage() -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    let key = use_query_map()
        .read_untracked()
        .get("k")
        .unwrap_or_default();
    load_page(load_summary_page(code, key.clone()), move |page| {
        view! { <Summary page key=key.clone() /> }.into_any()
    })
}

#[component]
fn Summary(page: SummaryPage, key: String) -> impl IntoView {
    let i18n = use_i18n();
    let meeting = page.view.meeting.clone();
    let console = format!("/m/{}/styring?k={key}", meeting.code);
    let feedback = Feedback::new();
    let code = meeting.code.clone();
    let open_console = {
        let console = console.clone();
        Callback::new(move |()| {
            #[cfg(feature = "hydrate")]
            let _ = window().location().set_href(&console);
            #[cfg(not(feature = "hydrate"))]
            let _ = &console;
        })
    };
    view! {
        <PageTitle text=format!("{} – {} – Samråd", meeting.title, page.space_name) />
        <section class="page-intro">
            <p class="hint">{page.space_name.clone()}</p>
            <h1>{meeting.title.clone()}</h1>
            <p><a class="button secondary" href=console>{t!(i18n, summary_back_to_console)}</a></p>
        </section>
        <FeedbackNotice feedback />
        {page.view.steps.into_iter().zip(page.view.parked.into_iter().chain(std::iter::repeat_with(Vec::new))).map(|(step, parked)| {
            let index = step.index;
            let number = index + 1;
            // Back to where the step was decided: its last phase before "done".
            let phase = step.phases.iter().rev().copied().find(|p| *p < Phase::Done).unwrap_or(Phase::Intro);
            let reopen = Callback::new(move |()| Some(Command::GoTo { step: index, phase }));
            let extra = view! {
                {(!parked.is_empty()).then(|| view! {
                    <section class="parked">
                        <h3>{t!(i18n, summary_parked)}</h3>
                        <ul>
                            {parked.into_iter().map(|answer| view! {
                                <li lang=lang_attr(answer.lang)>{answer.text}</li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                <CommandForm action="#".to_string() hidden=vec![] command=reopen code=code.clone()
                    key=key.clone() feedback on_sent=open_console class="summary-reopen">
                    <button class="button secondary small" type="submit">
                        {t!(i18n, summary_reopen, n = number)}
                    </button>
                </CommandForm>
            }
            .into_any();
            view! { <RecordStep step extra /> }
        }).collect_view()}
    }
}
