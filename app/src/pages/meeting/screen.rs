//! `/m/{code}/skaerm?k=…`: the projector. Full screen, readable from the back of the room,
//! nothing to click. Keys (presentation clickers send arrows and Page Up/Down): next and
//! previous phase when opened with the host's key, F full screen, T timer, Q join code.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::parts::{
    ActionList, CardList, ConnectionNotice, Countdown, QuestionBlock, load_page, phase_label,
};
use crate::{
    domain::{meeting::view::StepView, phase::Phase},
    i18n::*,
    live::{data::ScreenPage, hooks::use_live_view, server_fns::load_screen_page},
};

#[component]
pub fn ScreenPage() -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    let key = use_query_map()
        .read_untracked()
        .get("k")
        .unwrap_or_default();
    load_page(load_screen_page(code, key.clone()), move |page| {
        view! { <Screen page key=key.clone() /> }.into_any()
    })
}

/// A place in the agenda: a step and one of its phases.
pub type Position = (usize, Phase);

/// Where the next and previous keys lead from this step and phase.
pub fn neighbours(step: &StepView, step_count: usize) -> (Option<Position>, Option<Position>) {
    let next = step
        .phases
        .iter()
        .copied()
        .find(|p| *p > step.phase)
        .map(|p| (step.index, p))
        .or_else(|| (step.index + 1 < step_count).then_some((step.index + 1, Phase::Intro)));
    let previous = step
        .phases
        .iter()
        .rev()
        .copied()
        .find(|p| *p < step.phase)
        .map(|p| (step.index, p))
        .or_else(|| step.index.checked_sub(1).map(|i| (i, Phase::Done)));
    (next, previous)
}

