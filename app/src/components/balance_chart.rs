//! The pillar balance on the team page: one row per pillar with its name, two bars (questions
//! on the agenda, actions agreed; drawn in SVG, with the numbers beside them in words, so
//! colour and length are never the only cue) and a pointer to the pillar worked with least.
//! The counting is in `domain::balance`.

use leptos::prelude::*;

use crate::{domain::balance::Balance, i18n::*, live::messages::pillar_name};

/// The chart's bars: 100 units wide, stretched to the row's width.
fn bar(value: usize, largest: usize) -> String {
    format!("{:.1}", (value as f64 / largest as f64) * 100.0)
}

#[component]
pub fn BalanceChart(balance: Balance) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let largest = balance.largest();
    let meetings = balance.meetings as u64;
    let least = balance.least_worked();
    view! {
        <section class="balance" aria-labelledby="balance-heading">
            <h2 id="balance-heading">{t!(i18n, balance_heading)}</h2>
            <p class="hint">{t!(i18n, balance_lead, count = move || meetings)}</p>
            <p class="balance-legend" aria-hidden="true">
                <span><span class="balance-key questions"></span>{t!(i18n, balance_legend_questions)}</span>
                <span><span class="balance-key actions"></span>{t!(i18n, balance_legend_actions)}</span>
            </p>
            <ul class="balance-rows">
                {balance.counts.iter().map(|count| {
                    let (questions, actions) = (count.questions as u64, count.actions as u64);
                    let is_least = least == Some(count.pillar);
                    view! {
                        <li class="balance-row" class:least=is_least data-pillar=count.pillar.as_str()>
                            <span class="balance-name">{pillar_name(count.pillar, locale)}</span>
                            <svg class="balance-bars" viewBox="0 0 100 22" preserveAspectRatio="none"
                                aria-hidden="true" focusable="false">
                                <rect class="balance-track" x="0" y="1" width="100" height="9" />
                                <rect class="balance-questions" x="0" y="1" width=bar(count.questions, largest) height="9" />
                                <rect class="balance-track" x="0" y="12" width="100" height="9" />
                                <rect class="balance-actions" x="0" y="12" width=bar(count.actions, largest) height="9" />
                            </svg>
                            <span class="balance-numbers">
                                {t!(i18n, balance_questions, count = move || questions)} " · "
                                {t!(i18n, balance_actions, count = move || actions)}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {least.map(|pillar| {
                let name = pillar_name(pillar, locale);
                let library = format!("/bibliotek?soejle={}", pillar.as_str());
                view! {
                    <p class="notice balance-least">
                        {t!(i18n, balance_least, pillar = move || name)} " "
                        <a href=library>{t!(i18n, balance_least_link)}</a>
                    </p>
                }
            })}
        </section>
    }
}
