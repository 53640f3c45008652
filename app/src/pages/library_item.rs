//! `/bibliotek/{id}`: one item with its full source reference, both language versions, its
//! pillars (each a link to the library filtered by it) and who it speaks to.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    components::with_library::WithLibrary,
    content::Library,
    i18n::*,
    pages::library::{audience_label, full_text, kind_label},
};

#[component]
pub fn LibraryItemPage() -> impl IntoView {
    view! {
        <WithLibrary render=|library| view! { <ItemDetail library /> }.into_any() />
    }
}

#[component]
fn ItemDetail(library: Library) -> impl IntoView {
    let i18n = use_i18n();
    let id = use_params_map().read().get("id").unwrap_or_default();
    let Some((document, item)) = library.item(&id).map(|(d, i)| (d.clone(), i.clone())) else {
        return view! {
            <PageTitle text=move || t_string!(i18n, item_not_found) />
            <section class="message-page">
                <h1>{t!(i18n, item_not_found)}</h1>
                <p><a class="button" href="/bibliotek">{t!(i18n, item_back)}</a></p>
            </section>
        }
        .into_any();
    };
    let theme = document.themes.iter().find(|t| t.id == item.theme).cloned();
    let pillar_names = library
        .model
        .pillars
        .iter()
        .map(|p| (p.id, p.name.clone()))
        .chain(std::iter::once((
            library.model.foundation.id,
            library.model.foundation.name.clone(),
        )))
        .collect::<Vec<_>>();
    let item = StoredValue::new(item);
    let english = move || i18n.get_locale() == Locale::en;
    let text = move || item.with_value(|item| full_text(item, english()));
    let other = move || item.with_value(|item| full_text(item, !english()));
    let other_lang = move || if english() { "da" } else { "en" };
    let reflection = move || {
        item.with_value(|item| {
            item.reflection
                .iter()
                .map(|q| q.in_english(english()).to_owned())
                .collect::<Vec<_>>()
        })
    };
    let pillars = item.with_value(|item| item.pillars.clone());
    let audiences = item.with_value(|item| item.audience.clone());
    let kind = item.with_value(|item| item.kind);
    let section = item.with_value(|item| item.section.clone());
    view! {
        <PageTitle text=move || format!("{} – Samråd", kind_label(i18n, kind)) />
        <p><a href="/bibliotek">{t!(i18n, item_back)}</a></p>
        <article class="item-detail">
            <p class="item-kind">{move || kind_label(i18n, kind)}</p>
            <h1 class="item-heading">{text}</h1>
            {move || {
                let questions = reflection();
                (!questions.is_empty()).then(|| view! {
                    <h2>{t!(i18n, item_reflection)}</h2>
                    <ul class="reflection">
                        {questions.into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}
                    </ul>
                })
            }}
            <dl class="facts">
                <dt>{t!(i18n, item_source)}</dt>
                <dd>
                    {document.document.title.clone()} ", " {document.document.publisher.clone()}
                    {document.document.year.map(|year| format!(" ({year})"))}
                </dd>
                <dt>{t!(i18n, item_section)}</dt>
                <dd>{section}</dd>
                {theme.map(|theme| view! {
                    <dt>{t!(i18n, item_theme)}</dt>
                    <dd>{move || theme.title.in_english(english()).to_owned()}</dd>
                })}
                <dt>{t!(i18n, item_pillars)}</dt>
                <dd>
                    <ul class="chips">
                        {pillars.into_iter().map(|pillar| {
                            let name = pillar_names.iter().find(|(id, _)| *id == pillar).map(|(_, n)| n.clone());
                            view! {
                                <li><a class="chip" href=format!("/bibliotek?soejle={pillar}")>
                                    {move || name.as_ref().map(|n| n.in_english(english()).to_owned()).unwrap_or_default()}
                                </a></li>
                            }
                        }).collect_view()}
                    </ul>
                </dd>
                <dt>{t!(i18n, item_audience)}</dt>
                <dd>
                    {move || audiences.iter().map(|a| audience_label(i18n, *a)).collect::<Vec<_>>().join(", ")}
                </dd>
            </dl>
            <h2>{t!(i18n, item_other_language)}</h2>
            <p class="other-language" lang=other_lang>{other}</p>
        </article>
    }
    .into_any()
}
