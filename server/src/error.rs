//! Errors as users and clients see them. Each keeps its cause for the log and shows a clean
//! message: JSON for API routes, a calm page for browsers.

use axum::{
    Json,
    http::{StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use serde::Serialize;

use crate::db::DbError;

/// An error of a JSON route.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the database is unavailable")]
    Database(#[from] DbError),
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: String,
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::Database(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::Database(_) => "database_unavailable",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // The cause goes to the log; the client gets the clean message only.
        match &self {
            ApiError::Database(cause) => tracing::error!(error = %cause, "database error"),
        }
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.to_string(),
            },
        };
        (self.status(), Json(body)).into_response()
    }
}

/// The page a browser gets if a request fails inside the server. It cannot rely on the app or
/// the locale machinery (they may be what failed), so it carries both languages itself.
pub fn server_error_page() -> Response {
    let page = r#"<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Samråd – noget gik galt</title><link rel="stylesheet" href="/pkg/samraad.css"></head>
<body><main class="message-page">
<h1>Noget gik galt</h1>
<p>Serveren kunne ikke svare lige nu. Intet af det, du har skrevet, er gået tabt. Prøv igen om lidt.</p>
<p lang="en">Something went wrong on the server. Nothing you wrote has been lost. Please try again in a moment.</p>
<p><a class="button" href="/">Til forsiden</a></p>
</main></body></html>"#;
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CACHE_CONTROL, "no-store")],
        Html(page),
    )
        .into_response()
}
