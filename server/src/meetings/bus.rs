//! Where a meeting's stored batches of events go after the writer has published them in this
//! process. With one app node nothing else needs them, and `LocalBus` hands them to whoever
//! subscribed (tests, later tools). With several app nodes, a message bus behind this trait
//! carries each batch to the other nodes, whose copy of the meeting applies it and publishes
//! its own snapshot to its own streams: the streams never read the bus themselves.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
};

use app::domain::meeting::state::Event;
use tokio::sync::broadcast;

/// A subscriber that falls this far behind misses batches (and is told so by the channel).
const CHANNEL_CAPACITY: usize = 64;

pub type Batch = Arc<[Event]>;

pub trait EventBus: Send + Sync {
    fn publish(&self, meeting_id: &str, events: Batch);
    fn subscribe(&self, meeting_id: &str) -> broadcast::Receiver<Batch>;
}

#[derive(Default)]
pub struct LocalBus {
    channels: Mutex<HashMap<String, broadcast::Sender<Batch>>>,
}

impl EventBus for LocalBus {
    fn publish(&self, meeting_id: &str, events: Batch) {
        let mut channels = self.channels.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(sender) = channels.get(meeting_id)
            && sender.send(events).is_err()
        {
            // No one listens any more: the channel goes, so that the map does not grow
            // with every meeting ever held.
            channels.remove(meeting_id);
        }
    }

    fn subscribe(&self, meeting_id: &str) -> broadcast::Receiver<Batch> {
        let mut channels = self.channels.lock().unwrap_or_else(PoisonError::into_inner);
        channels
            .entry(meeting_id.to_owned())
            .or_insert_with(|| broadcast::channel(CHANNEL_CAPACITY).0)
            .subscribe()
    }
}

impl LocalBus {
    pub fn channels(&self) -> usize {
        self.channels
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_channel_without_listeners_is_dropped() {
        let bus = LocalBus::default();
        let listener = bus.subscribe("m");
        bus.publish("m", Arc::from(Vec::new()));
        assert_eq!(bus.channels(), 1);
        drop(listener);
        bus.publish("m", Arc::from(Vec::new()));
        assert_eq!(bus.channels(), 0);
    }
}
