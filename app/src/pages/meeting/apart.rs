//! The console's *Hold adskilt*: two people the console can name, kept at different tables
//! in every round seated from then on; each pair with a button to undo it, and each pair a
//! round could not keep apart with the reason. The rules are in `domain::meeting::apart`.

use leptos::prelude::*;

use super::parts::{CommandForm, Feedback};
use crate::{
    domain::meeting::{
        apart::{ApartUnmet, ApartView, UnmetApartView},
        command::Command,
        hosts::PersonRef,
        view::ConsoleView,
    },
    i18n::*,
    live::messages::fill,
};

#[component]
pub fn ConsoleApart(
    view: RwSignal<ConsoleView>,
    code: String,
    key: String,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let named = Memo::new(move |_| {
        view.with(|v| v.cafe.as_ref().map(|c| c.named.clone()).unwrap_or_default())
    });
    let pairs = Memo::new(move |_| {
        view.with(|v| v.cafe.as_ref().map(|c| c.apart.clone()).unwrap_or_default())
    });
    let unmet = Memo::new(move |_| {
        view.with(|v| {
            v.cafe
                .as_ref()
                .map(|c| c.unmet_apart.clone())
                .unwrap_or_default()
        })
    });
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let command = Callback::new(move |()| {
        let chosen = |typed: String| typed.parse().ok().map(PersonRef);
        Some(Command::KeepApart {
            // Nothing chosen is refused by the rules (`unknown_person`), said on the console.
            a: chosen(first.get_untracked()).unwrap_or(PersonRef(0)),
            b: chosen(second.get_untracked()).unwrap_or(PersonRef(0)),
            apart: true,
        })
    });
    // The form is drawn once; the names, pairs and notes inside follow the meeting, so a
    // choice half made survives someone joining.
    let shown = Memo::new(move |_| named.with(|n| n.len() >= 2) || pairs.with(|p| !p.is_empty()));
    let options = move || {
        named
            .get()
            .into_iter()
            .map(|p| view! { <option value=p.person.0.to_string()>{p.name}</option> })
            .collect_view()
    };
    move || {
        let (code, key) = (code.clone(), key.clone());
        shown.get().then(|| view! {
            <details class="console-apart">
                <summary>{t_string!(i18n, console_apart_heading)}</summary>
                <p class="hint">{t_string!(i18n, console_apart_hint)}</p>
                <CommandForm action="#".to_string() hidden=vec![] command code=code.clone() key=key.clone() feedback class="field-row apart-form">
                    <div class="field">
                        <label for="apart-first">{t_string!(i18n, console_apart_first)}</label>
                        <select id="apart-first" prop:value=move || first.get() on:change=move |ev| first.set(event_target_value(&ev))>
                            <option value="">{t_string!(i18n, console_apart_choose)}</option>
                            {options}
                        </select>
                    </div>
                    <div class="field">
                        <label for="apart-second">{t_string!(i18n, console_apart_second)}</label>
                        <select id="apart-second" prop:value=move || second.get() on:change=move |ev| second.set(event_target_value(&ev))>
                            <option value="">{t_string!(i18n, console_apart_choose)}</option>
                            {options}
                        </select>
                    </div>
                    <button class="button secondary" type="submit">{t_string!(i18n, console_apart_add)}</button>
                </CommandForm>
                <ul class="apart-list">
                    {move || pairs.get().into_iter().map(|pair| view! {
                        <ApartItem pair code=code.clone() key=key.clone() feedback />
                    }).collect_view()}
                </ul>
                {move || {
                    let said: Vec<String> = unmet.get().iter().map(|u| unmet_text(i18n, u)).collect();
                    (!said.is_empty()).then(|| view! {
                        <ul class="notice together-unmet" role="status">
                            {said.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                        </ul>
                    })
                }}
            </details>
        })
    }
}

#[component]
fn ApartItem(pair: ApartView, code: String, key: String, feedback: Feedback) -> impl IntoView {
    let i18n = use_i18n();
    let (a, b) = (pair.a.person, pair.b.person);
    let said = fill(
        t_string!(i18n, console_apart_pair),
        &[("a", pair.a.name.clone()), ("b", pair.b.name.clone())],
    );
    let label = fill(
        t_string!(i18n, console_apart_remove_label),
        &[("a", pair.a.name), ("b", pair.b.name)],
    );
    let command = Callback::new(move |()| Some(Command::KeepApart { a, b, apart: false }));
    view! {
        <li class="apart-item">
            <span>{said}</span>
            <CommandForm action="#".to_string() hidden=vec![] command code key feedback>
                <button class="button link small" type="submit" aria-label=label>{t_string!(i18n, console_apart_remove)}</button>
            </CommandForm>
        </li>
    }
}

fn unmet_text(i18n: leptos_i18n::I18nContext<Locale>, unmet: &UnmetApartView) -> String {
    let template = match unmet.why {
        ApartUnmet::Together => t_string!(i18n, console_apart_unmet_together),
        ApartUnmet::TooFewTables => t_string!(i18n, console_apart_unmet_tables),
    };
    fill(
        template,
        &[
            ("round", (unmet.round + 1).to_string()),
            ("a", unmet.a.clone()),
            ("b", unmet.b.clone()),
        ],
    )
}
