//! Fan-out: "meeting M applied event N" reaches every open stream of that meeting through
//! one interface. Today it is a broadcast channel per meeting in this process; several app
//! nodes would carry the same events over a message bus behind the same trait.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
};

use app::domain::meeting::state::Event;
use tokio::sync::broadcast;

/// Slow streams that fall this far behind skip ahead: every push is a full view, so a
/// skipped event loses nothing.
const CHANNEL_CAPACITY: usize = 64;

pub trait EventBus: Send + Sync {
    fn publish(&self, meeting_id: &str, event: Arc<Event>);
    fn subscribe(&self, meeting_id: &str) -> broadcast::Receiver<Arc<Event>>;
}

#[derive(Default)]
pub struct LocalBus {
    channels: Mutex<HashMap<String, broadcast::Sender<Arc<Event>>>>,
}

impl EventBus for LocalBus {
    fn publish(&self, meeting_id: &str, event: Arc<Event>) {
        let channels = self.channels.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(sender) = channels.get(meeting_id) {
            // No receiver means no open stream; nothing to do.
            let _ = sender.send(event);
        }
    }

    fn subscribe(&self, meeting_id: &str) -> broadcast::Receiver<Arc<Event>> {
        let mut channels = self.channels.lock().unwrap_or_else(PoisonError::into_inner);
        channels
            .entry(meeting_id.to_owned())
            .or_insert_with(|| broadcast::channel(CHANNEL_CAPACITY).0)
            .subscribe()
    }
}
