//! `/soejler`: the model of *Stærkere Læringsfællesskaber*: five pillars on a foundation, drawn
//! as SVG, with each pillar's description and guiding questions and a link to its items.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;

use crate::{
    components::with_library::WithLibrary,
    content::{
        Library,
        model::{Localized, PillarId},
    },
    i18n::*,
};

#[component]
pub fn PillarsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, pillars_title) />
        <WithLibrary render=|library| view! { <PillarModelView library /> }.into_any() />
    }
}

fn items_with(library: &Library, pillar: PillarId) -> usize {
    library
        .items()
        .filter(|(_, item)| item.pillars.contains(&pillar))
        .count()
}

#[component]
fn PillarModelView(library: Library) -> impl IntoView {
    let i18n = use_i18n();
    let english = move || i18n.get_locale() == Locale::en;
    let text = move |localized: &Localized| {
        let localized = localized.clone();
        move || localized.in_english(english()).to_owned()
    };
    let model = library.model.clone();
    let outcomes = model.model.outcomes.clone();
    let foundation = model.foundation.clone();
    let foundation_count = items_with(&library, PillarId::Foundation);
    let pillars: Vec<_> = model
        .pillars
        .iter()
        .map(|pillar| (pillar.clone(), items_with(&library, pillar.id)))
        .collect();
    let figure_pillars = pillars.clone();

    view! {
        <section class="page-intro">
            <h1>{t!(i18n, pillars_heading)}</h1>
            <p class="lead">{t!(i18n, pillars_lead)}</p>
        </section>

        <figure class="pillar-figure">
            <svg viewBox="0 0 600 330" role="group" aria-labelledby="pillar-figure-title">
                <title id="pillar-figure-title">{t!(i18n, pillars_figure_label)}</title>
                <path class="roof" d="M30 95 300 20 570 95Z" />
                <text class="roof-label" x="300" y="80" text-anchor="middle">{text(&model.model.title)}</text>
                {figure_pillars.into_iter().enumerate().map(|(index, (pillar, _))| {
                    let x = 55 + index as i32 * 104;
                    let href = format!("/bibliotek?soejle={}", pillar.id);
                    let name = text(&pillar.name);
                    view! {
                        <a href=href>
                            <title>{name}</title>
                            <rect class="column" x=x y="108" width="74" height="150" rx="6" />
                            <text class="column-number" x=x + 37 y="195" text-anchor="middle">{index + 1}</text>
                        </a>
                    }
                }).collect_view()}
                <a href="/bibliotek?soejle=foundation">
                    <title>{text(&foundation.name)}</title>
                    <rect class="foundation" x="30" y="270" width="540" height="44" rx="6" />
                    <text class="foundation-label" x="300" y="298" text-anchor="middle">{t!(i18n, pillars_foundation_short)}</text>
                </a>
            </svg>
            <figcaption class="hint">{t!(i18n, pillars_figure_caption)}</figcaption>
        </figure>

        <section class="outcomes">
            <h2>{t!(i18n, pillars_why)}</h2>
            <ol>{outcomes.iter().map(|o| view! { <li>{text(o)}</li> }).collect_view()}</ol>
        </section>

        <ol class="pillar-list">
            {pillars.into_iter().map(|(pillar, count)| {
                let href = format!("/bibliotek?soejle={}", pillar.id);
                let description = pillar.description.clone();
                let has_description = !description.da.is_empty();
                let questions = pillar.guiding_questions.clone();
                view! {
                    <li class="card pillar-card" id=pillar.id.as_str()>
                        <h2>{text(&pillar.name)}</h2>
                        {has_description.then(|| view! { <p>{text(&description)}</p> })}
                        {(!questions.is_empty()).then(|| view! {
                            <h3>{t!(i18n, pillars_guiding_questions)}</h3>
                            <ul class="reflection">
                                {questions.iter().map(|q| view! { <li>{text(q)}</li> }).collect_view()}
                            </ul>
                        })}
                        <p><a href=href>{t!(i18n, pillars_items_link, count = move || count as u64)}</a></p>
                    </li>
                }
            }).collect_view()}
        </ol>

        <section class="card foundation-card" id="foundation">
            <h2>{text(&foundation.name)}</h2>
            <p>{text(&foundation.description)}</p>
            <ul class="chips">
                {foundation.elements.iter().map(|e| {
                    let label = Localized { da: e.da.clone(), en: e.en.clone() };
                    view! { <li class="chip">{text(&label)}</li> }
                }).collect_view()}
            </ul>
            <p><a href="/bibliotek?soejle=foundation">{t!(i18n, pillars_items_link, count = move || foundation_count as u64)}</a></p>
        </section>
    }
}
