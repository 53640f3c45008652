//! A page's live view: starts from what the server rendered, then follows the stream once
//! the WebAssembly runs. On the server (and before hydration) it simply holds the first view.

use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// What the person sees about the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    /// Rendered by the server; the page is not live yet (or never will be, without WebAssembly).
    Static,
    Live,
    /// "Forbindelsen er tabt – vi prøver igen."
    Lost,
}

#[derive(Clone, Copy)]
pub struct LiveView<T: Send + Sync + 'static> {
    pub view: RwSignal<T>,
    pub connection: RwSignal<Connection>,
    /// Server clock minus this device's clock, in milliseconds, for timers.
    pub clock_offset_ms: RwSignal<f64>,
}

/// Follows `stream_url` (an `/api/m/{code}/events` address) from `initial` on.
pub fn use_live_view<T>(initial: T, stream_url: String) -> LiveView<T>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let live = LiveView {
        view: RwSignal::new(initial),
        connection: RwSignal::new(Connection::Static),
        clock_offset_ms: RwSignal::new(0.0),
    };
    #[cfg(feature = "hydrate")]
    Effect::new(move |started: Option<()>| {
        if started.is_some() {
            return;
        }
        // `try_` everywhere: an event may still arrive while the page is being left.
        let stream = super::client::keep_stream_open(
            stream_url.clone(),
            move |_seq, offset, json| {
                if let Ok(view) = serde_json::from_str::<T>(json) {
                    live.view.try_set(view);
                    live.clock_offset_ms.try_set(offset);
                }
            },
            move |state| {
                if live
                    .connection
                    .try_get_untracked()
                    .is_some_and(|now| now != state)
                {
                    live.connection.try_set(state);
                }
            },
        );
        // Leaving the page (also within the app) closes its stream.
        let stream = StoredValue::new_local(Some(stream));
        on_cleanup(move || {
            if let Some(stream) = stream.try_update_value(Option::take).flatten() {
                stream.stop();
            }
        });
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = stream_url;
    live
}
