//! `/ny/dagsorden/{id}`: compose the agenda before a meeting. Texts come from the library,
//! own questions are typed here; steps are reordered, removed and reworded, then the meeting
//! starts with it. Plain forms throughout: it works before and without the WebAssembly. The
//! link is the draft: a leader can keep it and finish the agenda another day.

use crate::components::raw_text::{PageTitle, raw_text};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    parts::{load_page, localized},
    start::{FollowUpChoice, TeamAndTitle},
};
use crate::{
    content::model::PillarId,
    domain::meeting::agenda::{AgendaStep, StepQuestion},
    i18n::*,
    live::{
        data::DraftPage,
        forms::{DraftProblem, StartProblem, query_value},
        messages::fill,
        server_fns::load_draft_page,
    },
};

#[component]
pub fn ComposePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    view! {
        <PageTitle text=move || t_string!(i18n, compose_title) />
        {load_page(load_draft_page(id), |page| view! { <Composer page /> }.into_any())}
    }
}

/// What the address carries: the start form's values and a refusal to show.
#[derive(Clone)]
struct Carried {
    team: String,
    title: String,
    key: String,
    problem: Option<DraftProblem>,
    start_problem: Option<StartProblem>,
    typed: String,
    /// The step (0-based) a refusal is about.
    step: Option<usize>,
}

impl Carried {
    /// The page's state from its address; the team and title from the draft (kept on the
    /// server), unless a refused start brought back what was typed since.
    fn from_query(page: &DraftPage) -> Self {
        let query = use_query_map().get_untracked();
        let value = |name: &str| query.get(name).unwrap_or_default();
        let or_kept = |name: &str, kept: &str| query.get(name).unwrap_or_else(|| kept.to_owned());
        Self {
            team: or_kept("team", &page.team),
            title: or_kept("titel", &page.title),
            key: value("k"),
            problem: DraftProblem::parse(&value("fejl")),
            start_problem: StartProblem::parse(&value("startfejl")),
            typed: value("tekst"),
            step: value("punkt").parse().ok(),
        }
    }

    /// This page's address without the refusal: where every form returns to. It carries no
    /// typed text; an existing team's key, if any.
    fn return_path(&self, id: &str) -> String {
        let mut path = format!("/ny/dagsorden/{id}");
        if !self.key.is_empty() {
            path.push_str(&format!("?k={}", query_value(&self.key)));
        }
        path
    }
}

#[component]
fn Composer(page: DraftPage) -> impl IntoView {
    let i18n = use_i18n();
    let carried = Carried::from_query(&page);
    let action = format!("/ny/dagsorden/{}", page.id);
    let back = carried.return_path(&page.id);
    let library_href = format!(
        "/bibliotek?dagsorden={}&til={}",
        page.id,
        query_value(&back)
    );
    let count = page.draft.steps.len();
    let last = count.saturating_sub(1);
    let problem_step = carried.step;
    let problem = carried.problem;
    // A refusal about a step is shown at that step; others (and one about a step that is no
    // longer there) above the list.
    let problem_step = problem_step.filter(|step| *step < count);
    let general_problem = problem.filter(|_| problem_step.is_none());
    let steps = page
        .draft
        .steps
        .into_iter()
        .enumerate()
        .map(|(index, step)| {
            let step_problem = problem.filter(|_| problem_step == Some(index));
            let typed = step_problem.map(|_| carried.typed.clone());
            view! {
                <DraftStep index last step action=action.clone() back=back.clone() problem=step_problem typed />
            }
        })
        .collect_view();
    let own_typed = if general_problem.is_some() {
        carried.typed.clone()
    } else {
        String::new()
    };
    view! {
        <section class="page-intro">
            <h1>{t!(i18n, compose_title)}</h1>
            <p class="lead">{t!(i18n, compose_lead)}</p>
            <p class="hint">{t!(i18n, compose_keep_link)}</p>
        </section>
        <div class="compose-bar">
            <a class="button" href=library_href>{t!(i18n, compose_add_from_library)}</a>
            <a class="button secondary" href="#egne">{t!(i18n, compose_add_own)}</a>
        </div>
        <p class="error-text" id="dagsorden-fejl" role="alert">
            {move || general_problem.map(|p| draft_problem_text(i18n, p))}
        </p>
        <h2 id="dagsorden">{t!(i18n, compose_agenda_heading, count = move || count as u64)}</h2>
        {(count == 0).then(|| view! { <p class="notice">{t!(i18n, compose_empty)}</p> })}
        {(count > 0).then(|| view! { <p class="hint">{t!(i18n, compose_cafe_hint)}</p> })}
        <ol class="draft-steps">{steps}</ol>
        <form method="post" action=action.clone() class="card stack draft-own" id="egne">
            <input type="hidden" name="tilbage" value=back.clone() />
            <div class="field">
                <label for="own-question">{t!(i18n, compose_own_label)}</label>
                <textarea id="own-question" name="tekst" rows="3" maxlength="500">{raw_text(&own_typed)}</textarea>
                <span class="hint">{t!(i18n, compose_own_hint)}</span>
            </div>
            <button class="button secondary" type="submit" name="handling" value="egen">{t!(i18n, compose_own_submit)}</button>
        </form>
        <StartWithDraft id=page.id.clone() carried />
    }
}

