//! What a phone typed into a plain form that was refused, kept on the server for the page
//! that shows the refusal: the redirect carries only a random one-time id (`?utkast=`), never
//! the text, so an answer (perhaps with a CPR number the guard refused) never lands in the
//! browser's history or an access log. Kept for ten minutes, read once, at most
//! [`MAX_KEPT`] at a time (the oldest go first).

use std::{
    collections::HashMap,
    sync::{Mutex, PoisonError},
    time::{Duration, Instant},
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

#[cfg(test)]
mod tests {
    use super::*;

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
