//! `/m/{code}`: the participant's phone. One column, large targets, the current question and
//! what to do now. Every action is a plain form first (works without WebAssembly, post →
//! redirect → page) and is sent in place once hydrated.

use crate::components::{
    address,
    raw_text::{PageTitle, raw_text},
};
use leptos::prelude::*;

use super::cafe::{PhoneTable, TableDeviceNote, TablePoints, VolunteerForm};
use super::follow_up::{FollowUpAnswer, FollowUpList};
use super::parts::{
    ActionList, AgreedList, CardList, CommandForm, ConnectionNotice, Countdown, Feedback,
    FeedbackNotice, QuestionBlock, lang_attr, load_page, phase_label,
};
use super::together::TogetherForm;
use crate::{
    domain::{
        meeting::{
            command::{Command, Lang, Target},
            ids::AnswerId,
            text::AnswerText,
            view::ParticipantView,
        },
        phase::Phase,
    },
    i18n::*,
    live::{
        data::PhonePage,
        hooks::use_live_view,
        messages::{RequestProblem, text_error_text},
        server_fns::load_phone_page,
    },
};

#[component]
pub fn PhonePage() -> impl IntoView {
    let code = address::meeting_code();
    load_page(load(code), |page| view! { <Phone page /> }.into_any())
}

/// The page's first state, from the server.
#[cfg(not(all(feature = "phone", feature = "hydrate")))]
fn load(
    code: String,
) -> impl std::future::Future<Output = Result<Result<PhonePage, RequestProblem>, ServerFnError>> {
    load_phone_page(code)
}

/// In the phone's bundle the first state always comes inside the server's page, so the
/// server function's client (and a second JSON reader for every view type) stays out of
/// what a phone downloads. Should the state be missing, the page is loaded again.
#[cfg(all(feature = "phone", feature = "hydrate"))]
async fn load(_code: String) -> Result<Result<PhonePage, RequestProblem>, ServerFnError> {
    let _ = window().location().reload();
    std::future::pending().await
}

fn target_value(target: Target) -> String {
    match target {
        Target::Answer(id) => format!("a:{id}"),
        Target::Cluster(id) => format!("c:{id}"),
    }
}

