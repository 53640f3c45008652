//! The console's dots from paper: for people who vote without a phone (on a paper ballot
//! or by a show of hands), the host types each proposal's count while the room votes; it is
//! added to the phones' dots and the room sees how many came from paper. The rule is
//! `Command::SetPaperDots` in `domain::meeting::state`.

use leptos::prelude::*;

use super::parts::{CommandForm, Feedback};
use crate::{
    domain::{
        meeting::{
            command::Command,
            state::MAX_PAPER_DOTS,
            view::{Card, ConsoleView},
        },
        phase::Phase,
    },
    i18n::*,
    live::messages::fill,
};

/// How a proposal is named next to its count: its group's title, or its first answer,
/// shortened.
fn proposal_name(card: &Card) -> String {
    let text = card
        .title
        .clone()
        .or_else(|| card.answers.first().map(|a| a.text.clone()))
        .unwrap_or_default();
    let mut short: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        short.push('…');
    }
    short
}

/// While the room votes: one count per proposal.
#[component]
pub fn PaperTallies(
    view: RwSignal<ConsoleView>,
    code: String,
    key: String,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    // What the rows show, without the phones' dots: a vote from a phone must not redraw
    // the form the host is typing in.
    let proposals = Memo::new(move |_| {
        view.with(|v| {
            (v.step.phase == Phase::Vote).then(|| {
                v.step
                    .cards
                    .iter()
                    .map(|card| (card.target, proposal_name(card), card.paper.unwrap_or(0)))
                    .collect::<Vec<_>>()
            })
        })
    });
    move || {
        let proposals = proposals.get()?;
        let rows = proposals
            .into_iter()
            .enumerate()
            .map(|(i, (target, name, paper))| {
                let count = RwSignal::new(paper.to_string());
                let command = Callback::new(move |()| {
                    Some(Command::SetPaperDots {
                        target,
                        dots: count.get_untracked().trim().parse().unwrap_or(u16::MAX),
                    })
                });
                let id = format!("paper-{i}");
                let label = fill(t_string!(i18n, console_paper_label), &[("text", name.clone())]);
                view! {
                    <li>
                        <CommandForm action="#".to_string() hidden=vec![] command code=code.clone() key=key.clone() feedback class="paper-row">
                            <span class="paper-name" aria-hidden="true" dir="auto">{name}</span>
                            <label class="visually-hidden" for=id.clone()>{label}</label>
                            <input id=id type="number" min="0" max=MAX_PAPER_DOTS.to_string() inputmode="numeric"
                                prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev)) />
                            <button class="button secondary small" type="submit">{t!(i18n, console_paper_save)}</button>
                        </CommandForm>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <details class="paper-tallies">
                <summary>{t!(i18n, console_paper_heading)}</summary>
                <p class="hint">{t!(i18n, console_paper_lead)}</p>
                <ol class="paper-list">{rows}</ol>
            </details>
        })
    }
}
