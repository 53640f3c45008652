//! A meeting being held, as the rest of the server sees it: its keys, its devices, and the
//! latest state its writer published (`Snapshot`), with each audience's view rendered once
//! per snapshot and shared by every stream of that audience.

use std::{
    collections::HashMap,
    ops::Deref,
    sync::{
        Arc, OnceLock, PoisonError, RwLock,
        atomic::{AtomicI64, AtomicU64, Ordering},
    },
};

use app::domain::{
    join_code::JoinCode,
    meeting::{ids::ParticipantId, state::MeetingState},
};
use tokio::sync::{mpsc, watch};

use super::{secret, writer::Request};

/// How open streams are sent views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fanout {
    /// Each audience's view rendered once per snapshot and shared; a phone's own part only
    /// after a change that touched it; frames spaced and sent only when the view changed.
    Shared,
    /// The old way, kept to measure against: every stream renders its whole view on every
    /// change and sends it whenever the sequence number moved.
    PerStream,
}

/// Who is looking at or acting in a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Host,
    Screen,
    /// A phone; `None` until it has joined.
    Participant(Option<ParticipantId>),
}

/// The meeting as its writer last stored it. Immutable: a new change makes a new snapshot.
pub struct Snapshot {
    pub state: Arc<MeetingState>,
    code: JoinCode,
    screen: OnceLock<Arc<str>>,
    console: OnceLock<Arc<str>>,
    /// The part of every phone's view that is the same for all, rendered by the writer when
    /// it publishes, and the number of times it has changed: a stream compares numbers, not
    /// bytes, so a change that leaves it alone costs a phone's stream nothing.
    participant_common: Arc<str>,
    common_version: u64,
}

fn json(value: &impl serde::Serialize) -> Arc<str> {
    // The views are plain structs of strings, numbers and ids: serialising cannot fail.
    Arc::from(serde_json::to_string(value).unwrap_or_default())
}

impl Snapshot {
    /// The snapshot after `previous`: its phones' common part is the previous one (and keeps
    /// its version) when the change left it as it was.
    pub fn new(state: Arc<MeetingState>, code: JoinCode, previous: Option<&Snapshot>) -> Self {
        let common = json(&state.participant_common(code.as_str()));
        let (participant_common, common_version) = match previous {
            Some(previous) if *previous.participant_common == *common => {
                (previous.participant_common.clone(), previous.common_version)
            }
            Some(previous) => (common, previous.common_version + 1),
            None => (common, 0),
        };
        Self {
            state,
            code,
            screen: OnceLock::new(),
            console: OnceLock::new(),
            participant_common,
            common_version,
        }
    }

    pub fn seq(&self) -> u64 {
        self.state.seq
    }

    /// The projector's view as JSON, rendered once for every screen.
    pub fn screen_json(&self) -> Arc<str> {
        self.screen
            .get_or_init(|| json(&self.state.screen_view(self.code.as_str())))
            .clone()
    }

    /// The host's view as JSON, rendered once for every console.
    pub fn console_json(&self) -> Arc<str> {
        self.console
            .get_or_init(|| json(&self.state.console_view(self.code.as_str())))
            .clone()
    }

    /// The part of every phone's view that is the same for all: rendered once.
    pub fn participant_common_json(&self) -> Arc<str> {
        self.participant_common.clone()
    }

    /// Changes exactly when `participant_common_json` does.
    pub fn common_version(&self) -> u64 {
        self.common_version
    }

    /// One phone's own part (its answers and dots), rendered for that phone.
    pub fn participant_own_json(&self, me: Option<ParticipantId>) -> String {
        serde_json::to_string(&self.state.participant_own(me)).unwrap_or_default()
    }
}

/// `{"a":1}` and `{"b":2}` → `{"a":1,"b":2}`: a phone's view from the shared and its own part.
pub fn join_objects(common: &str, own: &str) -> String {
    let common = common.strip_suffix('}').unwrap_or(common);
    let own = own.strip_prefix('{').unwrap_or(own);
    let mut joined = String::with_capacity(common.len() + own.len() + 1);
    joined.push_str(common);
    joined.push(',');
    joined.push_str(own);
    joined
}

