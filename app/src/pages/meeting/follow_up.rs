//! The follow-up step (*Opfølgning*) on every screen: the projector shows the action being
//! followed up large, with what the room answered; the phone answers it (udført · ikke endnu ·
//! drop) with plain forms that work without the WebAssembly; the console shows every action
//! with *Vis på skærmen* and its status buttons; the records list where each one ended. The
//! rules are in `domain::meeting::follow_up`.

use leptos::prelude::*;

use super::parts::{CommandForm, Feedback, danish_date};
use crate::{
    domain::{
        board::ActionStatus,
        meeting::{
            command::Command,
            follow_up::{FollowUpItemView, FollowUpView, RoomAnswer},
        },
    },
    i18n::*,
    live::messages::{fill, status_name},
};

// Plain strings rather than `t!` views throughout: lighter in the phone's bundle, and the
// language switch loads the page again anyway.
fn room_answer_name(i18n: leptos_i18n::I18nContext<Locale>, answer: RoomAnswer) -> &'static str {
    match answer {
        RoomAnswer::Done => t_string!(i18n, room_answer_done),
        RoomAnswer::NotYet => t_string!(i18n, room_answer_not_yet),
        RoomAnswer::Drop => t_string!(i18n, room_answer_drop),
    }
}

/// "Aftale 2 af 5"
fn progress(i18n: leptos_i18n::I18nContext<Locale>, shown: usize, total: usize) -> String {
    fill(
        t_string!(i18n, follow_up_progress),
        &[("n", (shown + 1).to_string()), ("total", total.to_string())],
    )
}

/// One action from an earlier meeting: what, who and by when, where it came from, its status.
#[component]
pub fn FollowUpCard(item: FollowUpItemView, #[prop(optional)] large: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let owner = item.owner.clone();
    let due = item.due.map(|due| danish_date(i18n, &due.to_string()));
    let from = item.from.clone();
    let day = danish_date(i18n, &item.held.iso());
    let status = item.status;
    view! {
        <div class="follow-up-card" class:large=large data-status=status.as_str()>
            <p class="follow-up-what">{item.what.clone()}</p>
            <p class="follow-up-meta">
                {match due {
                    Some(due) => fill(t_string!(i18n, follow_up_owner_due), &[("owner", owner), ("due", due)]),
                    None => owner,
                }}
            </p>
            <p class="follow-up-from hint">{fill(t_string!(i18n, follow_up_from), &[("meeting", from), ("day", day)])}</p>
            <p>
                <span class=format!("status-badge status-{}", status.as_str())>{status_name(status, locale)}</span>
                {item.set_here.then(|| view! { " " <span class="hint">{t_string!(i18n, follow_up_set_here)}</span> })}
            </p>
        </div>
    }
}

