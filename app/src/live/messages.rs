//! Refusals said in the user's language. Used by the server (JSON errors, form redirects)
//! and by the browser (before and after sending), so both say the same sentence.

use crate::domain::meeting::{
    command::{CommandError, Field},
    text::TextError,
};
use crate::i18n::{Locale, td_string};

/// Why a request about a meeting failed before any rule was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestProblem {
    UnknownMeeting,
    UnknownDraft,
    Forbidden,
    Malformed,
    Unavailable,
    TooManyAttempts,
    /// A form or command sent from another website (cross-site request forgery).
    CrossSite,
    /// A request body over the server's limit.
    TooLarge,
    /// Too many new meetings or joins from one connection in a short time.
    RateLimited,
    /// The server has as many connections or streams as it takes.
    Busy,
}

impl RequestProblem {
    /// The HTTP status that says this problem, the same on every path.
    pub fn status(self) -> u16 {
        match self {
            Self::UnknownMeeting | Self::UnknownDraft => 404,
            Self::Forbidden | Self::CrossSite => 403,
            Self::Malformed => 400,
            Self::TooLarge => 413,
            Self::TooManyAttempts | Self::RateLimited => 429,
            Self::Unavailable | Self::Busy => 503,
        }
    }
}

pub fn request_problem_text(problem: RequestProblem, locale: Locale) -> String {
    match problem {
        RequestProblem::UnknownMeeting => td_string!(locale, err_unknown_meeting),
        RequestProblem::UnknownDraft => td_string!(locale, err_unknown_draft),
        RequestProblem::Forbidden => td_string!(locale, err_forbidden),
        RequestProblem::Malformed => td_string!(locale, err_malformed),
        RequestProblem::Unavailable => td_string!(locale, err_unavailable),
        RequestProblem::TooManyAttempts => td_string!(locale, err_too_many_attempts),
        RequestProblem::CrossSite => td_string!(locale, err_cross_site),
        RequestProblem::TooLarge => td_string!(locale, err_too_large),
        RequestProblem::RateLimited => td_string!(locale, err_rate_limited),
        RequestProblem::Busy => td_string!(locale, err_busy),
    }
    .to_string()
}

