//! Composing an agenda before a meeting, as plain HTML forms: begin a draft (empty, from a
//! template or from typed questions), then add library texts and own questions, reorder,
//! remove and reword. Each form answers with a redirect back to where it was sent from, with
//! a refusal and what was typed in the query, so nothing typed is lost.

use axum::{
    Form,
    extract::{Path, State},
    response::Response,
};
use serde::Deserialize;

use app::{
    content,
    domain::meeting::draft::DraftEdit,
    live::forms::{DraftProblem, StartProblem, query_value},
};

use super::{meeting_forms::StartForm, redirect};
use crate::{
    meetings::drafts::{self, EditError, StartValues},
    state::AppState,
};

/// `POST /ny/dagsorden`: a new draft from the chosen template or the typed questions, then
/// the composer. The team and title typed so far are kept with the draft for its start form;
/// only an existing team's key travels in the address (as on the console).
pub async fn new_draft(State(state): State<AppState>, Form(form): Form<StartForm>) -> Response {
    let key = form
        .k
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| format!("?k={}", query_value(k)))
        .unwrap_or_default();
    let back = |problem: StartProblem| {
        // What was typed is kept on the server (`kept_text`), never put in the address.
        let mut target = format!(
            "/ny?fejl={}&skabelon={}",
            problem.as_str(),
            query_value(&form.skabelon),
        );
        let typed = [
            ("team", form.team.as_str()),
            ("titel", form.titel.as_str()),
            ("spoergsmaal", form.spoergsmaal.as_str()),
        ];
        if let Some(kept) = state.kept_texts.keep_fields(&typed) {
            target.push('&');
            target.push_str(&kept);
        }
        if !key.is_empty() {
            target.push('&');
            target.push_str(&key[1..]);
        }
        redirect::to(&target)
    };
    let Ok(library) = content::library() else {
        return back(StartProblem::Unavailable);
    };
    let draft = match form.chosen_draft(library) {
        Ok(draft) => draft,
        Err(problem) => return back(problem),
    };
    let start = StartValues {
        team: form.team.trim().to_owned(),
        title: form.titel.trim().to_owned(),
    };
    match drafts::create(&state.db, &draft, &start).await {
        Ok(id) => redirect::to(&format!("/ny/dagsorden/{id}{key}")),
        Err(cause) => {
            tracing::error!(error = %cause, "an agenda draft could not be stored");
            back(StartProblem::Unavailable)
        }
    }
}

/// One edit of a draft. `handling` names it; `punkt` and `nr` are positions (0-based).
#[derive(Debug, Deserialize)]
pub struct DraftEditForm {
    #[serde(default)]
    handling: String,
    #[serde(default)]
    punkt: String,
    #[serde(default)]
    nr: String,
    #[serde(default)]
    tekst: String,
    /// The page to show afterwards: the composer or the library it was opened from.
    #[serde(default)]
    tilbage: String,
}

