//! `GET /sprog/{locale}?til=/path`: the language switch for a browser without WebAssembly.
//! Sets the same cookie the in-page switch sets and sends the person back where they were.

use axum::{
    extract::{Path, Query},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use app::{domain::locale::locale_cookie, i18n::Locale};

use super::redirect;

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
    (
        [(header::SET_COOKIE, locale_cookie(locale.as_ref()))],
        redirect::to(target),
    )
        .into_response()
}