pub fn command_error_text(error: &CommandError, locale: Locale) -> String {
    match *error {
        CommandError::HostOnly => td_string!(locale, err_host_only).to_string(),
        CommandError::ReadOnly => td_string!(locale, err_read_only).to_string(),
        CommandError::ParticipantOnly => td_string!(locale, err_participant_only).to_string(),
        CommandError::NotJoined => td_string!(locale, err_not_joined).to_string(),
        CommandError::MeetingEnded => td_string!(locale, err_meeting_ended).to_string(),
        CommandError::PhaseClosed { .. } => td_string!(locale, err_phase_closed).to_string(),
        CommandError::UnknownStep { .. } | CommandError::PhaseNotInStep { .. } => {
            td_string!(locale, err_unknown_step).to_string()
        }
        CommandError::UnknownAnswer
        | CommandError::UnknownCluster
        | CommandError::UnknownTarget
        | CommandError::UnknownAction
        | CommandError::UnknownFollowUp => td_string!(locale, err_unknown_thing).to_string(),
        CommandError::FollowUpNotShown => td_string!(locale, err_follow_up_gone).to_string(),
        CommandError::HiddenTarget => td_string!(locale, err_hidden_target).to_string(),
        CommandError::DuplicateId => td_string!(locale, err_duplicate).to_string(),
        CommandError::NotYourAnswer => td_string!(locale, err_not_your_answer).to_string(),
        CommandError::OverBudget { budget } => fill(
            td_string!(locale, err_over_budget),
            &[("budget", budget.to_string())],
        ),
        CommandError::OverCap { cap } => fill(
            td_string!(locale, err_over_cap),
            &[("cap", cap.to_string())],
        ),
        CommandError::AlreadyVoted => td_string!(locale, err_already_voted).to_string(),
        CommandError::TooManyAnswers { max } => fill(
            td_string!(locale, err_too_many_answers),
            &[("max", max.to_string())],
        ),
        CommandError::Text { field, problem } => text_error_text(field, problem, locale),
        CommandError::DueDate => td_string!(locale, err_due_date).to_string(),
        CommandError::NamesOff => td_string!(locale, err_names_off).to_string(),
        CommandError::TimerMinutes => td_string!(locale, err_timer_minutes).to_string(),
        CommandError::VoteRules => td_string!(locale, err_vote_rules).to_string(),
        CommandError::BudgetBelowCast { used } => fill(
            td_string!(locale, err_budget_below_cast),
            &[("used", used.to_string())],
        ),
        CommandError::CapBelowCast { used } => fill(
            td_string!(locale, err_cap_below_cast),
            &[("used", used.to_string())],
        ),
        CommandError::EmptyCluster => td_string!(locale, err_empty_cluster).to_string(),
        CommandError::IdNotRandom => td_string!(locale, err_id_not_random).to_string(),
        CommandError::MeetingFull { max } => fill(
            td_string!(locale, err_meeting_full),
            &[("max", max.to_string())],
        ),
        CommandError::NotACafe => td_string!(locale, err_not_a_cafe).to_string(),
        CommandError::CafeStarted => td_string!(locale, err_cafe_started).to_string(),
        CommandError::TableRule { max } => fill(
            td_string!(locale, err_table_rule),
            &[("max", max.to_string())],
        ),
        CommandError::CafePlan => td_string!(locale, err_cafe_plan).to_string(),
        CommandError::NoSuchTable { table } => fill(
            td_string!(locale, err_no_such_table),
            &[("table", table.to_string())],
        ),
        CommandError::HarvestFull { limit } => fill(
            td_string!(locale, err_harvest_full),
            &[("limit", limit.to_string())],
        ),
        CommandError::NoSuchHeading => td_string!(locale, err_no_such_heading).to_string(),
        CommandError::HarvestStarted => td_string!(locale, err_harvest_started).to_string(),
        CommandError::PaperDots { max } => fill(
            td_string!(locale, err_paper_dots),
            &[("max", max.to_string())],
        ),
        CommandError::NoSuchGroup => td_string!(locale, err_no_such_group).to_string(),
        CommandError::NotAVolunteer => td_string!(locale, err_not_a_volunteer).to_string(),
        CommandError::UnknownPerson => td_string!(locale, err_unknown_person).to_string(),
        CommandError::GroupFull { max } => fill(
            td_string!(locale, err_group_full),
            &[("max", max.to_string())],
        ),
        CommandError::HarvestForm { headings, limit } => fill(
            td_string!(locale, err_harvest_form),
            &[
                ("headings", headings.to_string()),
                ("limit", limit.to_string()),
            ],
        ),
    }
}

/// Puts values into a sentence: `{name}` marks where. (leptos_i18n's own interpolation
/// builds views; these sentences are also needed as plain strings on the server.)
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

pub fn text_error_text(field: Field, problem: TextError, locale: Locale) -> String {
    let field = match field {
        Field::Answer => td_string!(locale, field_answer),
        Field::ClusterTitle => td_string!(locale, field_cluster_title),
        Field::ActionWhat => td_string!(locale, field_action_what),
        Field::ActionOwner => td_string!(locale, field_action_owner),
        Field::Name => td_string!(locale, field_name),
        Field::Heading => td_string!(locale, field_heading),
    }
    .to_string();
    match problem {
        TextError::Empty => fill(td_string!(locale, err_text_empty), &[("field", field)]),
        TextError::TooLong { length, max } => fill(
            td_string!(locale, err_text_too_long),
            &[
                ("field", field),
                ("length", length.to_string()),
                ("max", max.to_string()),
            ],
        ),
        TextError::Cpr => td_string!(locale, err_text_cpr).to_string(),
    }
}

