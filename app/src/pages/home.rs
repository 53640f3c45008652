//! `/`: what Samråd is, "Start et møde" and "Deltag" with a code field.

use crate::components::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    domain::join_code::{JoinCode, JoinCodeError},
    i18n::*,
};

/// What the join form found, after a code was typed and sent.
#[derive(Debug, Clone, PartialEq, Eq)]
enum JoinProblem {
    Length(usize),
    Characters,
    /// Well-formed, but no meeting has it (`/deltag` sends a well-formed code to its meeting
    /// page, which says so; this covers a typed-in `/?kode=` address).
    Unknown(JoinCode),
}

fn check_typed_code(typed: &str) -> JoinProblem {
    match JoinCode::parse(typed) {
        Ok(code) => JoinProblem::Unknown(code),
        Err(JoinCodeError::Length(count)) => JoinProblem::Length(count),
        Err(JoinCodeError::Characters) => JoinProblem::Characters,
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let typed = move || query.read().get("kode").unwrap_or_default();
    let problem = move || {
        query
            .read()
            .get("kode")
            .map(|typed| check_typed_code(&typed))
    };

    view! {
        <PageTitle text=move || t_string!(i18n, home_title) />
        <section class="hero">
            <h1>{t!(i18n, home_heading)}</h1>
            <p class="lead">{t!(i18n, home_lead)}</p>
        </section>

        <div class="cards">
            <section class="card" id="join" aria-labelledby="join-heading">
                <h2 id="join-heading">{t!(i18n, join_heading)}</h2>
                <p>{t!(i18n, join_text)}</p>
                // The fragment brings a phone back to the form and its message after sending.
                <form method="get" action="/deltag" class="join-form">
                    <div class="field">
                        <label for="join-code">{t!(i18n, join_code_label)}</label>
                        <input
                            id="join-code"
                            name="kode"
                            class="code-input"
                            autocomplete="off"
                            autocapitalize="characters"
                            spellcheck="false"
                            inputmode="text"
                            maxlength="12"
                            value=typed
                            aria-invalid=move || problem().is_some().to_string()
                            aria-describedby="join-code-hint join-code-error"
                        />
                        <span id="join-code-hint" class="hint">{t!(i18n, join_code_hint)}</span>
                        <p id="join-code-error" class="error-text" role="status">
                            {move || {
                                problem()
                                    .map(|problem| match problem {
                                        JoinProblem::Length(count) => {
                                            t!(i18n, join_error_length, count = count).into_any()
                                        }
                                        JoinProblem::Characters => t!(i18n, join_error_chars).into_any(),
                                        JoinProblem::Unknown(code) => {
                                            let code = code.to_string();
                                            t!(i18n, join_error_unknown, code = code.clone()).into_any()
                                        }
                                    })
                            }}
                        </p>
                    </div>
                    <button class="button" type="submit">{t!(i18n, join_button)}</button>
                </form>
            </section>

            <section class="card" aria-labelledby="start-heading">
                <h2 id="start-heading">{t!(i18n, start_heading)}</h2>
                <p>{t!(i18n, start_text)}</p>
                <p>
                    <a class="button" href="/ny">{t!(i18n, start_button)}</a>
                </p>
            </section>
        </div>

        <section class="pillars" aria-labelledby="pillars-heading">
            <h2 id="pillars-heading">{t!(i18n, pillars_heading)}</h2>
            <p>{t!(i18n, pillars_intro)}</p>
            <ul>
                <li>{t!(i18n, pillar_learning)}</li>
                <li>{t!(i18n, pillar_values)}</li>
                <li>{t!(i18n, pillar_collaboration)}</li>
                <li>{t!(i18n, pillar_dialogue)}</li>
                <li>{t!(i18n, pillar_judgement)}</li>
            </ul>
            <p class="hint">{t!(i18n, pillar_foundation)}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_codes_map_to_the_right_message() {
        assert_eq!(check_typed_code("abc"), JoinProblem::Length(3));
        assert_eq!(check_typed_code("ABCDE0"), JoinProblem::Characters);
        assert!(
            matches!(check_typed_code("k7m-p4q"), JoinProblem::Unknown(code) if code.as_str() == "K7MP4Q")
        );
    }
}
