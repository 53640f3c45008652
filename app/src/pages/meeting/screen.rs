//! `/m/{code}/skaerm?k=…`: the projector. Full screen, readable from the back of the room,
//! nothing to click. Keys (presentation clickers send arrows and Page Up/Down): next and
//! previous phase when opened with the host's key, F full screen, T timer, Q join code.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::cafe::{GuestList, TablePlan, round_line};
use super::fit::{FitBox, FitMode, FitState};
use super::follow_up::{FollowUpList, FollowUpStage};
use super::parts::{
    ActionList, AgreedList, CardList, ConnectionNotice, Countdown, QuestionBlock, load_page,
    phase_label,
};
use super::stations::StationsBlock;
pub use crate::domain::meeting::present::neighbours;
use crate::{
    domain::phase::Phase,
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

    // What the fitted boxes show now: the board's page, the ranking's hidden rest.
    let board_fit = RwSignal::new(FitState::default());
    let ranking_fit = RwSignal::new(FitState::default());
    let text_fit = RwSignal::new(FitState::default());
    let cards = Memo::new(move |_| view.with(|v| v.step.cards.clone()));
    // The ranking shows what got dots; the answers without any are counted under it.
    let ranked = Memo::new(move |_| {
        cards.with(|all| {
            let with_dots: Vec<_> = all
                .iter()
                .filter(|c| c.dots.unwrap_or(0) > 0)
                .cloned()
                .collect();
            if with_dots.is_empty() {
                all.clone()
            } else {
                with_dots
            }
        })
    });
    let actions = Memo::new(move |_| view.with(|v| v.step.actions.clone()));
    let agreed = Memo::new(move |_| view.with(|v| v.meeting.agreed.clone()));
    let step_key = Memo::new(move |_| view.with(|v| (v.step.index, v.step.phase, v.meeting.ended)));
    let joined = Memo::new(move |_| view.with(|v| v.counts.joined));
    let follow_up = Memo::new(move |_| view.with(|v| v.step.follow_up.clone()));
    let tables = Memo::new(move |_| view.with(|v| v.tables.clone()));
    let guests = Memo::new(move |_| view.with(|v| v.guests.clone()));

    let body = move || {
        let (_, phase, ended) = stage.get();
        let step = view.with_untracked(|v| v.step.clone());
        if ended {
            return view! {
                <div class="stage-end">
                    <h1 class="screen-title">{t!(i18n, meeting_ended_heading)}</h1>
                    {move || if agreed.with(Vec::is_empty) {
                        view! { <p class="screen-lead">{t!(i18n, screen_thanks)}</p> }.into_any()
                    } else {
                        view! {
                            <p class="screen-lead">{t!(i18n, screen_agreed_lead)}</p>
                            <FitBox content=agreed mode=FitMode::Pages state=board_fit class="agreed-box">
                                {move || view! { <AgreedList items=agreed.get() /> }}
                            </FitBox>
                        }.into_any()
                    }}
                </div>
            }
            .into_any();
        }
        if step.follow_up.is_some() {
            return match phase {
                Phase::Agree => view! {
                    <QuestionBlock step=step.clone() compact=true />
                    <FollowUpStage follow_up />
                }
                .into_any(),
                _ => view! {
                    <QuestionBlock step=step.clone() compact=true />
                    <FitBox content=follow_up mode=FitMode::Pages state=board_fit class="board-box">
                        {move || follow_up.get().map(|follow_up| view! { <FollowUpList follow_up /> })}
                    </FitBox>
                }
                .into_any(),
            };
        }
        if let (Some(round), Phase::Intro | Phase::Reflect) = (step.round, phase) {
            // A café round: the question, and the tables instead of one answer count.
            return view! {
                <p class="screen-round">
                    {round_line(i18n, round.number, round.of)}
                    {(phase == Phase::Intro).then(|| view! { " · " {t!(i18n, screen_cafe_find_table)} })}
                </p>
                <FitBox content=step_key mode=FitMode::Top state=text_fit class="question-box cafe-question">
                    {if step.stations.is_empty() {
                        view! { <QuestionBlock step=step.clone() /> }.into_any()
                    } else {
                        view! { <StationsBlock step=step.clone() /> }.into_any()
                    }}
                </FitBox>
                {move || tables.with(|t| !t.is_empty()).then(|| view! { <TablePlan tables=tables.get() /> })}
                {move || guests.with(|g| !g.is_empty()).then(|| view! { <GuestList guests=guests.get() /> })}
            }
            .into_any();
        }
        // Copy, for the boards' closures.
        let harvest = StoredValue::new(step.harvest.clone());
        match phase {
            Phase::Intro | Phase::Reflect => view! {
                <FitBox content=step_key mode=FitMode::Top state=text_fit class="question-box">
                    <QuestionBlock step=step.clone() large=true />
                </FitBox>
            }
            .into_any(),
            Phase::Reveal | Phase::Sort | Phase::Vote => view! {
                <QuestionBlock step=step.clone() compact=true />
                <FitBox content=cards mode=FitMode::Pages state=board_fit class="board-box">
                    {move || view! { <CardList cards=cards.get() harvest=harvest.get_value() /> }}
                </FitBox>
            }
            .into_any(),
            Phase::Agree | Phase::Done => view! {
                <QuestionBlock step=step.clone() compact=true />
                <div class="results" class:with-actions=move || actions.with(|a| !a.is_empty())>
                    <div class="results-ranking">
                        <FitBox content=ranked mode=FitMode::Top state=ranking_fit class="ranking-box">
                            {move || view! { <CardList cards=ranked.get() ranked=true harvest=harvest.get_value() /> }}
                        </FitBox>
                        <p class="more-line" aria-live="polite">
                            {move || {
                                let more = ranking_fit.get().more + cards.with(Vec::len) - ranked.with(Vec::len);
                                (more > 0).then(|| view! { {t!(i18n, screen_more, count = move || more as u64)} })
                            }}
                        </p>
                    </div>
                    {move || actions.with(|a| !a.is_empty()).then(|| view! {
                        <div class="results-actions">
                            <h2 class="results-heading">{t!(i18n, meeting_actions_heading)}</h2>
                            <FitBox content=actions mode=FitMode::Pages state=board_fit class="actions-box">
                                {move || view! { <ActionList actions=actions.get() /> }}
                            </FitBox>
                        </div>
                    })}
                </div>
            }
            .into_any(),
        }
    };
    let join_panel = {
        let (qr, address, code) = (qr.clone(), address.clone(), code.clone());
        move || {
            let first_intro = stage.get().0 == 0 && stage.get().1 == Phase::Intro && !stage.get().2;
            show_join.get().unwrap_or(first_intro).then(|| {
                view! {
                    <aside class="join-panel" aria-label=t_string!(i18n, screen_join_label)>
                        <div class="qr" inner_html=qr.clone()></div>
                        <div class="join-text">
                            <p class="join-address">{address.clone()}</p>
                            <p class="join-code-label">{t!(i18n, screen_code_label)}</p>
                            <p class="join-code">{code.clone()}</p>
                            <p class="join-count" role="status">{t!(i18n, screen_joined, count = move || joined.get() as u64)}</p>
                        </div>
                    </aside>
                }
            })
        }
    };
    let status = move || {
        let (_, phase, ended) = stage.get();
        if ended {
            return None;
        }
        let counts = move || view.with(|v| v.counts);
        match phase {
            Phase::Reflect => Some(view! {
                {t!(i18n, screen_answered, answered = move || counts().answered, joined = move || counts().joined)}
            }.into_any()),
            Phase::Vote => Some(view! {
                {t!(i18n, screen_voted, voted = move || counts().voted, joined = move || counts().joined)}
            }.into_any()),
            _ => None,
        }
    };
    let page_line = move || {
        let fit = board_fit.get();
        (fit.pages > 1).then(|| view! { {t!(i18n, screen_page, page = move || fit.page + 1, pages = move || fit.pages)} })
    };
    let where_line = move || {
        if view.with(|v| v.meeting.ended) {
            return view! { {t!(i18n, meeting_ended_heading)} }.into_any();
        }
        view! {
            {t!(i18n, screen_where,
                step = move || view.with(|v| v.step.index + 1),
                steps = move || view.with(|v| v.meeting.step_count),
                phase = move || phase_label(i18n, view.with(|v| v.step.phase)))}
        }
        .into_any()
    };
    view! {
        <PageTitle text=move || view.with(|v| format!("{} – Samråd", v.meeting.title)) />
        <div class="screen-view" data-phase=move || if stage.get().2 { "ended" } else { phase_name(stage.get().1) }>
            <header class="screen-bar">
                <span class="screen-meeting">{move || view.with(|v| v.meeting.title.clone())}</span>
                <span class="screen-where">{where_line}</span>
                <span class="screen-join-small">{address.clone()} " · " <strong>{code.clone()}</strong></span>
            </header>
            <ConnectionNotice connection=live.connection />
            <div class="screen-stage" class:with-join=move || {
                let first_intro = stage.get().0 == 0 && stage.get().1 == Phase::Intro && !stage.get().2;
                show_join.get().unwrap_or(first_intro)
            }>
                <div class="screen-body">{body}</div>
                {join_panel}
            </div>
            <footer class="screen-status">
                <p class="screen-count" role="status">{status}</p>
                <p class="screen-page">{page_line}</p>
                <Countdown ends_at_ms=Signal::derive(move || view.with(|v| v.meeting.timer_ends_at_ms)) clock_offset_ms=live.clock_offset_ms round=Signal::derive(move || view.with(|v| v.step.round.is_some())) chime=true />
            </footer>
        </div>
    }
}

/// The phase as the page's CSS names it.
fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Intro => "intro",
        Phase::Reflect => "reflect",
        Phase::Reveal => "reveal",
        Phase::Sort => "sort",
        Phase::Vote => "vote",
        Phase::Agree => "agree",
        Phase::Done => "done",
    }
}

#[cfg(feature = "hydrate")]
fn send(code: String, key: String, envelope: crate::domain::meeting::command::Envelope) {
    leptos::task::spawn_local(async move {
        let _ =
            crate::live::client::send_until_answered(&code, Some(&key), &envelope, |_| {}).await;
    });
}
