//! `/m/{code}/referat?k=…`: the record of a meeting. Per step the question, the answers
//! (hidden ones excluded), the vote ranking and the agreed actions; printable. The host can
//! reopen a step from here: the meeting goes back to that step's last phase before "done",
//! and the console opens.

use crate::components::raw_text::{PageTitle, raw_text};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::parts::{CommandForm, Feedback, FeedbackNotice, RecordStep, lang_attr, load_page};
use crate::{
    components::language_switch::encode_query_value,
    domain::{
        dates::long_date,
        export::{ActionSheet, minutes::minutes_text, text::actions_text},
    },
    domain::{meeting::command::Command, phase::Phase},
    i18n::*,
    live::{
        data::SummaryPage,
        messages::{export_labels, pillar_name},
        server_fns::load_summary_page,
    },
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
    let locale = i18n.get_locale_untracked();
    let english = locale == Locale::en;
    let participants = page.participants as u64;
    let sheet = ActionSheet::from_summary(
        &page.view,
        &page.space_name,
        page.held,
        export_labels(locale),
        |pillar| pillar_name(pillar, locale).to_owned(),
    );
    let minutes = minutes_text(&sheet, &page.view, page.participants);
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = window().print();
    };
    view! {
        <PageTitle text=format!("{} – {} – Samråd", meeting.title, page.space_name) />
        <section class="page-intro">
            <p class="hint">{page.space_name.clone()}</p>
            <h1>{meeting.title.clone()}</h1>
            <p class="minutes-meta">
                {long_date(&page.held.iso(), english).unwrap_or_else(|| page.held.iso())}
                " · "
                {t!(i18n, summary_participants, count = move || participants)}
            </p>
            <p class="minutes-buttons">
                <a class="button secondary" href=console>{t!(i18n, summary_back_to_console)}</a>
                <a class="button secondary" href=format!("/team?k={key}")>{t!(i18n, team_board_link)}</a>
                <button class="button secondary print-button" type="button" on:click=print>{t!(i18n, summary_print)}</button>
            </p>
        </section>
        <FeedbackNotice feedback />
        {meeting.answers_erased.then(|| view! { <p class="notice">{t!(i18n, record_answers_erased)}</p> })}
        <ActionsTable sheet=sheet.clone() />
        <TakeAway sheet minutes key=key.clone() />
        {page.view.steps.into_iter().zip(page.view.parked.into_iter().chain(std::iter::repeat_with(Vec::new))).map(|(step, parked)| {
            let index = step.index;
            let number = index + 1;
            // Back to where the step was decided: its last phase before "done".
            let phase = step.phases.iter().rev().copied().find(|p| *p < Phase::Done).unwrap_or(Phase::Intro);
            let reopen = Callback::new(move |()| Some(Command::GoTo { step: index, phase }));
            let follows_up = super::follow_up::record_extra(&step);
            let extra = view! {
                {follows_up}
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

/// The actions out of Samråd: a spreadsheet and a calendar file (from the server), and the
/// list as text for Aula or an e-mail, to copy or to send.
#[component]
fn TakeAway(sheet: ActionSheet, minutes: String, key: String) -> impl IntoView {
    let i18n = use_i18n();
    let text = actions_text(&sheet);
    let subject = format!("{}: {}", sheet.labels.actions, sheet.title);
    let mail = format!(
        "mailto:?subject={}&body={}",
        encode_query_value(&subject),
        encode_query_value(&text)
    );
    let file = |name: &str| format!("/m/{}/eksport/{name}?k={key}", sheet.code);
    view! {
        <section class="card take-away" aria-labelledby="take-away-heading">
            <h2 id="take-away-heading">{t!(i18n, summary_export_heading)}</h2>
            <p class="take-away-links">
                <a class="button" href=file("aftaler.xlsx") download>{t!(i18n, summary_export_xlsx)}</a>
                <a class="button secondary" href=file("aftaler.csv") download>{t!(i18n, summary_export_csv)}</a>
                <a class="button secondary" href=file("aftaler.ics") download>{t!(i18n, summary_export_ics)}</a>
                <a class="button secondary" href=file("referat.md") download>{t!(i18n, summary_export_md)}</a>
                <a class="button secondary" href=file("moede.json") download>{t!(i18n, summary_export_json)}</a>
                <a class="button secondary" href=mail>{t!(i18n, summary_export_mail)}</a>
            </p>
            <p class="hint">{t!(i18n, summary_export_hint)}</p>
            <CopyBox id="take-away-text" text rows=8>{t!(i18n, summary_export_text_label)}</CopyBox>
            <CopyBox id="take-away-minutes" text=minutes rows=12>{t!(i18n, summary_export_minutes_label)}</CopyBox>
        </section>
    }
}

/// A text to take along: read only, with a button that copies it.
#[component]
fn CopyBox(id: &'static str, text: String, rows: u32, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let copy = {
        let text = text.clone();
        move |_| {
            #[cfg(feature = "hydrate")]
            {
                let _ = window().navigator().clipboard().write_text(&text);
                copied.set(true);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = &text;
        }
    };
    view! {
        <label for=id>{children()}</label>
        <textarea id=id readonly rows=rows.to_string()>{raw_text(&text)}</textarea>
        <p class="take-away-copy">
            <button class="button secondary" type="button" on:click=copy>{t!(i18n, summary_export_copy)}</button>
            {move || copied.get().then(|| view! { <span role="status">{t!(i18n, summary_export_copied)}</span> })}
        </p>
    }
}

/// Every action of the meeting in one table, at the top of the record (and of the printed
/// minutes), item by item.
#[component]
fn ActionsTable(sheet: ActionSheet) -> impl IntoView {
    let l = sheet.labels.clone();
    let english = l.english;
    let rows = sheet.rows.clone();
    view! {
        // It scrolls sideways on a narrow phone: focusable, so a keyboard can scroll it too.
        <section class="minutes-actions" aria-labelledby="minutes-actions-heading" tabindex="0">
            <h2 id="minutes-actions-heading">{l.actions.clone()}</h2>
            {if rows.is_empty() {
                view! { <p class="hint">{l.none.clone()}</p> }.into_any()
            } else {
                view! {
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{l.item.clone()}</th>
                                <th scope="col">{l.action.clone()}</th>
                                <th scope="col">{l.owner.clone()}</th>
                                <th scope="col">{l.due.clone()}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|row| view! {
                                <tr>
                                    <td>{row.item}". " {row.theme}</td>
                                    <td>{row.what}</td>
                                    <td>{row.owner}</td>
                                    <td>{row.due.and_then(|d| long_date(&d.to_string(), english)).unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