/// What the room answered about one action: three counts, never who.
#[component]
pub fn FollowUpTally(tally: [u32; 3]) -> impl IntoView {
    let i18n = use_i18n();
    let total = tally.iter().sum::<u32>().max(1);
    view! {
        <div class="follow-up-tally" aria-label=t_string!(i18n, follow_up_room_says)>
            {RoomAnswer::ALL.into_iter().zip(tally).map(|(answer, count)| {
                // An SVG bar: the page's policy allows no inline style.
                let width = (count * 100 / total).to_string();
                view! {
                    <div class="tally-row">
                        <span class="tally-label">{room_answer_name(i18n, answer)}</span>
                        <svg class="tally-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                            <rect class="tally-fill" x="0" y="0" width=width height="10" />
                        </svg>
                        <span class="tally-count">{count}</span>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

/// Every action of the step with where it stands (the intro, the end, the records).
#[component]
pub fn FollowUpList(follow_up: FollowUpView) -> impl IntoView {
    view! {
        <ul class="follow-up-list">
            {follow_up.items.into_iter().map(|item| {
                let tally = item.tally;
                let answered = tally.iter().sum::<u32>() > 0;
                view! {
                    <li class="fit-item">
                        <FollowUpCard item />
                        {answered.then(|| view! { <FollowUpTally tally /> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// What a record shows under a follow-up step: where each action ended. `None` in other steps.
pub fn record_extra(step: &crate::domain::meeting::view::StepView) -> Option<AnyView> {
    step.follow_up
        .clone()
        .map(|follow_up| view! { <FollowUpList follow_up /> }.into_any())
}

/// The projector in the step's *Aftaler* phase: the action shown, large, and the room's answers.
#[component]
pub fn FollowUpStage(follow_up: Memo<Option<FollowUpView>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        follow_up.get().and_then(|view| {
            let total = view.items.len();
            let shown = view.shown;
            let item = view.items.get(shown).cloned()?;
            let tally = item.tally;
            Some(view! {
                <div class="follow-up-stage">
                    <p class="screen-lead">{progress(i18n, shown, total)}</p>
                    <FollowUpCard item large=true />
                    <h2 class="results-heading">{t_string!(i18n, follow_up_room_says)}</h2>
                    <FollowUpTally tally />
                </div>
            })
        })
    }
}

/// The phone in the step's *Aftaler* phase: the action on the screen and three answers.
#[component]
pub fn FollowUpAnswer(
    follow_up: Memo<Option<FollowUpView>>,
    mine: Memo<Vec<(usize, RoomAnswer)>>,
    code: String,
    action: String,
    form_ids: Vec<String>,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = StoredValue::new(code);
    let action = StoredValue::new(action);
    let form_ids = StoredValue::new(form_ids);
    move || {
        follow_up.get().and_then(|view| {
            let shown = view.shown;
            let item = view.items.get(shown).cloned()?;
            let total = view.items.len();
            let mine_now = mine.with(|m| m.iter().find(|(i, _)| *i == shown).map(|(_, a)| *a));
            Some(view! {
                <section class="phone-section follow-up-answer" id="opfoelgning">
                    <p class="hint">{progress(i18n, shown, total)}</p>
                    <FollowUpCard item />
                    <p>{t_string!(i18n, follow_up_phone_lead)}</p>
                    <div class="follow-up-buttons">
                        {RoomAnswer::ALL.into_iter().enumerate().map(|(n, answer)| {
                            let chosen = mine_now == Some(answer);
                            let hidden = vec![
                                ("handling", "opfoelgning".to_owned()),
                                ("punkt", shown.to_string()),
                                ("svar", answer.as_str().to_owned()),
                                ("id", form_ids.with_value(|ids| ids.get(n).cloned().unwrap_or_default())),
                            ];
                            let command = Callback::new(move |()| Some(Command::AnswerFollowUp { item: shown, answer }));
                            view! {
                                <CommandForm action=action.get_value() hidden command code=code.get_value() feedback class="inline-form">
                                    <button class=if chosen { "button" } else { "button secondary" } type="submit" aria-pressed=chosen.to_string()>
                                        {room_answer_name(i18n, answer)}
                                    </button>
                                </CommandForm>
                            }
                        }).collect_view()}
                    </div>
                    {mine_now.is_some().then(|| view! { <p class="hint" role="status">{t_string!(i18n, follow_up_your_answer)}</p> })}
                </section>
            })
        })
    }
}

/// The console: every action of the step, the one on the screen marked, *Vis på skærmen* and
/// the four statuses. `button` makes a control that sends one command.
#[component]
pub fn FollowUpControls<B, V>(
    follow_up: Memo<Option<FollowUpView>>,
    showing: Memo<bool>,
    button: B,
) -> impl IntoView
where
    B: Fn(AnyView, Command, &'static str) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    move || {
        follow_up.get().map(|view| {
            let shown = view.shown;
            let showing = showing.get();
            view! {
                <section class="follow-up-controls" aria-labelledby="follow-up-heading">
                    <h3 id="follow-up-heading">{t_string!(i18n, follow_up_theme)}</h3>
                    <p class="hint">{t_string!(i18n, follow_up_console_hint)}</p>
                    <ol class="follow-up-list">
                        {view.items.into_iter().enumerate().map(|(item, entry)| {
                            let tally = entry.tally;
                            let current = entry.status;
                            let on_screen = showing && item == shown;
                            view! {
                                <li class="fit-item" class:on-screen=on_screen>
                                    <FollowUpCard item=entry />
                                    {on_screen.then(|| view! { <p class="notice">{t_string!(i18n, follow_up_on_screen)}</p> })}
                                    <FollowUpTally tally />
                                    <div class="follow-up-buttons">
                                        {(showing && !on_screen).then(|| button(
                                            view! { {t_string!(i18n, follow_up_show)} }.into_any(),
                                            Command::ShowFollowUp { item },
                                            "small",
                                        ))}
                                        {ActionStatus::ALL.into_iter().map(|status| button(
                                            view! { {status_name(status, locale)} }.into_any(),
                                            Command::SetFollowUpStatus { item, status },
                                            if status == current { "small" } else { "secondary small" },
                                        )).collect_view()}
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </section>
            }
        })
    }
}
