//! What someone typed into a plain form that was refused, kept on the server for the page
//! that shows the refusal: the redirect carries only a random one-time id (`?utkast=`), never
//! the text, so an answer or a question (perhaps with a CPR number the guard refused) never
//! lands in the browser's history or an access log. Kept for ten minutes, read once, at most
//! [`MAX_KEPT`] at a time (the oldest go first).
//!
//! The phone page reads its answer through its page data (`PhonePage::returned_text`), so
//! the text survives hydration. The start page and the composer read their fields from the
//! address as rendered on the server: [`restore_into_query`] puts the kept fields back into
//! the request's query before the page is rendered; the browser's address never has them.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};

use app::live::forms::query_value;
use axum::{
    extract::{Request, State},
    http::{Method, Uri},
    middleware::Next,
    response::Response,
};

use crate::meetings::secret;

pub const KEEP_FOR: Duration = Duration::from_secs(10 * 60);
pub const MAX_KEPT: usize = 10_000;

#[derive(Default)]
pub struct KeptTexts {
    texts: Mutex<HashMap<String, (Instant, String)>>,
}

impl KeptTexts {
    /// Keeps `text`; returns the id to put in the address, or `None` if the system's random
    /// source failed (then the text is not kept, and the person sees an empty field).
    pub fn keep(&self, text: &str, now: Instant) -> Option<String> {
        let id = secret::new_secret().ok()?;
        let mut texts = self.texts.lock().unwrap_or_else(PoisonError::into_inner);
        texts.retain(|_, (at, _)| now.saturating_duration_since(*at) < KEEP_FOR);
        while texts.len() >= MAX_KEPT {
            let oldest = texts
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(id, _)| id.clone());
            match oldest {
                Some(oldest) => texts.remove(&oldest),
                None => break,
            };
        }
        texts.insert(id.clone(), (now, text.to_owned()));
        Some(id)
    }

    /// The text kept under `id`, once.
    pub fn take(&self, id: &str, now: Instant) -> Option<String> {
        let mut texts = self.texts.lock().unwrap_or_else(PoisonError::into_inner);
        let (at, text) = texts.remove(id)?;
        (now.saturating_duration_since(at) < KEEP_FOR).then_some(text)
    }
}

impl KeptTexts {
    /// Keeps the typed fields of a refused form (empty ones are left out) and returns the
    /// query parameter that names them, `utkast=<id>`, or `None` if there is nothing to keep.
    pub fn keep_fields(&self, fields: &[(&str, &str)]) -> Option<String> {
        let query: Vec<String> = fields
            .iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(name, value)| format!("{name}={}", query_value(value)))
            .collect();
        if query.is_empty() {
            return None;
        }
        let id = self.keep(&query.join("&"), Instant::now())?;
        Some(format!("{KEPT_PARAM}={id}"))
    }
}

/// The query parameter that names kept text.
pub const KEPT_PARAM: &str = "utkast";

/// Pages whose fields come from the address: their kept fields are put back into the query.
fn reads_fields_from_query(path: &str) -> bool {
    path == "/ny" || path.starts_with("/ny/dagsorden/") || path == "/bibliotek"
}

/// Middleware: for `GET /ny?…&utkast=<id>` (and the composer and library), replaces the id
/// with the fields kept under it, so the page renders with what was typed.
pub async fn restore_into_query(
    State(kept): State<Arc<KeptTexts>>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::GET
        && reads_fields_from_query(request.uri().path())
        && let Some(uri) = restored(&kept, request.uri())
    {
        *request.uri_mut() = uri;
    }
    next.run(request).await
}

fn restored(kept: &KeptTexts, uri: &Uri) -> Option<Uri> {
    let query = uri.query()?;
    let mut fields = None;
    let mut rest: Vec<&str> = Vec::new();
    for pair in query.split('&') {
        match pair
            .strip_prefix(KEPT_PARAM)
            .and_then(|p| p.strip_prefix('='))
        {
            Some(id) => fields = kept.take(id, Instant::now()),
            None => rest.push(pair),
        }
    }
    let fields = fields?;
    rest.push(&fields);
    let query = rest
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("&");
    format!("{}?{query}", uri.path()).parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_fields_come_back_into_the_query_once() {
        let kept = KeptTexts::default();
        let param = kept
            .keep_fields(&[
                ("team", "Solsikken"),
                ("spoergsmaal", "Cpr 010203-1234?"),
                ("titel", ""),
            ])
            .expect("kept");
        assert!(param.starts_with("utkast=") && !param.contains("Solsikken"));
        let uri: Uri = format!("/ny?fejl=titel&{param}").parse().expect("uri");
        let back = restored(&kept, &uri).expect("restored");
        assert_eq!(
            back.to_string(),
            "/ny?fejl=titel&team=Solsikken&spoergsmaal=Cpr%20010203-1234%3F"
        );
        assert!(restored(&kept, &uri).is_none(), "once");
        assert!(kept.keep_fields(&[("tekst", "  ")]).is_none());
    }

    #[test]
    fn a_kept_text_is_read_once_and_not_after_its_time() {
        let kept = KeptTexts::default();
        let now = Instant::now();
        let id = kept.keep("Mit svar", now).expect("kept");
        assert_eq!(id.len(), 32);
        assert_eq!(kept.take(&id, now).as_deref(), Some("Mit svar"));
        assert_eq!(kept.take(&id, now), None, "once");
        let late = kept.keep("Senere", now).expect("kept");
        assert_eq!(kept.take(&late, now + KEEP_FOR), None);
    }
}
