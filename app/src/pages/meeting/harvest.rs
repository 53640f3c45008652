//! The café's harvest on every screen (glossary: *høst*): the phone chooses the heading a
//! table's point goes under and sees how full each heading is; the cards on every screen
//! carry their heading; the console sets the form. The rules are in
//! `domain::meeting::harvest`.

use leptos::prelude::*;

use super::parts::{CommandForm, Feedback};
use crate::{
    domain::meeting::{
        command::Command,
        harvest::{DEFAULT_LIMIT, MAX_HEADINGS, MAX_LIMIT},
        view::{ConsoleView, HarvestView, ParticipantView},
    },
    i18n::*,
    live::messages::fill,
};

/// A heading's words: the host's own, or the usual one in the reader's language.
pub fn heading_label(
    i18n: leptos_i18n::I18nContext<Locale>,
    form: &HarvestView,
    heading: u8,
) -> String {
    if let Some(own) = form.own.get(usize::from(heading)) {
        return own.clone();
    }
    match heading {
        0 => t_string!(i18n, harvest_heading_main),
        1 => t_string!(i18n, harvest_heading_place),
        _ => t_string!(i18n, harvest_heading_parents),
    }
    .to_owned()
}

/// The heading over a harvest card or a table's point.
#[component]
pub fn HeadingTag(form: HarvestView, heading: u8) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="harvest-tag">{move || heading_label(i18n, &form, heading)}</p> }
}

/// On the phone's answer form in the harvest: which heading the point goes under, with
/// how many the table has written under each. A full heading cannot be chosen. The
/// choice is a plain radio group, so it works without JavaScript too (`overskrift`).
#[component]
pub fn HarvestChoice(view: RwSignal<ParticipantView>, chosen: RwSignal<u8>) -> impl IntoView {
    let i18n = use_i18n();
    let state = Memo::new(move |_| {
        view.with(|v| {
            let filled = v
                .seat
                .as_ref()
                .map(|s| s.filled.clone())
                .unwrap_or_default();
            v.step.harvest.clone().map(|form| (form, filled))
        })
    });
    // The heading shown as chosen: the person's choice, or the first with room when theirs
    // is full (also on the server's page, for a phone without JavaScript).
    let shown = Memo::new(move |_| {
        let (form, filled) = state.get()?;
        let full = |h: u8| filled.get(usize::from(h)).is_some_and(|n| *n >= form.limit);
        let choice = chosen.get();
        if !full(choice) {
            return Some(choice);
        }
        (0..form.count() as u8).find(|h| !full(*h)).or(Some(choice))
    });
    // What is sent follows what is shown.
    Effect::new(move |_| {
        if let Some(heading) = shown.get()
            && heading != chosen.get_untracked()
        {
            chosen.set(heading);
        }
    });
    move || {
        state.get().map(|(form, filled)| {
            let limit = form.limit;
            let options = (0..form.count() as u8)
                .map(|heading| {
                    let written = filled.get(usize::from(heading)).copied().unwrap_or(0);
                    let full = written >= limit;
                    let count = fill(
                        t_string!(i18n, harvest_filled),
                        &[("filled", written.to_string()), ("limit", limit.to_string())],
                    );
                    let checked = move || shown.get() == Some(heading);
                    view! {
                        <label class="harvest-choice" class:full=full>
                            <input type="radio" name="overskrift" value=heading.to_string()
                                checked=checked prop:checked=checked disabled=full
                                on:change=move |_| chosen.set(heading) />
                            <span class="harvest-choice-label">{heading_label(i18n, &form, heading)}</span>
                            <span class="harvest-choice-count">{count}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="harvest-choices">
                    <legend>{t_string!(i18n, harvest_choose)}</legend>
                    <p class="hint">{fill(t_string!(i18n, harvest_lead), &[("limit", limit.to_string())])}</p>
                    {options}
                </fieldset>
            }
        })
    }
}

/// The console's harvest form: up to four headings (empty: the usual three) and how many
/// points a table writes under each; fixed once the harvest's first point is written.
#[component]
pub fn ConsoleHarvest(
    view: RwSignal<ConsoleView>,
    code: String,
    key: String,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = Memo::new(move |_| {
        view.with(|v| {
            v.cafe
                .as_ref()
                .and_then(|c| c.harvest.clone().map(|h| (h, c.harvest_started)))
        })
    });
    let first = form.get_untracked().map(|(f, _)| f);
    let headings: Vec<RwSignal<String>> = (0..MAX_HEADINGS)
        .map(|i| {
            RwSignal::new(
                first
                    .as_ref()
                    .and_then(|f| f.own.get(i).cloned())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let limit = RwSignal::new(first.map_or(DEFAULT_LIMIT, |f| f.limit).to_string());
    let typed = headings.clone();
    let command = Callback::new(move |()| {
        Some(Command::SetHarvest {
            headings: typed.iter().map(|h| h.get_untracked()).collect(),
            limit: limit.get_untracked().trim().parse().unwrap_or(0),
        })
    });
    move || {
        let (current, started) = form.get()?;
        let standard = HarvestView {
            own: Vec::new(),
            limit: current.limit,
        };
        Some(view! {
            <details class="harvest-setup">
                <summary>{t!(i18n, console_harvest_heading)}</summary>
                {if started {
                    view! { <p>{t!(i18n, console_harvest_fixed)}</p> }.into_any()
                } else {
                    let fields = headings
                        .iter()
                        .enumerate()
                        .map(|(i, text)| {
                            let text = *text;
                            let id = format!("harvest-heading-{}", i + 1);
                            let placeholder = if i < standard.count() {
                                heading_label(i18n, &standard, i as u8)
                            } else {
                                String::new()
                            };
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{fill(t_string!(i18n, console_harvest_heading_label), &[("number", (i + 1).to_string())])}</label>
                                    <input id=id maxlength="80" placeholder=placeholder
                                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
                                </div>
                            }
                        })
                        .collect_view();
                    view! {
                        <CommandForm action="#".to_string() hidden=vec![] command code=code.clone() key=key.clone() feedback class="stack">
                            <p class="hint">{t!(i18n, console_harvest_lead)}</p>
                            {fields}
                            <div class="field">
                                <label for="harvest-limit">{t!(i18n, console_harvest_limit_label)}</label>
                                <input id="harvest-limit" type="number" min="1" max=MAX_LIMIT.to_string() inputmode="numeric"
                                    prop:value=move || limit.get() on:input=move |ev| limit.set(event_target_value(&ev)) />
                            </div>
                            <button class="button secondary" type="submit">{t!(i18n, console_harvest_save)}</button>
                        </CommandForm>
                    }.into_any()
                }}
            </details>
        })
    }
}
