//! `/m/{code}/styring?k=…`: the host's console. The agenda, the current phase and its
//! controls, live counts, moderation of answers, the actions form, and the links.
//! The console needs the WebAssembly (it is the leader's laptop); phones do not.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    cafe::ConsoleCafe,
    follow_up::FollowUpControls,
    parts::{
        CardList, CommandForm, ConnectionNotice, Countdown, Feedback, FeedbackNotice,
        QuestionBlock, danish_date, load_page, localized, phase_label, use_clock,
    },
    screen::neighbours,
};
use crate::{
    domain::{
        meeting::{
            command::Command,
            ids::{ActionId, ClusterId},
            present::minutes_used,
            view::ConsoleView,
        },
        phase::Phase,
    },
    i18n::*,
    live::{data::ConsolePage, hooks::use_live_view, server_fns::load_console_page},
};

#[component]
pub fn ConsolePage() -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    let key = use_query_map()
        .read_untracked()
        .get("k")
        .unwrap_or_default();
    load_page(load_console_page(code, key.clone()), move |page| {
        view! { <Console page key=key.clone() /> }.into_any()
    })
}

/// The props every control needs to send a command.
#[derive(Clone, Copy)]
struct Sender {
    code: StoredValue<String>,
    key: StoredValue<String>,
    feedback: Feedback,
}

impl Sender {
    /// A button that sends one fixed command.
    fn button(
        &self,
        label: String,
        command: Command,
        class: &'static str,
    ) -> impl IntoView + use<> {
        view! {
            <CommandForm
                action="#".to_string()
                hidden=vec![]
                command=Callback::new(move |()| Some(command.clone()))
                code=self.code.get_value()
                key=self.key.get_value()
                feedback=self.feedback
                class="inline-form"
            >
                <button class=format!("button {class}") type="submit">{label}</button>
            </CommandForm>
        }
    }
}

