//! The console's list of volunteers for table host, before the café's first round: each
//! with the name the phone gave (or *Frivillig 2*), kept as a host or passed over with one
//! button. The rules are in `domain::meeting::hosts`.

use leptos::prelude::*;

use super::parts::{CommandForm, Feedback};
use crate::{
    domain::meeting::{command::Command, hosts::VolunteerView, view::ConsoleView},
    i18n::*,
    live::messages::fill,
};

#[component]
pub fn ConsoleVolunteers(
    view: RwSignal<ConsoleView>,
    code: String,
    key: String,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = Memo::new(move |_| {
        view.with(|v| {
            v.cafe
                .as_ref()
                .map(|c| (c.volunteer_list.clone(), c.tables))
                .unwrap_or_default()
        })
    });
    move || {
        let (volunteers, tables) = list.get();
        if volunteers.is_empty() {
            return None;
        }
        let chosen = volunteers.iter().filter(|v| v.chosen).count();
        let (code, key) = (code.clone(), key.clone());
        Some(view! {
            <div class="console-volunteers">
                <h3>{t_string!(i18n, console_volunteers_heading)}</h3>
                <p class="hint">{fill(t_string!(i18n, console_volunteers_hint), &[("chosen", chosen.to_string()), ("tables", super::cafe::tables_count(i18n, tables))])}</p>
                <ul class="volunteer-list">
                    {volunteers.into_iter().map(|volunteer| view! {
                        <VolunteerItem volunteer code=code.clone() key=key.clone() feedback />
                    }).collect_view()}
                </ul>
            </div>
        })
    }
}

#[component]
fn VolunteerItem(
    volunteer: VolunteerView,
    code: String,
    key: String,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = volunteer.name.clone().unwrap_or_else(|| {
        fill(
            t_string!(i18n, console_volunteer_unnamed),
            &[("number", volunteer.number.to_string())],
        )
    });
    let (person, chosen) = (volunteer.person, volunteer.chosen);
    let command = Callback::new(move |()| {
        Some(Command::ChooseHost {
            person,
            host: !chosen,
        })
    });
    let label = if chosen {
        fill(
            t_string!(i18n, console_volunteer_pass),
            &[("name", name.clone())],
        )
    } else {
        fill(
            t_string!(i18n, console_volunteer_keep),
            &[("name", name.clone())],
        )
    };
    view! {
        <li class="volunteer-item" class:passed-over=!chosen>
            <span class="volunteer-name">{name.clone()}</span>
            <span class="volunteer-state">
                {if chosen { t_string!(i18n, console_volunteer_chosen) } else { t_string!(i18n, console_volunteer_passed) }}
            </span>
            <CommandForm action="#".to_string() hidden=vec![] command code key feedback>
                <button class="button link small" type="submit" aria-label=label>
                    {if chosen { t_string!(i18n, console_volunteer_pass_short) } else { t_string!(i18n, console_volunteer_keep_short) }}
                </button>
            </CommandForm>
        </li>
    }
}
