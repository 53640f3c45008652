//! `/ny`: start a meeting. Name the team (or start in an existing team from its console),
//! give the meeting a title, and pick a template or type the questions, or open the choice
//! in the composer (`compose.rs`) to adapt it first. A plain form: it works before and
//! without the WebAssembly.

use crate::components::raw_text::{PageTitle, raw_text};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{compose::start_problem_text, parts::localized};
use crate::{components::with_library::WithLibrary, i18n::*, live::forms::StartProblem};

#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let value = move |name: &str| query.with_untracked(|q| q.get(name)).unwrap_or_default();
    let problem = value("fejl");
    let problem = StartProblem::parse(&problem);
    let existing_key = value("k");
    let in_team = !existing_key.is_empty();
    let chosen = value("skabelon");
    let questions = value("spoergsmaal");
    let team = value("team");
    let title = value("titel");
    let problem_text = move || problem.map(|p| start_problem_text(i18n, p));
    view! {
        <PageTitle text=move || t_string!(i18n, start_title) />
        <section class="page-intro">
            <h1>{t!(i18n, start_title)}</h1>
            <p class="lead">{t!(i18n, start_lead)}</p>
        </section>
        <form method="post" action="/ny" class="card start-form stack">
            <p class="error-text" role="alert">{problem_text}</p>
            <TeamAndTitle key=existing_key team title problem />
            <fieldset class="template-choice">
                <legend>{t!(i18n, start_agenda_label)}</legend>
                <WithTemplates />
                <label class="choice">
                    <input type="radio" name="skabelon" value="egne" checked=chosen.is_empty() || chosen == "egne" />
                    <span>{t!(i18n, start_own_questions)}</span>
                </label>
                <div class="field">
                    <label for="start-questions">{t!(i18n, start_questions_label)}</label>
                    <textarea id="start-questions" name="spoergsmaal" rows="4">{raw_text(&questions)}</textarea>
                    <span class="hint">{t!(i18n, start_questions_hint)}</span>
                </div>
            </fieldset>
            <label class="choice">
                <input type="checkbox" name="navne" value="ja" />
                <span>{t!(i18n, start_names_label)}</span>
            </label>
            <FollowUpChoice in_team />
            <button class="button big" type="submit">{t!(i18n, start_submit)}</button>
            <div class="start-compose">
                // The same choice, opened in the composer: pick from the library, reword, reorder.
                <button class="button secondary" type="submit" formaction="/ny/dagsorden" formnovalidate=true>
                    {t!(i18n, compose_from_start)}
                </button>
                <span class="hint">{t!(i18n, compose_from_start_hint)}</span>
            </div>
        </form>
        <ImportTeam problem=value("importfejl") />
    }
}

/// In an existing team: begin with a follow-up of its open actions (ticked unless untouched).
#[component]
pub fn FollowUpChoice(in_team: bool) -> impl IntoView {
    let i18n = use_i18n();
    in_team.then(|| {
        view! {
            <label class="choice">
                <input type="checkbox" name="opfoelgning" value="ja" checked />
                <span>{t!(i18n, start_follow_up_label)}</span>
            </label>
        }
    })
}

/// A team's file from Samråd brought in as a new team (`POST /team/import`).
#[component]
fn ImportTeam(problem: String) -> impl IntoView {
    let i18n = use_i18n();
    let meeting: Option<u64> = problem.strip_prefix("moede-").and_then(|n| n.parse().ok());
    let problem_text = match problem.as_str() {
        "" => None,
        "ingen-fil" => Some(t!(i18n, start_import_no_file).into_any()),
        "ikke-samraad" => Some(t!(i18n, start_import_not_ours).into_any()),
        "nyere" => Some(t!(i18n, start_import_newer).into_any()),
        "for-stor" => Some(t!(i18n, start_import_too_big).into_any()),
        "navn" => Some(t!(i18n, start_import_name).into_any()),
        _ => Some(match meeting {
            Some(n) => t!(i18n, start_import_meeting, n = move || n).into_any(),
            None => t!(i18n, start_import_failed).into_any(),
        }),
    };
    view! {
        <section class="card import-team stack" id="import" aria-labelledby="import-heading">
            <h2 id="import-heading">{t!(i18n, start_import_heading)}</h2>
            <p class="hint">{t!(i18n, start_import_lead)}</p>
            {problem_text.map(|text| view! { <p class="error-text" role="alert">{text}</p> })}
            <form method="post" action="/team/import" enctype="multipart/form-data" class="stack">
                <div class="field">
                    <label for="import-file">{t!(i18n, start_import_label)}</label>
                    <input id="import-file" name="fil" type="file" accept=".json,application/json" required />
                </div>
                <button class="button secondary" type="submit">{t!(i18n, start_import_submit)}</button>
            </form>
        </section>
    }
}

/// The team's name (or, in an existing team, its key) and the meeting's title: the fields
/// every start form has.
#[component]
pub fn TeamAndTitle(
    key: String,
    team: String,
    title: String,
    problem: Option<StartProblem>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {if key.is_empty() {
            view! {
                <div class="field">
                    <label for="start-team">{t!(i18n, start_team_label)}</label>
                    <input id="start-team" name="team" maxlength="100" required value=team
                        aria-invalid=(problem == Some(StartProblem::TeamName)).to_string() />
                    <span class="hint">{t!(i18n, start_team_hint)}</span>
                </div>
            }.into_any()
        } else {
            view! { <input type="hidden" name="k" value=key /> }.into_any()
        }}
        <div class="field">
            <label for="start-title">{t!(i18n, start_title_label)}</label>
            <input id="start-title" name="titel" maxlength="120" required value=title
                aria-invalid=(problem == Some(StartProblem::Title)).to_string() />
            <span class="hint">{t!(i18n, start_title_hint)}</span>
        </div>
    }
}

#[component]
fn WithTemplates() -> impl IntoView {
    view! {
        <WithLibrary render=|library| {
            let i18n = use_i18n();
            let chosen = use_query_map().with_untracked(|q| q.get("skabelon")).unwrap_or_default();
            library.templates.into_iter().map(|template| {
                let info = template.template.clone();
                let checked = chosen == info.id;
                let name = info.name.clone();
                let minutes = info.duration_minutes;
                view! {
                    <label class="choice">
                        <input type="radio" name="skabelon" value=info.id.clone() checked=checked />
                        <span>{move || localized(i18n, &name)} <span class="hint">" · " {t!(i18n, template_minutes, count = minutes)}</span></span>
                    </label>
                }
            }).collect_view().into_any()
        } />
    }
}
