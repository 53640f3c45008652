//! `/bibliotek`: every item of the five documents, filtered by pillar, document, kind,
//! audience and words. The filters are a plain GET form (works before the WebAssembly loads);
//! once hydrated, a change filters the list at once, without a page load.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::{
    NavigateOptions,
    components::Form,
    hooks::{use_navigate, use_query_map},
};

use crate::{
    components::with_library::WithLibrary,
    content::{
        Library,
        filter::LibraryFilter,
        model::{Audience, Document, Item, ItemKind},
    },
    i18n::*,
    live::{
        forms::{DraftProblem, query_value},
        server_fns::load_draft_page,
    },
    pages::meeting::{compose::draft_problem_text, parts::load_page},
};

/// The whole library, for the pages that show it. Loaded once per page; the content is
/// compiled into the server, so this cannot fail unless the server refused to start.
#[server(prefix = "/api", endpoint = "library")]
pub async fn load_library() -> Result<Library, ServerFnError> {
    crate::content::library()
        .cloned()
        .map_err(|_| ServerFnError::new("the content library is unavailable"))
}

pub fn kind_label(i18n: leptos_i18n::I18nContext<Locale>, kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Question => t_string!(i18n, kind_question),
        ItemKind::Statement => t_string!(i18n, kind_statement),
        ItemKind::Commitment => t_string!(i18n, kind_commitment),
        ItemKind::Recommendation => t_string!(i18n, kind_recommendation),
        ItemKind::MainPoint => t_string!(i18n, kind_main_point),
        ItemKind::Role => t_string!(i18n, kind_role),
    }
}

pub fn audience_label(i18n: leptos_i18n::I18nContext<Locale>, audience: Audience) -> &'static str {
    match audience {
        Audience::Staff => t_string!(i18n, audience_staff),
        Audience::Parents => t_string!(i18n, audience_parents),
        Audience::Management => t_string!(i18n, audience_management),
        Audience::Mixed => t_string!(i18n, audience_mixed),
    }
}

/// The agenda being composed when the library was opened from the composer: every text
/// then gets an "add" button.
#[derive(Debug, Clone)]
struct Composing {
    id: String,
    /// The composer's address, with the start form's values.
    back: String,
    item_ids: Vec<String>,
    steps: usize,
}

#[component]
pub fn LibraryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map().get_untracked();
    let draft_id = query.get("dagsorden").filter(|id| !id.is_empty());
    let back = query.get("til").unwrap_or_default();
    let browser = || view! { <WithLibrary render=|library| view! { <LibraryBrowser library /> }.into_any() /> };
    view! {
        <PageTitle text=move || t_string!(i18n, library_title) />
        <section class="page-intro">
            <h1>{t!(i18n, library_heading)}</h1>
            <p class="lead">{t!(i18n, library_intro)}</p>
        </section>
        {match draft_id {
            None => browser().into_any(),
            Some(id) => load_page(load_draft_page(id), move |page| {
                let composer = format!("/ny/dagsorden/{}", page.id);
                // Only this draft's composer is a place to go back to.
                let back = if back == composer || back.starts_with(&format!("{composer}?")) {
                    back.clone()
                } else {
                    composer
                };
                let composing = Composing {
                    item_ids: page
                        .draft
                        .steps
                        .iter()
                        .flat_map(|step| &step.questions)
                        .filter_map(|q| q.source.as_ref().map(|s| s.item_id.clone()))
                        .collect(),
                    steps: page.draft.steps.len(),
                    id: page.id,
                    back,
                };
                provide_context(composing.clone());
                view! { <ComposingBanner composing /> {browser()} }.into_any()
            })
            .into_any(),
        }}
    }
}

#[component]
fn ComposingBanner(composing: Composing) -> impl IntoView {
    let i18n = use_i18n();
    let steps = composing.steps;
    let problem = use_query_map()
        .with_untracked(|q| q.get("fejl"))
        .and_then(|p| DraftProblem::parse(&p));
    view! {
        <aside class="composing-banner" aria-label=move || t_string!(i18n, compose_banner_label)>
            <p>{t!(i18n, compose_banner, count = move || steps as u64)}</p>
            <p class="error-text" id="dagsorden-fejl" role="alert">
                {move || problem.map(|p| draft_problem_text(i18n, p))}
            </p>
            <a class="button" href=composing.back>{t!(i18n, compose_back)}</a>
        </aside>
    }
}

