//! Sitting together in the café on the phone and the console (glossary: *sidder sammen*):
//! one phone gets a four-digit code, the other types it; the console counts the groups and
//! says which one a round could not keep together. Plain forms, so they work before (and
//! without) the WebAssembly. The rules are in `domain::meeting::together`.

use leptos::prelude::*;

use super::parts::{CommandForm, Feedback};
use crate::{
    domain::meeting::{
        command::Command,
        together::{TogetherCode, Unmet, UnmetGroup},
        view::{ConsoleView, ParticipantView},
    },
    i18n::*,
    live::messages::fill,
};

/// The phone's offer to sit together, while the café has rounds to seat. `form_ids`: three
/// command ids (get a code, join one, leave).
#[component]
pub fn TogetherForm(
    view: RwSignal<ParticipantView>,
    code: String,
    action: String,
    form_ids: Vec<String>,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let together = Memo::new(move |_| view.with(|v| v.together.filter(|_| v.joined)));
    let typed = RwSignal::new(String::new());
    let id = move |n: usize| form_ids.get(n).cloned().unwrap_or_default();
    move || {
        let together = together.get()?;
        let body = match together.code {
            Some(group) => {
                let said = if together.size > 1 {
                    fill(
                        t_string!(i18n, cafe_together_members),
                        &[
                            ("size", together.size.to_string()),
                            ("code", group.to_string()),
                        ],
                    )
                } else {
                    fill(
                        t_string!(i18n, cafe_together_alone),
                        &[("code", group.to_string())],
                    )
                };
                view! {
                    <p class="together-code" aria-hidden="true">{group.to_string()}</p>
                    <p role="status">{said}</p>
                    {together.from_next_round.then(|| view! { <p class="hint">{t_string!(i18n, cafe_together_next_round)}</p> })}
                    <CommandForm
                        action=action.clone()
                        hidden=vec![("handling", "alene".into()), ("id", id(2))]
                        command=Callback::new(move |()| Some(Command::LeaveTogether))
                        code=code.clone()
                        feedback
                    >
                        <button class="button link" type="submit">{t_string!(i18n, cafe_together_leave)}</button>
                    </CommandForm>
                }
                .into_any()
            }
            None => view! {
                <p>{t_string!(i18n, cafe_together_text)}</p>
                <CommandForm
                    action=action.clone()
                    hidden=vec![("handling", "sammen".into()), ("id", id(0))]
                    command=Callback::new(move |()| Some(Command::SitTogether { code: None }))
                    code=code.clone()
                    feedback
                >
                    <button class="button secondary" type="submit">{t_string!(i18n, cafe_together_new)}</button>
                </CommandForm>
                <CommandForm
                    action=action.clone()
                    hidden=vec![("handling", "sammen".into()), ("id", id(1))]
                    command=Callback::new(move |()| Some(Command::SitTogether {
                        code: Some(TogetherCode::from_typed(&typed.get_untracked())),
                    }))
                    code=code.clone()
                    feedback
                    class="together-join"
                >
                    <label for="together-code">{t_string!(i18n, cafe_together_code_label)}</label>
                    <input id="together-code" name="kode" inputmode="numeric" autocomplete="off" maxlength="6" size="6"
                        prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                    <button class="button secondary" type="submit">{t_string!(i18n, cafe_together_join)}</button>
                </CommandForm>
            }
            .into_any(),
        };
        Some(view! {
            <section class="phone-section cafe-together" id="sammen" aria-labelledby="together-heading">
                <h2 id="together-heading">{t_string!(i18n, cafe_together_heading)}</h2>
                {body}
            </section>
        })
    }
}

/// The console's line on the groups that sit together, and each group a seated round could
/// not keep together, with the reason.
#[component]
pub fn ConsoleTogether(view: RwSignal<ConsoleView>) -> impl IntoView {
    let i18n = use_i18n();
    let groups = Memo::new(move |_| {
        view.with(|v| {
            v.cafe
                .as_ref()
                .map(|c| (c.groups, c.grouped, c.unmet.clone()))
        })
    });
    move || {
        let (count, people, unmet) = groups.get()?;
        let counted = match count {
            0 => None,
            1 => Some(fill(
                t_string!(i18n, console_cafe_groups_one),
                &[("people", people.to_string())],
            )),
            _ => Some(fill(
                t_string!(i18n, console_cafe_groups),
                &[
                    ("groups", count.to_string()),
                    ("people", people.to_string()),
                ],
            )),
        };
        let said: Vec<String> = unmet.iter().map(|u| unmet_text(i18n, u)).collect();
        (counted.is_some() || !said.is_empty()).then(|| {
            view! {
                <div class="console-together">
                    {counted.map(|text| view! { <p>{text}</p> })}
                    {(!said.is_empty()).then(|| view! {
                        <ul class="notice warning together-unmet" role="status">
                            {said.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                        </ul>
                    })}
                </div>
            }
        })
    }
}

fn unmet_text(i18n: leptos_i18n::I18nContext<Locale>, unmet: &UnmetGroup) -> String {
    let template = match unmet.why {
        Unmet::TooLarge => t_string!(i18n, console_cafe_unmet_too_large),
        Unmet::TwoHosts => t_string!(i18n, console_cafe_unmet_two_hosts),
        Unmet::Unbalanced => t_string!(i18n, console_cafe_unmet_unbalanced),
    };
    fill(
        template,
        &[
            ("round", (unmet.round + 1).to_string()),
            ("code", unmet.code.to_string()),
            ("size", unmet.size.to_string()),
        ],
    )
}
