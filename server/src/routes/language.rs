//! `GET /sprog/{locale}?til=/path`: the language switch for a browser without WebAssembly.
//! Sets the same cookie the in-page switch sets and sends the person back where they were.

use axum::{
    extract::{Path, Query},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use app::{domain::locale::LOCALE_COOKIE, i18n::Locale};

const ONE_YEAR_SECONDS: u32 = 365 * 24 * 60 * 60;

#[derive(Debug, Deserialize)]
pub struct Back {
    til: Option<String>,
}

pub async fn switch_language(Path(locale): Path<String>, Query(back): Query<Back>) -> Response {
    let Ok(locale) = locale.parse::<Locale>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let target = back
        .til
        .as_deref()
        .filter(|t| is_local_path(t))
        .unwrap_or("/");
    let cookie =
        format!("{LOCALE_COOKIE}={locale}; Path=/; Max-Age={ONE_YEAR_SECONDS}; SameSite=Lax");
    ([(header::SET_COOKIE, cookie)], Redirect::to(target)).into_response()
}

/// Only paths on this site: `//evil.example` or `https://…` would make the switch an open
/// redirect.
fn is_local_path(target: &str) -> bool {
    target.starts_with('/') && !target.starts_with("//") && !target.contains('\\')
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/?kode=ABC"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path(""));
    }
}
