//! `GET /sprog/{locale}?til=/path`: the language switch for a browser without WebAssembly.
//! Sets the same cookie the in-page switch sets and sends the person back where they were.

use axum::{
    extract::{Path, Query},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use app::{domain::locale::LOCALE_COOKIE, i18n::Locale};

use super::redirect;

const ONE_YEAR_SECONDS: u32 = 365 * 24 * 60 * 60;

#[derive(Debug, Deserialize)]
pub struct Back {
    til: Option<String>,
}

pub async fn switch_language(Path(locale): Path<String>, Query(back): Query<Back>) -> Response {
    let Ok(locale) = locale.parse::<Locale>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Only a path on this site (anything else goes to the front page, see `redirect`).
    let target = back.til.as_deref().unwrap_or("/");
    let cookie =
        format!("{LOCALE_COOKIE}={locale}; Path=/; Max-Age={ONE_YEAR_SECONDS}; SameSite=Lax");
    ([(header::SET_COOKIE, cookie)], redirect::to(target)).into_response()
}