#[component]
fn LibraryBrowser(library: Library) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let query = query.read();
        LibraryFilter::from_query(|key| query.get(key))
    });
    let english = move || i18n.get_locale() == Locale::en;
    let composing = use_context::<Composing>();
    let navigate = use_navigate();
    // Once hydrated, a changed control updates the address (and so the list) in place.
    let set = move |key: &'static str, value: String| {
        let mut params = query.get_untracked();
        params.remove(key);
        if !value.trim().is_empty() {
            params.insert(key, value);
        }
        navigate(
            &format!("/bibliotek{}", params.to_query_string()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let library = StoredValue::new(library);
    let matches = move || {
        let filter = filter.get();
        library.with_value(|library| {
            library
                .items()
                .filter(|(document, item)| filter.matches(&document.document.id, item))
                .map(|(document, item)| (document.clone(), item.clone()))
                .collect::<Vec<_>>()
        })
    };

    let pillar_options = library.with_value(|l| {
        let mut options: Vec<_> = l
            .model
            .pillars
            .iter()
            .map(|p| (p.id, p.name.clone()))
            .collect();
        options.push((l.model.foundation.id, l.model.foundation.name.clone()));
        options
    });
    let document_options: Vec<(String, String)> = library.with_value(|l| {
        l.documents
            .iter()
            .map(|d| (d.document.id.clone(), d.document.title.clone()))
            .collect()
    });
    let theme_groups: Vec<(String, Vec<(String, crate::content::model::Localized)>)> = library
        .with_value(|l| {
            l.documents
                .iter()
                .filter(|d| !d.themes.is_empty())
                .map(|d| {
                    let themes = d
                        .themes
                        .iter()
                        .map(|t| (t.id.clone(), t.title.clone()))
                        .collect();
                    (d.document.title.clone(), themes)
                })
                .collect()
        });
    let set_theme = set.clone();
    let set_pillar = set.clone();
    let set_document = set.clone();
    let set_kind = set.clone();
    let set_audience = set.clone();
    let set_text = set;
    let composing_fields = composing.clone();
    let filter_open = filter.with_untracked(|f| *f != LibraryFilter::default());
    let reset_href = match &composing {
        Some(c) => format!("/bibliotek?dagsorden={}&til={}", c.id, query_value(&c.back)),
        None => "/bibliotek".to_owned(),
    };

    view! {
        <Form method="GET" action="/bibliotek" noscroll=true>
            {composing_fields.map(|c| view! {
                <input type="hidden" name="dagsorden" value=c.id />
                <input type="hidden" name="til" value=c.back />
            })}
            // On a phone the filters fold behind "Filtrér" (open when a filter is set); on a
            // wider screen they are always shown (CSS).
            <details class="filter-fold" open=filter_open>
            <summary class="button secondary filter-toggle">{t!(i18n, filter_toggle)}</summary>
            <div class="filters">
                <div class="field">
                    <label for="filter-pillar">{t!(i18n, filter_pillar)}</label>
                    <select id="filter-pillar" name="soejle"
                        on:change=move |ev| set_pillar("soejle", event_target_value(&ev))>
                        <option value="">{t!(i18n, filter_all)}</option>
                        {pillar_options.into_iter().map(|(id, name)| view! {
                            <option value=id.as_str()
                                selected=move || filter.read().pillar == Some(id)>
                                {move || name.in_english(english()).to_owned()}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-document">{t!(i18n, filter_document)}</label>
                    <select id="filter-document" name="dokument"
                        on:change=move |ev| set_document("dokument", event_target_value(&ev))>
                        <option value="">{t!(i18n, filter_all)}</option>
                        {document_options.into_iter().map(|(id, title)| {
                            let selected_id = id.clone();
                            view! {
                                <option value=id
                                    selected=move || filter.read().document.as_deref() == Some(selected_id.as_str())>
                                    {title}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-theme">{t!(i18n, filter_theme)}</label>
                    <select id="filter-theme" name="tema"
                        on:change=move |ev| set_theme("tema", event_target_value(&ev))>
                        <option value="">{t!(i18n, filter_all)}</option>
                        {theme_groups.into_iter().map(|(document, themes)| view! {
                            <optgroup label=document>
                                {themes.into_iter().map(|(id, title)| {
                                    let selected_id = id.clone();
                                    view! {
                                        <option value=id
                                            selected=move || filter.read().theme.as_deref() == Some(selected_id.as_str())>
                                            {move || title.in_english(english()).to_owned()}
                                        </option>
                                    }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-kind">{t!(i18n, filter_kind)}</label>
                    <select id="filter-kind" name="type"
                        on:change=move |ev| set_kind("type", event_target_value(&ev))>
                        <option value="">{t!(i18n, filter_all)}</option>
                        {ItemKind::ALL.into_iter().map(|kind| view! {
                            <option value=kind.as_str() selected=move || filter.read().kind == Some(kind)>
                                {move || kind_label(i18n, kind)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-audience">{t!(i18n, filter_audience)}</label>
                    <select id="filter-audience" name="maalgruppe"
                        on:change=move |ev| set_audience("maalgruppe", event_target_value(&ev))>
                        <option value="">{t!(i18n, filter_all)}</option>
                        {[Audience::Staff, Audience::Parents, Audience::Management, Audience::Mixed]
                            .into_iter()
                            .map(|audience| view! {
                                <option value=audience.as_str()
                                    selected=move || filter.read().audience == Some(audience)>
                                    {move || audience_label(i18n, audience)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field filter-search">
                    <label for="filter-text">{t!(i18n, filter_search)}</label>
                    <input id="filter-text" name="q" type="search"
                        value=move || filter.read().text.clone()
                        on:change=move |ev| set_text("q", event_target_value(&ev)) />
                </div>
            </div>
            <p class="filter-actions">
                <button class="button" type="submit">{t!(i18n, filter_show)}</button>
                <a class="button secondary" href=reset_href>{t!(i18n, filter_reset)}</a>
            </p>
            </details>
        </Form>
        {move || {
            let found = matches();
            let count = found.len();
            let here = format!("/bibliotek{}", query.read().to_query_string());
            let composing = composing.clone();
            view! {
                <p class="result-count" role="status">{t!(i18n, library_count, count = move || count as u64)}</p>
                {(count == 0).then(|| view! { <p class="notice">{t!(i18n, library_empty)}</p> })}
                <ul class="item-list">
                    {found.into_iter().map(|(document, item)| {
                        let adding = composing.as_ref().map(|c| AddToDraft {
                            action: format!("/ny/dagsorden/{}", c.id),
                            back: here.clone(),
                            added: c.item_ids.contains(&item.id),
                        });
                        view! { <ItemCard document item english=english() adding /> }
                    }).collect_view()}
                </ul>
            }
        }}
    }
}

/// The add button a text gets while an agenda is being composed.
#[derive(Debug, Clone)]
pub struct AddToDraft {
    action: String,
    back: String,
    /// Already on the agenda: said, and it may be added again (a text can serve two steps).
    added: bool,
}

/// One item in a list: its kind, text, pillars and source, linking to its own page.
#[component]
pub fn ItemCard(
    document: Document,
    item: Item,
    english: bool,
    #[prop(default = None)] adding: Option<AddToDraft>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = full_text(&item, english);
    let href = format!("/bibliotek/{}", item.id);
    let reflection: Vec<String> = item
        .reflection
        .iter()
        .map(|q| q.in_english(english).to_owned())
        .collect();
    let anchor = format!("tekst-{}", item.id);
    let item_id = item.id.clone();
    view! {
        <li class="item-card" id=anchor>
            <p class="item-kind">{kind_label(i18n, item.kind)}</p>
            <p class="item-text"><a href=href>{text}</a></p>
            {(!reflection.is_empty()).then(|| view! {
                <ul class="reflection">
                    {reflection.into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}
                </ul>
            })}
            <p class="item-source">
                {t!(i18n, item_source)} ": " {document.document.title.clone()} " · " {item.section.clone()}
            </p>
            {adding.map(|add| view! {
                <form method="post" action=add.action class="item-add">
                    <input type="hidden" name="tekst" value=item_id />
                    <input type="hidden" name="tilbage" value=add.back />
                    {add.added.then(|| view! { <span class="added">{t!(i18n, compose_already_added)}</span> })}
                    <button class="button small" class:secondary=add.added type="submit" name="handling" value="tilfoej">
                        {if add.added {
                            t!(i18n, compose_add_item_again).into_any()
                        } else {
                            t!(i18n, compose_add_item).into_any()
                        }}
                    </button>
                </form>
            })}
        </li>
    }
}

/// The text as a reader needs it: a fragment is shown with the sentence it completes.
pub fn full_text(item: &Item, english: bool) -> String {
    let text = if english { &item.en } else { &item.da };
    match &item.lead_in {
        Some(lead_in) => format!("{} {}", lead_in.in_english(english), text),
        None => text.clone(),
    }
}