#[component]
fn DraftStep(
    index: usize,
    last: usize,
    step: AgendaStep,
    action: String,
    back: String,
    problem: Option<DraftProblem>,
    typed: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let theme = step.theme.clone();
    let number = index + 1;
    let minutes = step.minutes;
    let pillars = step.pillars.clone();
    let round = step.table_round;
    let questions = step
        .questions
        .into_iter()
        .enumerate()
        .map(|(question_index, question)| {
            // What was typed and refused replaces the first question's text, so it can be fixed.
            let typed = typed.clone().filter(|_| question_index == 0);
            view! {
                <DraftQuestion index question_index question action=action.clone() back=back.clone() typed />
            }
        })
        .collect_view();
    view! {
        <li class="card draft-step" id=format!("punkt-{number}")>
            <header class="draft-step-head">
                <p class="draft-step-number">
                    {t!(i18n, compose_step_number, n = number)}
                    {minutes.map(|m| view! { " · " {t!(i18n, template_minutes, count = m)} })}
                    {round.then(|| view! { " · " <span class="draft-round-tag">{t!(i18n, compose_round_tag)}</span> })}
                </p>
                <h3 class="draft-theme">{move || localized(i18n, &theme)}</h3>
                <PillarChips pillars />
            </header>
            {problem.map(|p| view! { <p class="error-text" role="alert">{move || draft_problem_text(i18n, p)}</p> })}
            {questions}
            <form method="post" action=action class="draft-moves">
                <input type="hidden" name="punkt" value=index.to_string() />
                <input type="hidden" name="tilbage" value=back />
                <button class="button secondary small" type="submit" name="handling" value="op"
                    disabled=index == 0
                    aria-label=move || format!("{} {number}", t_string!(i18n, compose_move_up_label))>
                    {t!(i18n, compose_move_up)}
                </button>
                <button class="button secondary small" type="submit" name="handling" value="ned"
                    disabled=index == last
                    aria-label=move || format!("{} {number}", t_string!(i18n, compose_move_down_label))>
                    {t!(i18n, compose_move_down)}
                </button>
                <button class="button secondary small" type="submit" name="handling" value=if round { "plenum" } else { "runde" }
                    aria-label=move || fill(if round { t_string!(i18n, compose_plenary_label) } else { t_string!(i18n, compose_round_label) }, &[("n", number.to_string())])>
                    {move || if round { t_string!(i18n, compose_plenary) } else { t_string!(i18n, compose_round) }}
                </button>
                <button class="button secondary small" type="submit" name="handling" value="saml"
                    disabled=index == 0
                    aria-label=move || fill(t_string!(i18n, compose_join_label), &[("n", number.to_string())])>
                    {t!(i18n, compose_join)}
                </button>
                <button class="button secondary small danger" type="submit" name="handling" value="fjern"
                    aria-label=move || format!("{} {number}", t_string!(i18n, compose_remove_label))>
                    {t!(i18n, compose_remove)}
                </button>
            </form>
        </li>
    }
}

