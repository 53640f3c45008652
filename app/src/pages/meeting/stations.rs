//! A café round with stations on the projector (glossary: *stationer*): the round's texts
//! side by side, each with the tables that talk about it, so a table finds its own at a
//! glance. The phones show each table only its own (`StepView::at_station`); the rule is
//! `CafeState::station`.

use leptos::prelude::*;

use super::cafe::TableBadge;
use super::parts::localized;
use crate::{
    domain::meeting::{present::present, view::StepView},
    i18n::*,
};

#[component]
pub fn StationsBlock(step: StepView) -> impl IntoView {
    let i18n = use_i18n();
    let theme = step.theme.clone();
    let content = move || {
        if i18n.get_locale() == Locale::en {
            "en"
        } else {
            "da"
        }
    };
    let stations = step
        .stations
        .iter()
        .filter_map(|station| {
            let text = step.questions.get(station.question)?;
            let presented = present(std::slice::from_ref(text));
            Some((station.tables.clone(), presented))
        })
        .collect::<Vec<_>>();
    view! {
        <section class="question-block stations-block" aria-labelledby="question-theme">
            <p class="question-theme" id="question-theme" dir="auto" lang=content>{move || localized(i18n, &theme)}</p>
            <ul class="stations">
                {stations.into_iter().map(|(tables, presented)| {
                    let ask = presented.ask.clone();
                    view! {
                        <li class="station">
                            <p class="station-tables">
                                {tables.into_iter().map(|table| view! { <TableBadge table /> }).collect_view()}
                            </p>
                            <div class="station-text">
                                {presented.quotes.into_iter().map(|quote| view! {
                                    <blockquote class="question-quote" dir="auto" lang=content><p><q>{move || localized(i18n, &quote)}</q></p></blockquote>
                                }).collect_view()}
                                <p class="question-text" dir="auto" lang=content>
                                    {move || match &ask {
                                        Some(ask) => localized(i18n, ask),
                                        None => t_string!(i18n, meeting_standard_question).to_owned(),
                                    }}
                                </p>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