/// What every holder of a meeting shares with its writer.
pub struct MeetingShared {
    pub meeting_id: String,
    pub code: JoinCode,
    pub space_id: String,
    pub space_name: String,
    pub(super) space_key_hash: String,
    pub(super) screen_key_hash: String,
    /// Device token hash → participant. Written by the writer after a commit.
    pub(super) devices: RwLock<HashMap<String, ParticipantId>>,
    /// The sequence number of the last change to each participant's own part of the view,
    /// and of the last change to everyone's (a host's command): a stream renders a phone's
    /// own part only when one of them is newer than what it sent.
    pub(super) touched: RwLock<HashMap<ParticipantId, u64>>,
    pub(super) everyone_touched: AtomicU64,
    pub(super) snapshot: watch::Receiver<Arc<Snapshot>>,
}

impl MeetingShared {
    /// The role a key gives: the team's key is the host's, the screen key the projector's.
    pub fn role_for_key(&self, key: &str) -> Option<Role> {
        if secret::matches(key, &self.space_key_hash) {
            Some(Role::Host)
        } else if secret::matches(key, &self.screen_key_hash) {
            Some(Role::Screen)
        } else {
            None
        }
    }

    /// The projector's key, for the host (who proved the team's key) to hand on.
    pub fn screen_key(&self, host_key: &str) -> Option<String> {
        secret::matches(host_key, &self.space_key_hash)
            .then(|| secret::screen_key(host_key, &self.meeting_id))
    }

    pub fn participant_for_device(&self, token: &str) -> Option<ParticipantId> {
        let devices = self.devices.read().unwrap_or_else(PoisonError::into_inner);
        devices
            .get(&secret::device_hash(&self.meeting_id, token))
            .copied()
    }

    /// The latest stored state.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.borrow().clone()
    }

    /// Reads the state (for pages). Never held across an await.
    pub fn read<T>(&self, f: impl FnOnce(&MeetingState) -> T) -> T {
        f(&self.snapshot.borrow().state)
    }

    /// A receiver that wakes when the writer publishes a new snapshot (or stops).
    pub fn changes(&self) -> watch::Receiver<Arc<Snapshot>> {
        self.snapshot.clone()
    }

    /// The newest sequence number that changed `me`'s own part of the view.
    pub fn own_part_changed_at(&self, me: ParticipantId) -> u64 {
        let touched = self.touched.read().unwrap_or_else(PoisonError::into_inner);
        let mine = touched.get(&me).copied().unwrap_or(0);
        mine.max(self.everyone_touched.load(Ordering::Acquire))
    }
}

/// A meeting being held: what it shares, and the way to its writer. When the last holder
/// lets go (the hub evicted it and no request or stream uses it), its writer ends.
pub struct LiveMeeting {
    shared: Arc<MeetingShared>,
    pub(super) requests: mpsc::Sender<Request>,
    /// When a request last looked the meeting up (ms since 1970), for eviction.
    pub(super) last_used: AtomicI64,
}

impl LiveMeeting {
    pub(super) fn new(shared: Arc<MeetingShared>, requests: mpsc::Sender<Request>) -> Self {
        Self {
            shared,
            requests,
            last_used: AtomicI64::new(super::hub::now_ms()),
        }
    }

    /// Whether the writer still runs (it stops only if it panicked).
    pub fn is_alive(&self) -> bool {
        !self.requests.is_closed()
    }
}

impl Deref for LiveMeeting {
    type Target = MeetingShared;

    fn deref(&self) -> &MeetingShared {
        &self.shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_join_into_one() {
        assert_eq!(
            join_objects(r#"{"a":1}"#, r#"{"b":[2]}"#),
            r#"{"a":1,"b":[2]}"#
        );
    }
}