#[component]
fn Console(page: ConsolePage, key: String) -> impl IntoView {
    let i18n = use_i18n();
    let code = page.view.meeting.code.clone();
    let live = use_live_view(page.view.clone(), format!("/api/m/{code}/events?k={key}"));
    let view = live.view;
    let feedback = Feedback::new();
    let sender = Sender {
        code: StoredValue::new(code.clone()),
        key: StoredValue::new(key.clone()),
        feedback,
    };
    let is_new = use_query_map().read_untracked().get("ny").is_some();
    // This device's clock, every 15 s, for the time plan (server time = this + the offset).
    let now = use_clock(std::time::Duration::from_secs(15));
    let summary_url = format!("/m/{code}/referat?k={key}");
    let new_meeting_url = format!("/ny?k={key}");
    let team_url = format!("/team?k={key}");

    view! {
        <PageTitle text=move || format!("{} – {} – Samråd", t_string!(i18n, console_title), view.with(|v| v.meeting.title.clone())) />
        <div class="console">
            <header class="console-header">
                <div>
                    <p class="hint">{page.space_name.clone()}</p>
                    <h1>{move || view.with(|v| v.meeting.title.clone())}</h1>
                </div>
                <p class="console-code">
                    <span class="hint">{t!(i18n, screen_code_label)}</span>
                    " "
                    <strong class="join-code small">{code.clone()}</strong>
                    " "
                    <span class="hint">{page.join_address.clone()}</span>
                </p>
            </header>
            {is_new.then(|| view! { <KeepLink url=page.console_url.clone() /> })}
            <ConnectionNotice connection=live.connection />
            <FeedbackNotice feedback />
            <div class="console-grid">
                <nav class="card console-agenda" aria-labelledby="agenda-heading">
                    <h2 id="agenda-heading">{t!(i18n, console_agenda)}</h2>
                    <ol class="agenda-list">
                        {move || {
                            let current = view.with(|v| v.step.index);
                            view.with(|v| v.agenda.clone()).into_iter().enumerate().map(|(i, entry)| {
                                let theme = entry.theme.clone();
                                let status = if entry.started { phase_label(i18n, entry.phase) } else { t_string!(i18n, console_not_started) };
                                let label = format!("{}. {} · {}", i + 1, localized(i18n, &theme), status);
                                // The time plan: minutes used of the minutes planned, live for
                                // the current item; past its plan it says so.
                                let spent = entry.spent_ms;
                                let planned = entry.minutes;
                                let used = move || {
                                    let running = view.with(|v| if v.step.index == i { v.entered_at_ms } else { None });
                                    minutes_used(spent, running, (now.get() + live.clock_offset_ms.get()) as i64)
                                };
                                let over = move || planned.is_some_and(|p| used() > i64::from(p));
                                view! {
                                    <li class:current=i == current>
                                        {sender.button(label, Command::GoTo { step: i, phase: entry.phase }, "link")}
                                        <span class="agenda-time" class:over=over>
                                            {match planned {
                                                Some(planned) => t!(i18n, console_time_planned, used = used, planned = move || planned).into_any(),
                                                None => t!(i18n, console_time_used, used = used).into_any(),
                                            }}
                                        </span>
                                    </li>
                                }
                            }).collect_view()
                        }}
                    </ol>
                    <p><a class="button secondary" href=page.screen_url.clone() target="samraad-skaerm">{t!(i18n, console_open_screen)}</a></p>
                    <p class="hint">{t!(i18n, console_screen_hint)}</p>
                    <p><a href=summary_url.clone()>{t!(i18n, console_summary)}</a></p>
                    <p><a href=new_meeting_url.clone()>{t!(i18n, console_new_meeting)}</a></p>
                    <p><a href=team_url.clone()>{t!(i18n, team_board_link)}</a></p>
                    <p class="hint team-meetings">{t!(i18n, console_team_meetings)} " "
                        {page.team_meetings.iter().map(|(other, title)| {
                            // The team's key opens every meeting of the team.
                            let href = format!("/m/{other}/styring?k={key}");
                            view! { <a class="chip" href=href>{title.clone()} " (" {other.clone()} ")"</a> }
                        }).collect_view()}
                    </p>
                </nav>
                <section class="card console-main" aria-labelledby="phase-heading">
                    // The controls stay in view while the host scrolls the answers.
                    <div class="console-bar">
                        <PhaseControls view sender />
                        <Countdown ends_at_ms=Signal::derive(move || view.with(|v| v.meeting.timer_ends_at_ms)) clock_offset_ms=live.clock_offset_ms round=Signal::derive(move || view.with(|v| v.step.round.is_some())) chime=true />
                        <TimerControls view sender />
                    </div>
                    // The room reads the question on the projector; here it is a reminder.
                    {move || {
                        let step = view.with(|v| v.step.clone());
                        if step.stations.is_empty() {
                            view! { <QuestionBlock step brief=true /> }.into_any()
                        } else {
                            view! { <super::stations::StationsBlock step /> }.into_any()
                        }
                    }}
                    {move || view.with(|v| v.notes.clone()).map(|notes| view! {
                        <details class="notes">
                            <summary>{t!(i18n, console_notes)}</summary>
                            <p>{localized(i18n, &notes)}</p>
                        </details>
                    })}
                    <Counts view />
                    <ConsoleCafe view code=code.clone() key=key.clone() feedback />
                    <VoteRulesForm view sender />
                    <super::paper::PaperTallies view code=code.clone() key=key.clone() feedback />
                    <Moderation view sender />
                    <ConsoleFollowUp view sender />
                    // While actions are agreed, their form comes first; the ranking under it.
                    <ActionsEditor view sender />
                    {move || {
                        let step = view.with(|v| v.step.clone());
                        let hidden_from_room = !view.with(|v| v.room_sees_tallies) && step.phase == Phase::Vote;
                        (step.phase >= Phase::Reveal).then(|| view! {
                            <h3>{t!(i18n, console_board)}</h3>
                            {hidden_from_room.then(|| view! { <p class="hint">{t!(i18n, console_tallies_yours)}</p> })}
                            <CardList cards=step.cards ranked={step.phase >= Phase::Agree} harvest=step.harvest />
                        })
                    }}
                    // A div, not a p: a form inside a p is closed early by the HTML parser.
                    <div class="console-end">
                        <EndMeeting view sender />
                    </div>
                </section>
            </div>
        </div>
    }
}

/// The host's link, once, right after the start. The link is the key to the team's meetings
/// and the laptop may be mirrored to the projector: it is never shown unless asked for, it
/// can be copied without being shown, and after copying the notice folds to one line.
#[component]
fn KeepLink(url: String) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let copy_url = url.clone();
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&copy_url);
            copied.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &copy_url;
    };
    view! {
        <section class="notice keep-link" class:folded=copied aria-labelledby="keep-heading">
            <h2 id="keep-heading">{t!(i18n, console_keep_heading)}</h2>
            {move || if copied.get() {
                view! { <p role="status">{t!(i18n, console_copied_text)}</p> }.into_any()
            } else {
                view! { <p>{t!(i18n, console_keep_text)}</p> }.into_any()
            }}
            <div class="keep-actions">
                <button class="button" type="button" on:click=copy>
                    {move || if copied.get() { t_string!(i18n, console_copied) } else { t_string!(i18n, console_copy) }}
                </button>
                <details class="keep-url">
                    <summary>{t!(i18n, console_show_link)}</summary>
                    <code>{url.clone()}</code>
                </details>
            </div>
        </section>
    }
}