#[component]
fn Phone(page: PhonePage) -> impl IntoView {
    let i18n = use_i18n();
    let code = page.view.meeting.code.clone();
    let live = use_live_view(page.view.clone(), format!("/api/m/{code}/events"));
    let view = live.view;
    let ids = StoredValue::new(page.form_ids.clone());
    let form_id = move |n: usize| ids.with_value(|ids| ids.get(n).cloned().unwrap_or_default());
    let feedback = Feedback::new();
    // Opened from a café table card: this device may become that table's own.
    let card: Option<u16> = address::query("bord")
        .and_then(|n| n.trim().parse().ok())
        .filter(|n| *n > 0);
    // A refused plain form: the server says why, and gives back what was typed.
    if let Some(message) = page.refusal.clone() {
        feedback.error.set(Some(message));
    }
    let draft = RwSignal::new(page.returned_text.clone().unwrap_or_default());
    let follow_up = Memo::new(move |_| view.with(|v| v.step.follow_up.clone()));
    let mine = Memo::new(move |_| view.with(|v| v.my_follow_up.clone()));
    let stage =
        Memo::new(move |_| view.with(|v| (v.joined, v.meeting.ended, v.step.index, v.step.phase)));
    let action = format!("/m/{code}/handling");
    let code_for_refresh = code.clone();
    let record_code = code.clone();
    let title = view.with_untracked(|v| v.meeting.title.clone());
    // A new phase starts at the top, without the last phase's error (on the page or in the
    // address, where a plain form put it).
    #[cfg(feature = "hydrate")]
    {
        let plain = format!("/m/{code}");
        Effect::new(move |previous: Option<(usize, Phase)>| {
            let now = stage.with(|s| (s.2, s.3));
            if previous.is_some_and(|before| before != now) {
                window().scroll_to_with_x_and_y(0.0, 0.0);
                feedback.error.set(None);
                if let Ok(history) = window().history() {
                    let _ = history.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(&plain),
                    );
                }
            }
            now
        });
    }

    let (device_code, device_action) = (code.clone(), action.clone());
    let body = move || {
        let (joined, ended, _, phase) = stage.get();
        let current = view.get_untracked();
        // An ended meeting takes no new participants; say so rather than offer to join.
        if !joined && !ended {
            return view! { <JoinForm view=current action=action.clone() form_id=form_id(0) card /> }
                .into_any();
        }
        if ended {
            return view! {
                <section class="card phone-section">
                    <h2>{t!(i18n, meeting_ended_heading)}</h2>
                    <p>{t!(i18n, meeting_ended_text)}</p>
                    <p><a class="button secondary" href=format!("/m/{record_code}/overblik") rel="external">{t!(i18n, record_link)}</a></p>
                </section>
                {move || {
                    let agreed = view.with(|v| v.meeting.agreed.clone());
                    (!agreed.is_empty()).then(|| view! {
                        <section class="phone-section" aria-labelledby="agreed-heading">
                            <h2 id="agreed-heading">{t!(i18n, meeting_actions_heading)}</h2>
                            <AgreedList items=agreed />
                        </section>
                    })
                }}
            }
            .into_any();
        }
        // At a round with stations a table sees only its own text.
        let step = current
            .step
            .clone()
            .at_station(current.seat.as_ref().and_then(|s| s.station));
        if step.follow_up.is_some() {
            return match phase {
                Phase::Agree => view! {
                    <QuestionBlock step compact=true />
                    <FollowUpAnswer follow_up mine code=code.clone() action=action.clone()
                        form_ids=(3..6).map(form_id).collect() feedback />
                }
                .into_any(),
                Phase::Intro => view! {
                    <section class="joined-note" role="status">
                        <p class="joined-title">{t!(i18n, phone_joined_heading)}</p>
                        <p>{t!(i18n, follow_up_phone_wait)}</p>
                    </section>
                    <QuestionBlock step />
                }
                .into_any(),
                _ => view! {
                    <QuestionBlock step compact=true />
                    {move || follow_up.get().map(|follow_up| view! { <FollowUpList follow_up /> })}
                }
                .into_any(),
            };
        }
        // In the café the table comes first: where to go while people move, then the
        // table's points while it talks.
        let seated = current.seat.is_some();
        // People move at a round's start; for the harvest they stay where they sit.
        let moving = current.step.round.is_some();
        let harvest_of = step.harvest.is_some().then_some(view);
        match phase {
            Phase::Intro if seated => view! {
                <PhoneTable view moving />
                <QuestionBlock step />
                <TogetherForm view code=code.clone() action=action.clone() form_ids=(24..27).map(form_id).collect() feedback />
            }
            .into_any(),
            Phase::Intro => view! {
                <section class="joined-note" role="status">
                    <p class="joined-title">{t!(i18n, phone_joined_heading)}</p>
                    <p>{t!(i18n, phone_intro_hint)}</p>
                </section>
                <QuestionBlock step />
                <VolunteerForm view code=code.clone() action=action.clone() form_id=form_id(1) feedback />
                <TogetherForm view code=code.clone() action=action.clone() form_ids=(24..27).map(form_id).collect() feedback />
            }
            .into_any(),
            Phase::Reflect => view! {
                {seated.then(|| view! { <PhoneTable view moving=false /> })}
                <QuestionBlock step />
                <AnswerForm code=code.clone() action=action.clone() form_id=form_id(1) answer_id=form_id(2) draft feedback for_table=seated
                    harvest=harvest_of />
                <MyAnswers view action=action.clone() form_ids=(3..23).map(form_id).collect() />
                {seated.then(|| view! { <TablePoints view /> })}
                <TogetherForm view code=code.clone() action=action.clone() form_ids=(24..27).map(form_id).collect() feedback />
            }
            .into_any(),
            Phase::Reveal | Phase::Sort => view! {
                <QuestionBlock step=step.clone() compact=true />
                <p class="phone-hint">{t!(i18n, phone_reveal_hint)}</p>
                {move || view! { <CardList cards=view.with(|v| v.step.cards.clone()) harvest=view.with(|v| v.step.harvest.clone()) /> }}
            }
            .into_any(),
            Phase::Vote => view! {
                <QuestionBlock step compact=true />
                <VoteBoard view code=code.clone() action=action.clone() form_ids=(3..23).map(form_id).collect() feedback />
            }
            .into_any(),
            Phase::Agree | Phase::Done => view! {
                <QuestionBlock step=step.clone() compact=true />
                // Actions are agreed while everyone watches: follow them live, above the
                // ranking, which with many answers is a long list.
                {move || view! {
                    <ActionList actions=view.with(|v| v.step.actions.clone()) heading=true />
                    <h2 class="phone-subheading">{t!(i18n, phone_results_heading)}</h2>
                    <CardList cards=view.with(|v| v.step.cards.clone()) ranked=true harvest=view.with(|v| v.step.harvest.clone()) />
                }}
            }
            .into_any(),
        }
    };

    view! {
        <PageTitle text=format!("{title} – Samråd") />
        <div class="phone">
            <header class="phone-header">
                <p class="phone-meeting">{title.clone()}</p>
                {move || (stage.get().0 && !stage.get().1).then(|| view! {
                    <p class="joined-tag">{t!(i18n, phone_joined_tag)}</p>
                })}
                {move || (!stage.get().1).then(|| view! {
                    <p class="phone-step">
                        {t!(i18n, screen_where,
                            step = move || view.with(|v| v.step.index + 1),
                            steps = move || view.with(|v| v.meeting.step_count),
                            phase = move || phase_label(i18n, view.with(|v| v.step.phase)))}
                    </p>
                })}
            </header>
            <ConnectionNotice connection=live.connection />
            <Countdown ends_at_ms=Signal::derive(move || view.with(|v| v.meeting.timer_ends_at_ms)) clock_offset_ms=live.clock_offset_ms round=Signal::derive(move || view.with(|v| v.step.round.is_some())) />
            <FeedbackNotice feedback />
            <TableDeviceNote view card code=device_code action=device_action form_id=form_id(23) feedback />
            {body}
            {move || {
                let (joined, ended, _, phase) = stage.get();
                (joined && !ended).then(|| view! {
                    <StaticRefresh href=format!("/m/{code_for_refresh}") auto=waits(phase) />
                })
            }}
        </div>
    }
}