/// The words of an action export's columns and labels (`domain::export`), in `locale`.
pub fn export_labels(locale: Locale) -> crate::domain::export::Labels {
    crate::domain::export::Labels {
        item: td_string!(locale, export_item).to_string(),
        theme: td_string!(locale, export_theme).to_string(),
        question: td_string!(locale, export_question).to_string(),
        action: td_string!(locale, export_action).to_string(),
        owner: td_string!(locale, export_owner).to_string(),
        due: td_string!(locale, export_due).to_string(),
        pillar: td_string!(locale, export_pillar).to_string(),
        meeting: td_string!(locale, export_meeting).to_string(),
        team: td_string!(locale, export_team).to_string(),
        date: td_string!(locale, export_date).to_string(),
        answer: td_string!(locale, export_answer).to_string(),
        group: td_string!(locale, export_group).to_string(),
        dots: td_string!(locale, export_dots).to_string(),
        name: td_string!(locale, export_name).to_string(),
        status: td_string!(locale, export_status).to_string(),
        actions: td_string!(locale, export_actions).to_string(),
        none: td_string!(locale, export_none).to_string(),
        minutes: td_string!(locale, export_minutes).to_string(),
        participants: td_string!(locale, export_participants).to_string(),
        source: td_string!(locale, export_source).to_string(),
        no_answers: td_string!(locale, summary_no_answers).to_string(),
        statuses: crate::domain::board::ActionStatus::ALL
            .map(|status| status_name(status, locale).to_owned()),
        table: td_string!(locale, export_table).to_string(),
        harvest_headings: [
            td_string!(locale, harvest_heading_main).to_string(),
            td_string!(locale, harvest_heading_place).to_string(),
            td_string!(locale, harvest_heading_parents).to_string(),
        ],
        heading: td_string!(locale, export_heading).to_string(),
        english: locale == Locale::en,
    }
}

/// What deleting a team removed, as one sentence in `locale` (for the plain page the server
/// answers with, since the team page itself is gone).
#[cfg(feature = "ssr")]
pub fn team_deleted_text(
    team: &str,
    meetings: usize,
    answers: usize,
    actions: usize,
    locale: Locale,
) -> String {
    use crate::i18n::td;
    use leptos::tachys::view::RenderHtml;
    let team = team.to_owned();
    let html = td!(
        locale,
        team_deleted_team,
        team = move || team.clone(),
        meetings = move || meetings,
        answers = move || answers,
        actions = move || actions
    )
    .to_html();
    // Plain text: the hydration markers go, and the page escapes the text itself.
    html.replace("<!>", "")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
}

/// Where an action stands, in `locale`.
pub fn status_name(status: crate::domain::board::ActionStatus, locale: Locale) -> &'static str {
    use crate::domain::board::ActionStatus;
    match status {
        ActionStatus::Open => td_string!(locale, status_open),
        ActionStatus::Doing => td_string!(locale, status_doing),
        ActionStatus::Done => td_string!(locale, status_done),
        ActionStatus::Dropped => td_string!(locale, status_dropped),
    }
}

/// The follow-up step's theme and question, in both languages (`AgendaStep::follow_up`).
pub fn follow_up_words() -> (
    crate::content::model::Localized,
    crate::content::model::Localized,
) {
    let both = |da: &str, en: &str| crate::content::model::Localized {
        da: da.to_owned(),
        en: en.to_owned(),
    };
    (
        both(
            td_string!(Locale::da, follow_up_theme),
            td_string!(Locale::en, follow_up_theme),
        ),
        both(
            td_string!(Locale::da, follow_up_question),
            td_string!(Locale::en, follow_up_question),
        ),
    )
}

/// A pillar's name in `locale`, short enough for a chip or a spreadsheet's cell.
pub fn pillar_name(pillar: crate::content::model::PillarId, locale: Locale) -> &'static str {
    use crate::content::model::PillarId;
    match pillar {
        PillarId::Learning => td_string!(locale, pillar_learning),
        PillarId::Values => td_string!(locale, pillar_values),
        PillarId::Collaboration => td_string!(locale, pillar_collaboration),
        PillarId::Dialogue => td_string!(locale, pillar_dialogue),
        PillarId::Judgement => td_string!(locale, pillar_judgement),
        PillarId::Foundation => td_string!(locale, pillar_foundation_short),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_sentences_in_both_languages() {
        let error = CommandError::OverBudget { budget: 3 };
        let da = command_error_text(&error, Locale::da);
        let en = command_error_text(&error, Locale::en);
        assert!(da.contains('3') && en.contains('3'));
        assert_ne!(da, en);
        let long = text_error_text(
            Field::Answer,
            TextError::TooLong {
                length: 612,
                max: 500,
            },
            Locale::da,
        );
        assert!(long.contains("612") && long.contains("500"), "{long}");
        assert!(
            command_error_text(
                &CommandError::Text {
                    field: Field::Answer,
                    problem: TextError::Cpr
                },
                Locale::da
            )
            .contains("CPR")
        );
    }
}