/// "Afslut mødet", which asks first when items of the agenda were never started.
#[component]
fn EndMeeting(view: RwSignal<ConsoleView>, sender: Sender) -> impl IntoView {
    let i18n = use_i18n();
    let command = Callback::new(move |()| {
        let untouched = view.with_untracked(|v| v.agenda.iter().filter(|e| !e.started).count());
        #[cfg(feature = "hydrate")]
        if untouched > 0 {
            let question = if untouched == 1 {
                t_string!(i18n, console_end_confirm_single).to_string()
            } else {
                t_string!(i18n, console_end_confirm_many).replace("{n}", &untouched.to_string())
            };
            if !window().confirm_with_message(&question).unwrap_or(false) {
                return None;
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = untouched;
        Some(Command::EndMeeting)
    });
    view! {
        <CommandForm
            action="#".to_string()
            hidden=vec![]
            command
            code=sender.code.get_value()
            key=sender.key.get_value()
            feedback=sender.feedback
            class="inline-form"
        >
            <button class="button secondary" type="submit">{t!(i18n, console_end_meeting)}</button>
        </CommandForm>
    }
}

#[component]
fn PhaseControls(view: RwSignal<ConsoleView>, sender: Sender) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2 id="phase-heading">
            {t!(i18n, console_where,
                step = move || view.with(|v| v.step.index + 1),
                phase = move || phase_label(i18n, view.with(|v| v.step.phase)))}
        </h2>
        {move || {
            let (step, count) = view.with(|v| (v.step.clone(), v.meeting.step_count));
            let (next, previous) = neighbours(&step, count);
            view! {
                <div class="phase-controls">
                    {previous.map(|(s, p)| sender.button(format!("← {}", t_string!(i18n, console_previous)), Command::GoTo { step: s, phase: p }, "secondary"))}
                    {next.map(|(s, p)| {
                        let label = if s == step.index {
                            format!("{}: {} →", t_string!(i18n, console_next), phase_label(i18n, p))
                        } else {
                            format!("{} →", t_string!(i18n, console_next_item))
                        };
                        sender.button(label, Command::GoTo { step: s, phase: p }, "primary")
                    })}
                </div>
                <ol class="phase-track">
                    {step.phases.iter().map(|phase| {
                        let phase = *phase;
                        view! {
                            <li class:current=phase == step.phase>
                                {sender.button(phase_label(i18n, phase).to_string(), Command::GoTo { step: step.index, phase }, "link")}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }
        }}
    }
}

#[component]
fn TimerControls(view: RwSignal<ConsoleView>, sender: Sender) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="timer-controls">
            <span class="hint">{t!(i18n, console_timer)}</span>
            // A café round: its planned minutes, one button.
            {move || {
                let planned = view.with(|v| {
                    v.step.round.and_then(|_| v.agenda.get(v.step.index).and_then(|entry| entry.minutes))
                });
                planned.and_then(|m| u8::try_from(m).ok()).filter(|m| (1..=30).contains(m)).map(|minutes| sender.button(
                    crate::live::messages::fill(t_string!(i18n, console_round_timer), &[("minutes", minutes.to_string())]),
                    Command::StartTimer { minutes },
                    "small",
                ))
            }}
            {[1u8, 3, 5, 10].map(|minutes| sender.button(format!("{minutes} {}", t_string!(i18n, minutes_unit)), Command::StartTimer { minutes }, "secondary small"))}
            {move || view.with(|v| v.meeting.timer_ends_at_ms.is_some()).then(|| sender.button(t_string!(i18n, console_timer_stop).to_string(), Command::StopTimer, "link"))}
        </div>
    }
}

#[component]
fn Counts(view: RwSignal<ConsoleView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="counts">
            <div><dt>{t!(i18n, console_joined)}</dt><dd data-count="joined">{move || view.with(|v| v.counts.joined)}</dd></div>
            <div><dt>{t!(i18n, console_answered)}</dt><dd data-count="answered">{move || view.with(|v| v.counts.answered)}</dd></div>
            <div><dt>{t!(i18n, console_answers)}</dt><dd data-count="answers">{move || view.with(|v| v.counts.answers)}</dd></div>
            <div><dt>{t!(i18n, console_voted)}</dt><dd data-count="voted">{move || view.with(|v| v.counts.voted)}</dd></div>
        </dl>
    }
}

/// Hide off-topic answers; tick similar ones and merge them into a group with a title.
#[component]
fn Moderation(view: RwSignal<ConsoleView>, sender: Sender) -> impl IntoView {
    let i18n = use_i18n();
    let selected = RwSignal::new(Vec::<crate::domain::meeting::ids::AnswerId>::new());
    let title = RwSignal::new(String::new());
    let merge = Callback::new(move |()| {
        let answers = selected.get_untracked();
        let text = title.get_untracked();
        selected.set(Vec::new());
        title.set(String::new());
        Some(Command::MergeAnswers {
            cluster: ClusterId::new(),
            title: text,
            answers,
        })
    });
    view! {
        {move || {
            let (phase, answers, clusters) = view.with(|v| (v.step.phase, v.answers.clone(), v.clusters.clone()));
            let open = matches!(phase, Phase::Reflect | Phase::Reveal | Phase::Sort);
            (open && !answers.is_empty()).then(|| view! {
                <section class="moderation" aria-labelledby="moderation-heading">
                    <h3 id="moderation-heading">{t!(i18n, console_moderation)}</h3>
                    <ul class="moderation-list">
                        {answers.into_iter().map(|answer| {
                            let id = answer.id;
                            let group = answer.cluster.and_then(|c| clusters.iter().find(|g| g.id == c)).map(|g| g.title.clone());
                            view! {
                                <li class:hidden-answer=answer.hidden>
                                    <label class="check">
                                        <input type="checkbox"
                                            prop:checked=move || selected.with(|s| s.contains(&id))
                                            on:change=move |_| selected.update(|s| if s.contains(&id) { s.retain(|x| *x != id) } else { s.push(id) }) />
                                        <span>{answer.text.clone()}</span>
                                    </label>
                                    {group.map(|g| view! { <span class="chip">{g}</span> })}
                                    {sender.button(
                                        if answer.hidden { t_string!(i18n, console_unpark) } else { t_string!(i18n, console_park) }.to_string(),
                                        Command::HideAnswer { answer: id, hidden: !answer.hidden },
                                        "link",
                                    )}
                                    {answer.cluster.is_some().then(|| sender.button(t_string!(i18n, console_ungroup).to_string(), Command::Ungroup { answer: id }, "link"))}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <CommandForm action="#".to_string() hidden=vec![] command=merge code=sender.code.get_value() key=sender.key.get_value() feedback=sender.feedback class="merge-form">
                        <label for="cluster-title">{t!(i18n, console_group_title)}</label>
                        <input id="cluster-title" maxlength="120" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                        <button class="button secondary" type="submit">{t!(i18n, console_merge)}</button>
                    </CommandForm>
                </section>
            })
        }}
    }
}

/// The follow-up step's controls (`follow_up.rs`), with this console's way to send.
#[component]
fn ConsoleFollowUp(view: RwSignal<ConsoleView>, sender: Sender) -> impl IntoView {
    let follow_up = Memo::new(move |_| view.with(|v| v.step.follow_up.clone()));
    let showing = Memo::new(move |_| view.with(|v| v.step.phase == Phase::Agree));
    let button = move |label: AnyView, command: Command, class: &'static str| {
        view! {
            <CommandForm
                action="#".to_string()
                hidden=vec![]
                command=Callback::new(move |()| Some(command.clone()))
                code=sender.code.get_value()
                key=sender.key.get_value()
                feedback=sender.feedback
                class="inline-form"
            >
                <button class=format!("button {class}") type="submit">{label}</button>
            </CommandForm>
        }
    };
    view! { <FollowUpControls follow_up showing button /> }
}

#[component]
fn ActionsEditor(view: RwSignal<ConsoleView>, sender: Sender) -> impl IntoView {
    let i18n = use_i18n();
    let what = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let record = Callback::new(move |()| {
        Some(Command::RecordAction {
            action: ActionId::new(),
            what: what.get_untracked(),
            owner: owner.get_untracked(),
            due: Some(due.get_untracked()),
            pillar: None,
        })
    });
    let clear = Callback::new(move |()| {
        what.set(String::new());
        owner.set(String::new());
        due.set(String::new());
    });
    view! {
        {move || {
            let (phase, actions) = view.with(|v| (v.step.phase, v.step.actions.clone()));
            (phase >= Phase::Agree).then(|| view! {
                <section class="actions-editor" aria-labelledby="record-heading">
                    <h3 id="record-heading">{t!(i18n, console_record_action)}</h3>
                    <CommandForm action="#".to_string() hidden=vec![] command=record code=sender.code.get_value() key=sender.key.get_value() feedback=sender.feedback on_sent=clear class="stack">
                        <div class="field">
                            <label for="action-what">{t!(i18n, console_action_what)}</label>
                            <input id="action-what" maxlength="300" prop:value=move || what.get() on:input=move |ev| what.set(event_target_value(&ev)) />
                        </div>
                        <div class="field-row">
                            <div class="field">
                                <label for="action-owner">{t!(i18n, console_action_owner)}</label>
                                <input id="action-owner" maxlength="100" prop:value=move || owner.get() on:input=move |ev| owner.set(event_target_value(&ev)) />
                            </div>
                            <div class="field">
                                <label for="action-due">{t!(i18n, console_action_due)}</label>
                                <input id="action-due" type="date" prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev)) />
                            </div>
                        </div>
                        <button class="button" type="submit">{t!(i18n, console_action_save)}</button>
                    </CommandForm>
                    <ul class="action-list">
                        {actions.into_iter().map(|action| view! {
                            <li class="action-item">
                                <p class="action-what">{action.what.to_string()}</p>
                                <p class="action-meta">{action.owner.to_string()} {action.due.map(|d| {
                                    let d = d.to_string();
                                    view! { " · " {move || danish_date(i18n, &d)} }
                                })}</p>
                                {sender.button(t_string!(i18n, console_action_remove).to_string(), Command::RemoveAction { action: action.id }, "link")}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}
    }
}

/// Dots per person and per answer, and whether tallies show while voting is open.
#[component]
fn VoteRulesForm(view: RwSignal<ConsoleView>, sender: Sender) -> impl IntoView {
    let i18n = use_i18n();
    let rules = view.with_untracked(|v| v.step.rules);
    let budget = RwSignal::new(rules.budget.to_string());
    let cap = RwSignal::new(rules.cap.to_string());
    let live = RwSignal::new(rules.tallies_live);
    let command = Callback::new(move |()| {
        Some(Command::SetVoteRules {
            budget: budget.get_untracked().trim().parse().unwrap_or(0),
            cap: cap.get_untracked().trim().parse().unwrap_or(0),
            tallies_live: live.get_untracked(),
        })
    });
    // Drawn again only when voting opens or closes: an answer or a dot arriving must not
    // close the open form (and lose what the host typed).
    let open = Memo::new(move |_| view.with(|v| v.step.phase <= Phase::Vote));
    view! {
        {move || open.get().then(|| view! {
            <details class="vote-rules">
                <summary>
                    {t!(i18n, console_vote_rules,
                        count = move || u64::from(view.with(|v| v.step.rules.budget)),
                        cap = move || view.with(|v| v.step.rules.cap))}
                </summary>
                <CommandForm action="#".to_string() hidden=vec![] command code=sender.code.get_value() key=sender.key.get_value() feedback=sender.feedback class="stack">
                    <div class="field-row">
                        <div class="field">
                            <label for="vote-budget">{t!(i18n, console_vote_budget)}</label>
                            <input id="vote-budget" type="number" min="1" max="20" inputmode="numeric"
                                prop:value=move || budget.get() on:input=move |ev| budget.set(event_target_value(&ev)) />
                        </div>
                        <div class="field">
                            <label for="vote-cap">{t!(i18n, console_vote_cap)}</label>
                            <input id="vote-cap" type="number" min="1" max="20" inputmode="numeric"
                                prop:value=move || cap.get() on:input=move |ev| cap.set(event_target_value(&ev)) />
                        </div>
                    </div>
                    <label class="choice">
                        <input type="checkbox" prop:checked=move || live.get() on:change=move |ev| live.set(event_target_checked(&ev)) />
                        <span>{t!(i18n, console_vote_live)}</span>
                    </label>
                    <button class="button secondary" type="submit">{t!(i18n, console_vote_save)}</button>
                </CommandForm>
            </details>
        })}
    }
}