/// Whether a phone in this phase only waits for the host (nothing to fill in), so a page
/// without the WebAssembly may reload itself to follow the meeting. While people write or
/// vote it must not: a reload would lose what is being typed.
fn waits(phase: Phase) -> bool {
    matches!(
        phase,
        Phase::Intro | Phase::Reveal | Phase::Sort | Phase::Agree | Phase::Done
    )
}

/// For a phone that cannot run the WebAssembly (no JavaScript, or a browser too old): an
/// "Opdatér" link (hidden once the page is live), and, while the phone only waits
/// (`auto`), a reload every 15 s without JavaScript. Both lead to the meeting's plain
/// address, so an old error message does not stay in it.
#[component]
fn StaticRefresh(href: String, auto: bool) -> impl IntoView {
    let i18n = use_i18n();
    // `inner_html`: hydration does not walk into it (a `<noscript>`'s content is text to a
    // browser that runs scripts).
    let refresh = if auto {
        format!(r#"<meta http-equiv="refresh" content="15; url={href}">"#)
    } else {
        String::new()
    };
    view! {
        <noscript inner_html=refresh></noscript>
        <p class="static-refresh">
            <a class="button secondary" href=href>{t!(i18n, phone_refresh)}</a>
            " " <span class="hint">{t!(i18n, phone_refresh_hint)}</span>
        </p>
    }
}

#[component]
fn JoinForm(
    view: ParticipantView,
    action: String,
    form_id: String,
    /// Opened from a café table card: join as that table's own device.
    card: Option<u16>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Say exactly what others will see: with names, a name given stands by the answers.
    let names = view.meeting.names_allowed;
    let card = card.filter(|_| view.meeting.cafe.is_some());
    // Closures: the language can change in place.
    let heading = move || match card {
        Some(table) => crate::live::messages::fill(
            t_string!(i18n, cafe_join_as_table_heading),
            &[("table", table.to_string())],
        ),
        None => t_string!(i18n, phone_join_heading).to_owned(),
    };
    view! {
        <section class="card phone-section" id="deltag" aria-labelledby="join-meeting-heading">
            <h1 id="join-meeting-heading">{heading}</h1>
            <p class="lead">{view.meeting.title.clone()}</p>
            <p>
                {move || if card.is_some() { t_string!(i18n, cafe_join_as_table_text) } else { t_string!(i18n, phone_join_text) }}
            </p>
            <form method="post" action=action class="stack">
                <input type="hidden" name="handling" value="deltag" />
                <input type="hidden" name="id" value=form_id />
                {card.map(|table| view! { <input type="hidden" name="bord" value=table.to_string() /> })}
                {names.then(|| view! {
                    <div class="field">
                        <label for="join-name">{t!(i18n, phone_name_label)}</label>
                        <input id="join-name" name="navn" maxlength="40" autocomplete="nickname" />
                        <span class="hint">{t!(i18n, phone_name_hint)}</span>
                    </div>
                })}
                <button class="button big" type="submit">{t!(i18n, phone_join_button)}</button>
            </form>
            <p class="hint">
                {if names { t!(i18n, phone_names_note).into_any() } else { t!(i18n, phone_anonymous_note).into_any() }}
            </p>
        </section>
    }
}

const DRAFT_KEY: &str = "samraad-kladde";

#[component]
fn AnswerForm(
    code: String,
    action: String,
    form_id: String,
    answer_id: String,
    draft: RwSignal<String>,
    feedback: Feedback,
    /// In the café: the answer is a point of the table.
    #[prop(optional)]
    for_table: bool,
    /// In the café's harvest: the view, whose form gives the headings to choose from.
    #[prop(default = None)]
    harvest: Option<RwSignal<ParticipantView>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = RwSignal::new(0u8);
    let storage_key = format!("{DRAFT_KEY}-{code}");
    // A draft survives a reload or a lost connection on this device.
    #[cfg(feature = "hydrate")]
    {
        let storage_key = storage_key.clone();
        Effect::new(move |first: Option<()>| {
            let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
            if first.is_none() {
                if draft.get_untracked().is_empty()
                    && let Some(saved) = storage
                        .as_ref()
                        .and_then(|s| s.get_item(&storage_key).ok().flatten())
                {
                    draft.set(saved);
                }
                return;
            }
            if let Some(storage) = storage {
                let _ = storage.set_item(&storage_key, &draft.get());
            }
        });
    }
    let _ = &storage_key;
    let lang = move || Lang::from_code(i18n.get_locale_untracked().as_str());
    let command = Callback::new(move |()| match AnswerText::parse(&draft.get_untracked()) {
        Ok(text) => Some(Command::SubmitAnswer {
            answer: AnswerId::new(),
            text: text.to_string(),
            lang: lang(),
            heading: harvest.map(|_| heading.get_untracked()),
        }),
        Err(problem) => {
            let message = text_error_text(
                crate::domain::meeting::command::Field::Answer,
                problem,
                i18n.get_locale_untracked(),
            );
            feedback.error.set(Some(message));
            None
        }
    });
    let on_sent = Callback::new(move |()| draft.set(String::new()));
    let length = move || draft.with(|d| d.trim().chars().count());
    view! {
        <section class="phone-section" id="svar" aria-labelledby="answer-heading">
            <h2 id="answer-heading">
                {move || if for_table { t_string!(i18n, cafe_answer_heading) } else { t_string!(i18n, phone_answer_heading) }}
            </h2>
            <CommandForm
                action
                hidden=vec![("handling", "svar".into()), ("id", form_id), ("svar", answer_id)]
                command
                code
                feedback
                on_sent
                class="stack"
            >
                {harvest.map(|view| view! { <super::harvest::HarvestChoice view chosen=heading /> })}
                <label class="visually-hidden" for="answer-text">{t!(i18n, phone_answer_label)}</label>
                <textarea
                    id="answer-text"
                    name="tekst"
                    rows="4"
                    maxlength=AnswerText::MAX_CHARS.to_string()
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    aria-describedby="answer-hint"
                >
                    {raw_text(&draft.get_untracked())}
                </textarea>
                <p id="answer-hint" class="hint">
                    {move || format!("{} / {}", length(), AnswerText::MAX_CHARS)} " · "
                    {move || if for_table { t_string!(i18n, cafe_answer_hint) } else { t_string!(i18n, phone_answer_hint) }}
                </p>
                <button class="button big" type="submit">{t!(i18n, phone_answer_send)}</button>
            </CommandForm>
        </section>
    }
}

#[component]
fn MyAnswers(
    view: RwSignal<ParticipantView>,
    action: String,
    form_ids: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || {
            let answers = view.with(|v| v.my_answers.clone());
            let harvest = view.with(|v| v.step.harvest.clone());
            (!answers.is_empty()).then(|| view! {
                <section class="phone-section" aria-labelledby="mine-heading">
                    <h2 id="mine-heading">{t!(i18n, phone_my_answers)}</h2>
                    <ul class="answer-list mine">
                        {answers.into_iter().zip(form_ids.clone()).map(|(answer, form_id)| view! {
                            <li class="answer-card">
                                {answer.heading.zip(harvest.clone()).map(|(heading, form)| view! { <super::harvest::HeadingTag form heading /> })}
                                <p class="card-text" lang=lang_attr(answer.lang) dir="auto">{answer.text}</p>
                                <form method="post" action=action.clone()>
                                    <input type="hidden" name="handling" value="fortryd" />
                                    <input type="hidden" name="id" value=form_id />
                                    <input type="hidden" name="svar" value=answer.id.to_string() />
                                    <button class="button link" type="submit">{t!(i18n, phone_withdraw)}</button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}
    }
}

#[component]
fn VoteBoard(
    view: RwSignal<ParticipantView>,
    code: String,
    action: String,
    form_ids: Vec<String>,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let ids = StoredValue::new(form_ids);
    let budget = move || view.with(|v| v.step.rules.budget);
    let used = move || view.with(|v| v.my_dots.iter().map(|(_, n)| u32::from(*n)).sum::<u32>());
    view! {
        <section class="phone-section" id="stem" aria-labelledby="vote-heading">
            <h2 id="vote-heading">{t!(i18n, phone_vote_heading)}</h2>
            <p class="dots-left" role="status">
                {t!(i18n, phone_dots_left,
                    count = move || u64::from(u32::from(budget()).saturating_sub(used())),
                    budget = move || budget())}
            </p>
            <ul class="answer-list vote">
                {move || {
                    let current = view.get();
                    let cap = current.step.rules.cap;
                    // "+" only while this person has a dot left to place.
                    let dots_left = u32::from(budget()) > used();
                    current.step.cards.clone().into_iter().enumerate().map(|(i, card)| {
                        let mine = current.my_dots.iter().find(|(t, _)| *t == card.target).map(|(_, n)| *n).unwrap_or(0);
                        let target = card.target;
                        let (minus_id, plus_id) = ids.with_value(|ids| (
                            ids.get(2 * i).cloned().unwrap_or_default(),
                            ids.get(2 * i + 1).cloned().unwrap_or_default(),
                        ));
                        let form = |dots: u8, id: String, label: &'static str, sign: &'static str, enabled: bool| view! {
                            <CommandForm
                                action=action.clone()
                                hidden=vec![("handling", "prikker".into()), ("id", id), ("maal", target_value(target)), ("prikker", dots.to_string())]
                                command=Callback::new(move |()| Some(Command::SetDots { target, dots }))
                                code=code.clone()
                                feedback
                                class="dot-form"
                            >
                                <button class="button dot-button" type="submit" disabled=!enabled aria-label=label>{sign}</button>
                            </CommandForm>
                        };
                        view! {
                            <li class="answer-card vote-card">
                                {card.title.clone().map(|title| view! { <p class="card-title">{title}</p> })}
                                {card.answers.iter().map(|a| view! { <p class="card-text" lang=lang_attr(a.lang) dir="auto">{a.text.clone()}</p> }).collect_view()}
                                <div class="dot-controls">
                                    {form(mine.saturating_sub(1), minus_id, t_string!(i18n, phone_dot_remove), "−", mine > 0)}
                                    <span class="my-dots" aria-label=t_string!(i18n, phone_my_dots)>
                                        {if mine == 0 { "○".to_string() } else { "●".repeat(mine as usize) }}
                                    </span>
                                    {form(mine + 1, plus_id, t_string!(i18n, phone_dot_add), "+", mine < cap && dots_left)}
                                </div>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}
