//! `/skabeloner` and `/skabeloner/{id}`: the built-in meeting templates with their time plan,
//! steps, items and the facilitator's notes.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    components::with_library::WithLibrary,
    content::{
        Library,
        model::Localized,
        template::{MeetingFormat, Template},
    },
    i18n::*,
    pages::library::{audience_label, full_text},
};

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, templates_title) />
        <section class="page-intro">
            <h1>{t!(i18n, templates_heading)}</h1>
            <p class="lead">{t!(i18n, templates_intro)}</p>
        </section>
        <WithLibrary render=|library| view! {
            <ul class="template-list">
                {library.templates.into_iter().map(|template| view! { <TemplateCard template /> }).collect_view()}
            </ul>
        }.into_any() />
    }
}

fn localized_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    text: Localized,
) -> impl Fn() -> String + Clone {
    move || text.in_english(i18n.get_locale() == Locale::en).to_owned()
}

fn format_label(i18n: leptos_i18n::I18nContext<Locale>, format: MeetingFormat) -> &'static str {
    match format {
        MeetingFormat::Plenary => t_string!(i18n, template_format_plenary),
        MeetingFormat::Cafe => t_string!(i18n, template_format_cafe),
    }
}

#[component]
fn TemplateCard(template: Template) -> impl IntoView {
    let i18n = use_i18n();
    let info = template.template.clone();
    let href = format!("/skabeloner/{}", info.id);
    let minutes = info.duration_minutes;
    let steps = template.steps.len();
    view! {
        <li class="card template-card">
            <h2><a href=href>{localized_text(i18n, info.name.clone())}</a></h2>
            <p>{localized_text(i18n, info.summary.clone())}</p>
            <p class="template-facts">
                {move || audience_label(i18n, info.audience)} " · "
                {move || format_label(i18n, info.format)} " · "
                {t!(i18n, template_minutes, count = minutes)} " · "
                {t!(i18n, template_steps, count = move || steps as u64)}
            </p>
        </li>
    }
}

#[component]
pub fn TemplatePage() -> impl IntoView {
    view! {
        <WithLibrary render=|library| view! { <TemplateDetail library /> }.into_any() />
    }
}

#[component]
fn TemplateDetail(library: Library) -> impl IntoView {
    let i18n = use_i18n();
    let id = use_params_map().read().get("id").unwrap_or_default();
    let english = move || i18n.get_locale() == Locale::en;
    let Some(template) = library
        .templates
        .iter()
        .find(|t| t.template.id == id)
        .cloned()
    else {
        return view! {
            <PageTitle text=move || t_string!(i18n, template_not_found) />
            <section class="message-page">
                <h1>{t!(i18n, template_not_found)}</h1>
                <p><a class="button" href="/skabeloner">{t!(i18n, templates_back)}</a></p>
            </section>
        }
        .into_any();
    };
    let info = template.template.clone();
    let name = localized_text(i18n, info.name.clone());
    let title_name = name.clone();
    let steps: Vec<_> = template
        .steps
        .iter()
        .map(|step| {
            let items: Vec<(String, crate::content::model::Item)> = step
                .items
                .iter()
                .filter_map(|id| library.item(id).map(|(_, item)| (id.clone(), item.clone())))
                .collect();
            (step.clone(), items)
        })
        .collect();
    let plan = steps.clone();
    view! {
        <PageTitle text=move || format!("{} – Samråd", title_name()) />
        <p><a href="/skabeloner">{t!(i18n, templates_back)}</a></p>
        <section class="page-intro">
            <h1>{name}</h1>
            <p class="lead">{localized_text(i18n, info.summary.clone())}</p>
            <p class="template-facts">
                {move || audience_label(i18n, info.audience)} " · "
                {move || format_label(i18n, info.format)} " · "
                {t!(i18n, template_votes, budget = info.vote_budget, cap = info.vote_cap)}
            </p>
            <div class="template-actions">
                <a class="button" href=format!("/ny?skabelon={}", info.id)>{t!(i18n, template_use)}</a>
                <form method="post" action="/ny/dagsorden" class="inline-form">
                    <input type="hidden" name="skabelon" value=info.id.clone() />
                    <button class="button secondary" type="submit">{t!(i18n, template_adapt)}</button>
                </form>
            </div>
        </section>

        <section>
            <h2>{t!(i18n, template_plan)}</h2>
            <table class="time-plan">
                <thead><tr>
                    <th scope="col">{t!(i18n, template_plan_part)}</th>
                    <th scope="col" class="minutes">{t!(i18n, template_plan_minutes)}</th>
                </tr></thead>
                <tbody>
                    <tr><td>{t!(i18n, template_welcome)}</td><td class="minutes">{info.welcome_minutes}</td></tr>
                    {plan.into_iter().map(|(step, _)| view! {
                        <tr>
                            <td>{step.order} ". " {localized_text(i18n, step.theme.clone())}</td>
                            <td class="minutes">{step.minutes}</td>
                        </tr>
                    }).collect_view()}
                    <tr><td>{t!(i18n, template_closing)}</td><td class="minutes">{info.closing_minutes}</td></tr>
                </tbody>
                <tfoot><tr>
                    <th scope="row">{t!(i18n, template_total)}</th>
                    <td class="minutes">{info.duration_minutes}</td>
                </tr></tfoot>
            </table>
        </section>

        <section class="card">
            <h2>{t!(i18n, template_welcome)}</h2>
            <p>{localized_text(i18n, info.welcome_notes.clone())}</p>
        </section>
        <ol class="step-list">
            {steps.into_iter().map(|(step, items)| view! {
                <li class="card step-card">
                    <h2>{localized_text(i18n, step.theme.clone())}</h2>
                    <p class="hint">{t!(i18n, template_minutes, count = step.minutes)}</p>
                    <ul class="step-items">
                        {items.into_iter().map(|(id, item)| {
                            let href = format!("/bibliotek/{id}");
                            view! { <li><a href=href>{move || full_text(&item, english())}</a></li> }
                        }).collect_view()}
                    </ul>
                    <h3>{t!(i18n, template_notes)}</h3>
                    <p>{localized_text(i18n, step.notes.clone())}</p>
                </li>
            }).collect_view()}
        </ol>
        <section class="card">
            <h2>{t!(i18n, template_closing)}</h2>
            <p>{localized_text(i18n, info.closing_notes.clone())}</p>
        </section>
    }
    .into_any()
}