#[component]
fn Screen(page: ScreenPage, key: String) -> impl IntoView {
    let i18n = use_i18n();
    let code = page.view.meeting.code.clone();
    let live = use_live_view(page.view.clone(), format!("/api/m/{code}/events?k={key}"));
    let view = live.view;
    // `None`: shown at the first step's intro, where people join; Q decides from then on.
    let show_join = RwSignal::new(None::<bool>);
    let stage = Memo::new(move |_| view.with(|v| (v.step.index, v.step.phase, v.meeting.ended)));
    let can_control = page.can_control;
    #[cfg(not(feature = "hydrate"))]
    let _ = (can_control, &key);
    let qr = page.qr_svg.clone();
    let address = page.join_address.clone();

    #[cfg(feature = "hydrate")]
    {
        let code = code.clone();
        let key = key.clone();
        let handle = window_event_listener(leptos::ev::keydown, move |event| {
            use crate::domain::meeting::{
                command::{Command, Envelope},
                ids::CommandId,
            };
            let (next, previous) =
                view.with_untracked(|v| neighbours(&v.step, v.meeting.step_count));
            let target = match event.key().as_str() {
                "ArrowRight" | "ArrowDown" | "PageDown" | " " => next,
                "ArrowLeft" | "ArrowUp" | "PageUp" => previous,
                "q" | "Q" => {
                    let first_intro =
                        view.with_untracked(|v| v.step.index == 0 && v.step.phase == Phase::Intro);
                    show_join.update(|s| *s = Some(!s.unwrap_or(first_intro)));
                    return;
                }
                "f" | "F" => {
                    let document = document();
                    if document.fullscreen_element().is_some() {
                        document.exit_fullscreen();
                    } else if let Some(root) = document.document_element() {
                        let _ = root.request_fullscreen();
                    }
                    return;
                }
                "t" | "T" if can_control => {
                    let running = view.with_untracked(|v| v.meeting.timer_ends_at_ms.is_some());
                    let command = if running {
                        Command::StopTimer
                    } else {
                        Command::StartTimer { minutes: 5 }
                    };
                    send(
                        code.clone(),
                        key.clone(),
                        Envelope {
                            id: CommandId::new(),
                            command,
                        },
                    );
                    return;
                }
                _ => return,
            };
            if let (true, Some((step, phase))) = (can_control, target) {
                event.prevent_default();
                send(
                    code.clone(),
                    key.clone(),
                    Envelope {
                        id: CommandId::new(),
                        command: Command::GoTo { step, phase },
                    },
                );
            }
        });
        on_cleanup(move || handle.remove());
    }

    let body = move || {
        let (_, phase, ended) = stage.get();
        let current = view.get_untracked();
        let step = current.step.clone();
        if ended {
            return view! {
                <h1 class="screen-title">{t!(i18n, meeting_ended_heading)}</h1>
                <ActionList actions=step.actions />
            }
            .into_any();
        }
        match phase {
            Phase::Intro => view! { <QuestionBlock step large=true /> }.into_any(),
            Phase::Reflect => view! {
                <QuestionBlock step large=true />
                <p class="screen-count" role="status">
                    {move || view.with(|v| format!("{} / {} {}", v.counts.answered, v.counts.joined, t_string!(i18n, screen_have_answered)))}
                </p>
            }
            .into_any(),
            Phase::Reveal | Phase::Sort => view! {
                <QuestionBlock step=step.clone() />
                {move || view! { <CardList cards=view.with(|v| v.step.cards.clone()) /> }}
            }
            .into_any(),
            Phase::Vote => view! {
                <QuestionBlock step=step.clone() />
                <p class="screen-count" role="status">
                    {move || view.with(|v| format!("{} / {} {}", v.counts.voted, v.counts.joined, t_string!(i18n, screen_have_voted)))}
                </p>
                {move || view! { <CardList cards=view.with(|v| v.step.cards.clone()) /> }}
            }
            .into_any(),
            Phase::Agree | Phase::Done => view! {
                <QuestionBlock step=step.clone() />
                {move || view! {
                    <CardList cards=view.with(|v| v.step.cards.iter().take(5).cloned().collect()) ranked=true />
                    <ActionList actions=view.with(|v| v.step.actions.clone()) />
                }}
            }
            .into_any(),
        }
    };
    let join_panel = {
        let (qr, address, code) = (qr.clone(), address.clone(), code.clone());
        move || {
            let first_intro = stage.get().0 == 0 && stage.get().1 == Phase::Intro;
            show_join.get().unwrap_or(first_intro).then(|| {
                view! {
                    <aside class="join-panel" aria-label=t_string!(i18n, screen_join_label)>
                        <div class="qr" inner_html=qr.clone()></div>
                        <div>
                            <p class="join-address">{address.clone()}</p>
                            <p class="join-code-label">{t!(i18n, screen_code_label)}</p>
                            <p class="join-code">{code.clone()}</p>
                        </div>
                    </aside>
                }
            })
        }
    };
    view! {
        <PageTitle text=move || view.with(|v| v.meeting.title.clone()) />
        <div class="screen-view">
            <header class="screen-bar">
                <span>{move || view.with(|v| v.meeting.title.clone())}</span>
                <span>{move || view.with(|v| format!("{} {} / {} · {}", t_string!(i18n, meeting_step), v.step.index + 1, v.meeting.step_count, phase_label(i18n, v.step.phase)))}</span>
                <span class="screen-join-small">{address.clone()} " · " <strong>{code.clone()}</strong></span>
            </header>
            <ConnectionNotice connection=live.connection />
            <Countdown ends_at_ms=Signal::derive(move || view.with(|v| v.meeting.timer_ends_at_ms)) clock_offset_ms=live.clock_offset_ms chime=true />
            {join_panel}
            <div class="screen-body">{body}</div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn send(code: String, key: String, envelope: crate::domain::meeting::command::Envelope) {
    leptos::task::spawn_local(async move {
        let _ =
            crate::live::client::send_until_answered(&code, Some(&key), &envelope, |_| {}).await;
    });
}