#[component]
fn DraftQuestion(
    index: usize,
    question_index: usize,
    question: StepQuestion,
    action: String,
    back: String,
    typed: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field_id = format!("ordlyd-{}-{}", index + 1, question_index + 1);
    let text = typed.unwrap_or_else(|| localized(i18n, &question.text));
    let prompts = question.prompts.clone();
    let source = question.source.clone();
    let edited = source.as_ref().is_some_and(|s| s.edited);
    view! {
        <form method="post" action=action class="draft-question">
            <input type="hidden" name="punkt" value=index.to_string() />
            <input type="hidden" name="nr" value=question_index.to_string() />
            <input type="hidden" name="tilbage" value=back />
            <label for=field_id.clone() class="visually-hidden">{t!(i18n, compose_wording_label)}</label>
            <textarea id=field_id name="tekst" rows="2" maxlength="500">{raw_text(&text)}</textarea>
            {(!prompts.is_empty()).then(|| view! {
                <ul class="question-prompts">
                    {prompts.into_iter().map(|p| view! { <li>{move || localized(i18n, &p)}</li> }).collect_view()}
                </ul>
            })}
            {source.map(|s| {
                let href = format!("/bibliotek/{}", s.item_id);
                view! {
                    <p class="question-source">
                        {t!(i18n, meeting_source)} " " <a href=href>{s.document} " · " {s.section}</a>
                        {edited.then(|| view! { " · " <strong>{t!(i18n, compose_edited)}</strong> })}
                    </p>
                }
            })}
            <p class="draft-question-actions">
                <button class="button secondary small" type="submit" name="handling" value="ordlyd">
                    {t!(i18n, compose_save_wording)}
                </button>
                {edited.then(|| view! {
                    <button class="button link small" type="submit" name="handling" value="gendan">
                        {t!(i18n, compose_restore)}
                    </button>
                })}
            </p>
        </form>
    }
}

#[component]
fn PillarChips(pillars: Vec<PillarId>) -> impl IntoView {
    let i18n = use_i18n();
    (!pillars.is_empty()).then(|| {
        view! {
            <p class="chips">
                {pillars.into_iter().map(|id| view! { <span class="chip">{move || pillar_label(i18n, id)}</span> }).collect_view()}
            </p>
        }
    })
}

pub fn pillar_label(i18n: leptos_i18n::I18nContext<Locale>, pillar: PillarId) -> &'static str {
    crate::live::messages::pillar_name(pillar, i18n.get_locale())
}

#[component]
fn StartWithDraft(id: String, carried: Carried) -> impl IntoView {
    let i18n = use_i18n();
    let problem = carried.start_problem;
    let in_team = !carried.key.is_empty();
    view! {
        <form method="post" action="/ny" class="card stack start-form" id="start">
            <h2>{t!(i18n, compose_start_heading)}</h2>
            <p class="error-text" role="alert">{move || problem.map(|p| start_problem_text(i18n, p))}</p>
            <input type="hidden" name="dagsorden" value=id />
            <TeamAndTitle key=carried.key team=carried.team title=carried.title problem />
            <label class="choice">
                <input type="checkbox" name="navne" value="ja" />
                <span>{t!(i18n, start_names_label)}</span>
            </label>
            <FollowUpChoice in_team />
            <button class="button big" type="submit">{t!(i18n, start_submit)}</button>
        </form>
    }
}

pub fn draft_problem_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    problem: DraftProblem,
) -> &'static str {
    match problem {
        DraftProblem::EmptyText => t_string!(i18n, compose_error_empty),
        DraftProblem::TooLong => t_string!(i18n, compose_error_too_long),
        DraftProblem::Cpr => t_string!(i18n, err_text_cpr),
        DraftProblem::Full => t_string!(i18n, compose_error_full),
        DraftProblem::UnknownItem => t_string!(i18n, compose_error_unknown_item),
        DraftProblem::NoSuchPlace => t_string!(i18n, compose_error_no_such_step),
        DraftProblem::TooManyRounds => t_string!(i18n, compose_error_too_many_rounds),
        DraftProblem::Unavailable => t_string!(i18n, err_unavailable),
    }
}

pub fn start_problem_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    problem: StartProblem,
) -> &'static str {
    match problem {
        StartProblem::TeamName => t_string!(i18n, start_error_team),
        StartProblem::Title => t_string!(i18n, start_error_title),
        StartProblem::Template => t_string!(i18n, start_error_template),
        StartProblem::Questions => t_string!(i18n, start_error_questions),
        StartProblem::UnknownTeam => t_string!(i18n, start_error_unknown_team),
        StartProblem::EmptyAgenda => t_string!(i18n, start_error_empty_agenda),
        StartProblem::UnknownDraft => t_string!(i18n, draft_unknown_text),
        StartProblem::Unavailable => t_string!(i18n, err_unavailable),
    }
}
