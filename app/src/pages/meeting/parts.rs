//! Pieces every meeting view shares: loading a page's first state, the question, the cards,
//! the actions, the countdown and the connection notice.

use std::future::Future;

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    content::model::Localized,
    domain::{
        meeting::{
            command::Lang,
            present::{percent_tenths, present, shared_places},
            state::Action,
            view::{AgreedItem, Card, HarvestView, StepView},
        },
        phase::Phase,
    },
    i18n::*,
    live::{
        hooks::Connection,
        messages::{RequestProblem, request_problem_text},
        server_fns::mark_status,
    },
};

/// Loads a page's first state once and renders it, or says why it cannot.
pub fn load_page<T, Fut>(
    load: Fut,
    render: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<Result<T, RequestProblem>, ServerFnError>> + Send + 'static,
{
    let i18n = use_i18n();
    let page = OnceResource::new(load);
    let render = std::sync::Arc::new(render);
    view! {
        <Suspense fallback=move || view! { <p class="hint">{t!(i18n, loading)}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok(Ok(page)) => render(page),
                        Ok(Err(problem)) => view! { <ProblemNotice problem /> }.into_any(),
                        Err(_) => view! { <ProblemNotice problem=RequestProblem::Unavailable /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn ProblemNotice(problem: RequestProblem) -> impl IntoView {
    let i18n = use_i18n();
    mark_status(problem);
    let heading = move || match problem {
        RequestProblem::UnknownMeeting => t_string!(i18n, meeting_unknown_heading),
        RequestProblem::UnknownDraft => t_string!(i18n, draft_unknown_heading),
        RequestProblem::Forbidden => t_string!(i18n, meeting_forbidden_heading),
        _ => t_string!(i18n, meeting_problem_heading),
    };
    view! {
        <PageTitle text=move || format!("{} – Samråd", heading()) />
        <section class="message-page">
            <h1>{heading}</h1>
            <p>{move || request_problem_text(problem, i18n.get_locale())}</p>
            {(problem == RequestProblem::UnknownMeeting).then(|| {
                // The code that was tried stays in the field, ready to correct.
                let tried = crate::components::address::meeting_code();
                view! {
                    <form method="get" action="/deltag" class="join-form stack">
                        <div class="field">
                            <label for="retry-code">{t!(i18n, join_code_label)}</label>
                            <input id="retry-code" name="kode" class="code-input" autocomplete="off"
                                autocapitalize="characters" spellcheck="false" maxlength="12" value=tried />
                        </div>
                        <button class="button" type="submit">{t!(i18n, join_button)}</button>
                    </form>
                }
            })}
            <p><a href="/">{t!(i18n, back_home)}</a></p>
        </section>
    }
}

pub fn english(i18n: leptos_i18n::I18nContext<Locale>) -> bool {
    i18n.get_locale() == Locale::en
}

pub fn localized(i18n: leptos_i18n::I18nContext<Locale>, text: &Localized) -> String {
    text.in_english(english(i18n)).to_owned()
}

pub fn lang_attr(lang: Lang) -> &'static str {
    lang.code()
}

pub fn phase_label(i18n: leptos_i18n::I18nContext<Locale>, phase: Phase) -> &'static str {
    match phase {
        Phase::Intro => t_string!(i18n, phase_intro),
        Phase::Reflect => t_string!(i18n, phase_reflect),
        Phase::Reveal => t_string!(i18n, phase_reveal),
        Phase::Sort => t_string!(i18n, phase_sort),
        Phase::Vote => t_string!(i18n, phase_vote),
        Phase::Agree => t_string!(i18n, phase_agree),
        Phase::Done => t_string!(i18n, phase_done),
    }
}

/// The step as the room meets it: the theme, the statements it rests on as quotes, the one
/// question everyone answers, the other questions as prompts for the talk, and the sources
/// in one small line (`domain::meeting::present`). `compact` shows the question alone, for
/// when the answers are the subject.
#[component]
pub fn QuestionBlock(
    step: StepView,
    #[prop(optional)] large: bool,
    #[prop(optional)] compact: bool,
    // The statement and the question without the prompts and sources (the host's console:
    // the room reads those on the projector).
    #[prop(optional)] brief: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let class = match (large, compact, brief) {
        (true, _, _) => "question-block large",
        (_, true, _) => "question-block compact",
        (_, _, true) => "question-block brief",
        _ => "question-block",
    };
    let presented = present(&step.questions);
    let theme = step.theme.clone();
    // A typed question is its own theme: say it once (the heading stays for screen readers).
    let theme_repeats_question = presented.ask.as_ref() == Some(&theme);
    let ask = presented.ask.clone();
    let sources = presented.sources.join(" · ");
    // The meeting's words are Danish, or English for a phone reading English.
    let content = move || {
        if i18n.get_locale() == Locale::en {
            "en"
        } else {
            "da"
        }
    };
    view! {
        <section class=class aria-labelledby="question-theme">
            // The meeting's own words keep their direction on a phone that reads right to left.
            <p class="question-theme" id="question-theme" dir="auto" lang=content class:visually-hidden=theme_repeats_question>
                {move || localized(i18n, &theme)}
            </p>
            {(!compact).then(|| presented.quotes.iter().cloned().map(|quote| view! {
                <blockquote class="question-quote" dir="auto" lang=content><p><q>{move || localized(i18n, &quote)}</q></p></blockquote>
            }).collect_view())}
            <p class="question-text" dir="auto" lang=content>
                {move || match &ask {
                    Some(ask) => localized(i18n, ask),
                    None => t_string!(i18n, meeting_standard_question).to_owned(),
                }}
            </p>
            {(!compact && !brief && !presented.prompts.is_empty()).then(|| {
                let prompts = presented.prompts.clone();
                view! {
                    <div class="question-prompts">
                        <p class="prompts-label">{t!(i18n, meeting_prompts_label)}</p>
                        <ul>
                            {prompts.into_iter().map(|p| view! { <li dir="auto" lang=content>{move || localized(i18n, &p)}</li> }).collect_view()}
                        </ul>
                    </div>
                }
            })}
            {(!compact && !brief && !sources.is_empty()).then(|| view! {
                <p class="question-source">{t!(i18n, meeting_source)} " " {sources.clone()}</p>
            })}
        </section>
    }
}

/// Answers and groups, without names; dots when the tallies are visible. Ranked, they are a
/// ranking: bars as long as their share of the most dots, and equal tallies sharing a place.
#[component]
pub fn CardList(
    cards: Vec<Card>,
    #[prop(optional)] ranked: bool,
    /// In the café's harvest: each answer carries its heading.
    #[prop(default = None)]
    harvest: Option<HarvestView>,
) -> impl IntoView {
    let i18n = use_i18n();
    if ranked {
        let tallies: Vec<u32> = cards.iter().map(|c| c.dots.unwrap_or(0)).collect();
        let places = shared_places(&tallies);
        let most = tallies.iter().copied().max().unwrap_or(0).max(1);
        let rows = cards
            .into_iter()
            .zip(places)
            .map(|(card, place)| {
                let dots = card.dots.unwrap_or(0);
                let shared = tallies.iter().filter(|t| **t == dots).count() > 1;
                // An SVG bar: its width is an attribute, which the page policy allows (a
                // `style` attribute it would not).
                let share = percent_tenths(dots, most);
                view! {
                    <li class="rank-row fit-item">
                        <span class="rank-place" class:shared=shared>{format!("{place}.")}</span>
                        <div class="rank-body">
                            <CardText card=card.clone() harvest=harvest.clone() />
                            <svg class="rank-bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
                                <rect class="rank-track" width="100" height="1" rx="0.5" />
                                <rect class="rank-fill" width=share height="1" />
                            </svg>
                        </div>
                        {card.dots.map(|n| view! {
                            <span class="rank-dots">
                                {t!(i18n, meeting_dots, count = move || u64::from(n))}
                                {card.paper.map(|paper| view! { <PaperShare paper /> })}
                            </span>
                        })}
                    </li>
                }
            })
            .collect_view();
        return view! { <ol class="ranking">{rows}</ol> }.into_any();
    }
    let list = cards
        .into_iter()
        .map(|card| {
            let (dots, paper) = (card.dots, card.paper);
            view! {
                <li class="answer-card fit-item">
                    <CardText card harvest=harvest.clone() />
                    {dots.map(|n| view! {
                        <p class="card-dots">
                            <span class="dot-row" aria-hidden="true">{"●".repeat(n.min(12) as usize)}</span>
                            " " {t!(i18n, meeting_dots, count = move || u64::from(n))}
                            {paper.map(|paper| view! { <PaperShare paper /> })}
                        </p>
                    })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="answer-list">{list}</ul> }.into_any()
}

/// "(heraf 2 fra papir)": how many of a card's dots the host typed from paper or hands.
#[component]
fn PaperShare(paper: u16) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="paper-share">
            " (" {move || crate::live::messages::fill(t_string!(i18n, meeting_paper_dots), &[("count", paper.to_string())])} ")"
        </span>
    }
}

/// One item of a record: its number, the question, the answers (ranked once voted), the
/// actions; `extra` for what only one record adds (the host's parked answers and reopen).
#[component]
pub fn RecordStep(step: StepView, #[prop(optional)] extra: Option<AnyView>) -> impl IntoView {
    let i18n = use_i18n();
    let ranked = step.phase >= Phase::Agree;
    let cards = step.cards.clone();
    let actions = step.actions.clone();
    let number = step.index + 1;
    let step_follows_up = step.follow_up.is_some();
    let harvest = step.harvest.clone();
    view! {
        <article class="card summary-step">
            <p class="hint">{t!(i18n, compose_step_number, n = number)}</p>
            <QuestionBlock step />
            {if cards.is_empty() && step_follows_up {
                ().into_any()
            } else if cards.is_empty() {
                view! { <p class="hint">{t!(i18n, summary_no_answers)}</p> }.into_any()
            } else {
                view! { <CardList cards ranked harvest /> }.into_any()
            }}
            <ActionList actions heading=true />
            {extra}
        </article>
    }
}

/// A card's group title, its answers and, in a meeting with names, who wrote them.
#[component]
fn CardText(card: Card, harvest: Option<HarvestView>) -> impl IntoView {
    view! {
        {card.title.map(|title| view! { <p class="card-title">{title}</p> })}
        {card
            .answers
            .into_iter()
            .map(|a| view! {
                {a.heading.zip(harvest.clone()).map(|(heading, form)| view! { <super::harvest::HeadingTag form heading /> })}
                {a.table.map(|table| view! { <super::cafe::TableBadge table /> })}
                <p class="card-text" lang=lang_attr(a.lang) dir="auto">{a.text}</p>
                {a.name.map(|name| view! { <p class="card-name">"– " {name}</p> })}
            })
            .collect_view()}
    }
}

#[component]
pub fn ActionList(actions: Vec<Action>, #[prop(optional)] heading: bool) -> impl IntoView {
    let i18n = use_i18n();
    if actions.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="actions" aria-labelledby="actions-heading">
            {heading.then(|| view! { <h2 id="actions-heading">{t!(i18n, meeting_actions_heading)}</h2> })}
            <ul class="action-list">
                {actions.into_iter().map(|action| view! { <ActionItem action /> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// One action: what, who, by when.
#[component]
pub fn ActionItem(action: Action) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="action-item fit-item">
            <p class="action-what">{action.what.to_string()}</p>
            <p class="action-meta">
                <span>{t!(i18n, meeting_action_owner)} ": " {action.owner.to_string()}</span>
                {action.due.map(|due| {
                    let due = due.to_string();
                    view! {
                        <span>" · " {t!(i18n, meeting_action_due)} ": " {move || danish_date(i18n, &due)}</span>
                    }
                })}
            </p>
        </li>
    }
}

/// Every action the meeting agreed, under the item it was agreed in.
#[component]
pub fn AgreedList(items: Vec<AgreedItem>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="agreed">
            {items.into_iter().map(|item| {
                let theme = item.theme.clone();
                view! {
                    <section class="agreed-item">
                        <h3 class="agreed-theme fit-item">{move || localized(i18n, &theme)}</h3>
                        <ul class="action-list">
                            {item.actions.into_iter().map(|action| view! { <ActionItem action /> }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

/// A date as people write it: "8. december 2026" in Danish, "8 December 2026" in English.
/// `iso` is `YYYY-MM-DD`; anything else is shown as it is.
pub fn danish_date(i18n: leptos_i18n::I18nContext<Locale>, iso: &str) -> String {
    crate::domain::dates::long_date(iso, english(i18n)).unwrap_or_else(|| iso.to_owned())
}

/// "Forbindelsen er tabt – vi prøver igen", calm, only when it is so.
#[component]
pub fn ConnectionNotice(connection: RwSignal<Connection>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="connection-notice" role="status" data-connection=move || match connection.get() {
            Connection::Static => "static",
            Connection::Live => "live",
            Connection::Lost => "lost",
        }>
            {move || (connection.get() == Connection::Lost).then(|| t_string!(i18n, meeting_connection_lost))}
        </p>
    }
}

/// This device's clock in ms, read every `every` once the page is live (0 on the server and
/// before). Server time is this plus the stream's measured offset.
pub fn use_clock(every: std::time::Duration) -> RwSignal<f64> {
    let now = RwSignal::new(0.0f64);
    #[cfg(feature = "hydrate")]
    Effect::new(move |started: Option<()>| {
        if started.is_none() {
            now.set(js_sys::Date::now());
            if let Ok(tick) = set_interval_with_handle(
                move || {
                    now.try_set(js_sys::Date::now());
                },
                every,
            ) {
                on_cleanup(move || tick.clear());
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = every;
    now
}

/// The remaining time of the host's countdown, from the server's end time and this device's
/// measured clock offset, so every screen shows the same second.
#[component]
pub fn Countdown(
    ends_at_ms: Signal<Option<i64>>,
    clock_offset_ms: RwSignal<f64>,
    /// A soft tone at zero (the projector's speakers); nothing else happens.
    #[prop(optional)]
    chime: bool,
    /// A café round's timer: says when one minute is left, and at zero that the tables
    /// change.
    #[prop(optional, into)]
    round: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_clock(std::time::Duration::from_millis(500));
    let remaining = move || {
        let ends = ends_at_ms.get()?;
        let device_now = now.get();
        if device_now == 0.0 {
            return None;
        }
        let server_now = device_now + clock_offset_ms.get();
        Some(((ends as f64 - server_now) / 1000.0).ceil().max(0.0) as i64)
    };
    #[cfg(feature = "hydrate")]
    if chime {
        Effect::new(move |previous: Option<Option<i64>>| {
            let now = remaining();
            if let (Some(Some(before)), Some(0)) = (previous, now)
                && before > 0
            {
                play_chime();
            }
            now
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = chime;
    view! {
        {move || remaining().map(|seconds| {
            let done = seconds == 0;
            let last_minute = (1..=60).contains(&seconds);
            let class = if done { "countdown done" } else if last_minute { "countdown warning" } else { "countdown" };
            // In a café round the last minute and the change of tables are said in words
            // (read out once by screen readers), not only by colour.
            let said = round.get().then(|| {
                if done {
                    Some(t_string!(i18n, cafe_timer_change))
                } else if last_minute {
                    Some(t_string!(i18n, cafe_timer_minute_left))
                } else {
                    None
                }
            }).flatten();
            view! {
                <p class=class role="timer" aria-live="off">
                    <span class="visually-hidden">{t!(i18n, meeting_timer_label)}</span>
                    {format!("{}:{:02}", seconds / 60, seconds % 60)}
                    {said.map(|text| view! { <span class="countdown-said" role="status">{text}</span> })}
                </p>
            }
        })}
    }
}

/// What a page tells the person about the commands it sends.
#[derive(Clone, Copy)]
pub struct Feedback {
    /// A refusal, in the person's language.
    pub error: RwSignal<Option<String>>,
    /// True while a command waits for the connection to return.
    pub waiting: RwSignal<bool>,
}

impl Feedback {
    pub fn new() -> Self {
        Self {
            error: RwSignal::new(None),
            waiting: RwSignal::new(false),
        }
    }
}

impl Default for Feedback {
    fn default() -> Self {
        Self::new()
    }
}

/// A form that works twice: as a plain HTML form posting `hidden` (before or without the
/// WebAssembly), and once hydrated as a command sent in place, retried until answered.
#[component]
pub fn CommandForm(
    action: String,
    hidden: Vec<(&'static str, String)>,
    /// The command to send when hydrated; `None` means "don't send" (the input was refused).
    command: Callback<(), Option<crate::domain::meeting::command::Command>>,
    code: String,
    #[prop(optional)] key: Option<String>,
    feedback: Feedback,
    #[prop(optional)] on_sent: Option<Callback<()>>,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use crate::domain::meeting::{command::Envelope, ids::CommandId};
            event.prevent_default();
            let Some(command) = command.run(()) else {
                return;
            };
            feedback.error.set(None);
            // The page may be left while the command is on its way: `try_set` from here on.
            let envelope = Envelope {
                id: CommandId::new(),
                command,
            };
            let (code, key) = (code.clone(), key.clone());
            leptos::task::spawn_local(async move {
                let sent = crate::live::client::send_until_answered(
                    &code,
                    key.as_deref(),
                    &envelope,
                    |w| {
                        feedback.waiting.try_set(w);
                    },
                )
                .await;
                match sent {
                    Ok(_) => {
                        if let Some(on_sent) = on_sent {
                            on_sent.run(());
                        }
                    }
                    Err(message) => {
                        feedback.error.try_set(Some(message));
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, &command, &code, &key, feedback, on_sent);
    };
    view! {
        <form method="post" action=action class=class on:submit=on_submit>
            {hidden
                .into_iter()
                .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                .collect_view()}
            {children()}
        </form>
    }
}

/// Shows a refusal and the "waiting for the connection" state.
#[component]
pub fn FeedbackNotice(feedback: Feedback) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="feedback" role="alert">
            {move || feedback.error.get().map(|message| view! { <p class="error-text">{message}</p> })}
        </div>
        <p class="hint" role="status">
            {move || feedback.waiting.get().then(|| t_string!(i18n, meeting_waiting_to_send))}
        </p>
    }
}

/// A short, soft tone. Browsers allow sound only after the page has been used (a key press on
/// the projector counts); if not allowed, nothing happens.
#[cfg(feature = "hydrate")]
fn play_chime() {
    let Ok(context) = web_sys::AudioContext::new() else {
        return;
    };
    let (Ok(tone), Ok(volume)) = (context.create_oscillator(), context.create_gain()) else {
        return;
    };
    let start = context.current_time();
    tone.frequency().set_value(660.0);
    let gain = volume.gain();
    let _ = gain.set_value_at_time(0.0, start);
    let _ = gain.linear_ramp_to_value_at_time(0.15, start + 0.05);
    let _ = gain.exponential_ramp_to_value_at_time(0.001, start + 1.5);
    let _ = tone.connect_with_audio_node(&volume);
    let _ = volume.connect_with_audio_node(&context.destination());
    let _ = tone.start();
    let _ = tone.stop_with_when(start + 1.6);
}