/// `POST /ny/dagsorden/{id}`
pub async fn edit_draft(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<DraftEditForm>,
) -> Response {
    let composer = format!("/ny/dagsorden/{}", query_value(&id));
    let back_to = safe_return(&form.tilbage, &id).unwrap_or_else(|| composer.clone());
    let position = |text: &str| text.trim().parse::<usize>().ok();
    let edit = match (
        form.handling.as_str(),
        position(&form.punkt),
        position(&form.nr),
    ) {
        ("tilfoej", _, _) => Some(DraftEdit::AddItem {
            item_id: form.tekst.trim().to_owned(),
        }),
        ("egen", _, _) => Some(DraftEdit::AddOwn {
            text: form.tekst.clone(),
        }),
        ("op", Some(step), _) => Some(DraftEdit::MoveUp { step }),
        ("ned", Some(step), _) => Some(DraftEdit::MoveDown { step }),
        ("fjern", Some(step), _) => Some(DraftEdit::Remove { step }),
        ("ordlyd", Some(step), Some(question)) => Some(DraftEdit::Reword {
            step,
            question,
            text: form.tekst.clone(),
        }),
        ("gendan", Some(step), Some(question)) => Some(DraftEdit::Restore { step, question }),
        ("runde", Some(step), _) => Some(DraftEdit::SetRound { step, round: true }),
        ("plenum", Some(step), _) => Some(DraftEdit::SetRound { step, round: false }),
        ("saml", Some(step), _) => Some(DraftEdit::JoinAbove { step }),
        _ => None,
    };
    let refused = |problem: DraftProblem| {
        let mut target = with_param(&back_to, "fejl", problem.as_str());
        // What was typed is kept on the server (`kept_text`), never put in the address.
        if matches!(form.handling.as_str(), "egen" | "ordlyd")
            && let Some(kept) = state
                .kept_texts
                .keep_fields(&[("tekst", form.tekst.as_str())])
        {
            target = format!("{target}&{kept}");
        }
        if !form.punkt.trim().is_empty() {
            target = with_param(&target, "punkt", form.punkt.trim());
        }
        redirect::to(&format!("{target}#dagsorden-fejl"))
    };
    let Some(edit) = edit else {
        return refused(DraftProblem::NoSuchPlace);
    };
    let anchor = match &edit {
        DraftEdit::AddItem { item_id } => format!("#tekst-{}", query_value(item_id)),
        DraftEdit::AddOwn { .. } => "#egne".to_owned(),
        DraftEdit::MoveUp { step } => format!("#punkt-{step}"),
        DraftEdit::MoveDown { step } => format!("#punkt-{}", step.saturating_add(2)),
        DraftEdit::Remove { .. } => "#dagsorden".to_owned(),
        DraftEdit::Reword { step, .. }
        | DraftEdit::Restore { step, .. }
        | DraftEdit::SetRound { step, .. } => format!("#punkt-{}", step.saturating_add(1)),
        // The step joined the one above it.
        DraftEdit::JoinAbove { step } => format!("#punkt-{step}"),
    };
    let Ok(library) = content::library() else {
        return refused(DraftProblem::Unavailable);
    };
    match drafts::edit(&state.db, library, &id, edit).await {
        Ok(_) => redirect::to(&format!("{back_to}{anchor}")),
        // The composer's page says the link does not work.
        Err(EditError::Unknown) => redirect::to(&composer),
        Err(EditError::Refused(error)) => refused(DraftProblem::of(&error)),
        Err(EditError::Database(cause)) => {
            tracing::error!(error = %cause, "an agenda draft could not be saved");
            refused(DraftProblem::Unavailable)
        }
    }
}

/// Where a form may send the leader back to: this draft's composer or the library, never
/// another site.
fn safe_return(path: &str, id: &str) -> Option<String> {
    let composer = format!("/ny/dagsorden/{id}");
    let allowed = path == "/bibliotek"
        || path.starts_with("/bibliotek?")
        || path == composer
        || path.starts_with(&format!("{composer}?"));
    let clean = !path.contains(['#', '\\', '\r', '\n']);
    (allowed && clean).then(|| without_params(path, &["fejl", "tekst", "punkt", "utkast"]))
}

fn without_params(path: &str, names: &[&str]) -> String {
    let Some((base, query)) = path.split_once('?') else {
        return path.to_owned();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && !names.contains(&name)
        })
        .collect();
    if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

fn with_param(path: &str, name: &str, value: &str) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}{name}={}", query_value(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_draft_and_the_library_are_places_to_return_to() {
        let id = "abc";
        assert_eq!(
            safe_return("/bibliotek?soejle=dialogue&dagsorden=abc&fejl=fuld", id).as_deref(),
            Some("/bibliotek?soejle=dialogue&dagsorden=abc")
        );
        assert_eq!(
            safe_return("/ny/dagsorden/abc?team=A&tekst=x", id).as_deref(),
            Some("/ny/dagsorden/abc?team=A")
        );
        for bad in [
            "https://example.com/",
            "//example.com/bibliotek",
            "/ny/dagsorden/other",
            "/bibliotekx",
            "/bibliotek?x=1\r\nSet-Cookie: a=b",
            "",
        ] {
            assert_eq!(safe_return(bad, id), None, "{bad}");
        }
        assert_eq!(
            with_param("/bibliotek", "fejl", "fuld"),
            "/bibliotek?fejl=fuld"
        );
    }
}
