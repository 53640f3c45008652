//! One open event stream (`GET /api/m/{code}/events`): it waits for the meeting's writer to
//! publish a new snapshot and sends its reader a frame only when what that reader may see
//! changed. Views are rendered once per snapshot per audience (`live::Snapshot`); a phone's
//! own part only after a change that touched it. Frames are spaced (a phone at most 10 a
//! second, a screen or console 20) and always end on the latest state: a reader that is
//! slow simply gets the newest snapshot when it is ready, never a queue of old ones.

use std::{convert::Infallible, sync::Arc, time::Duration};

use axum::response::sse::Event as SseEvent;
use futures_util::stream::{self, Stream};
use tokio::{
    sync::watch,
    time::{Instant, sleep_until},
};

use crate::{
    meetings::{
        hub::{LiveMeeting, Role, now_ms},
        live::{Fanout, Snapshot, join_objects},
    },
    security::limits::Slot,
};

/// A stream that has been silent this long gets a ping, so phones can tell a quiet meeting
/// from a dead connection (they reconnect after 40 s of silence).
pub const HEARTBEAT: Duration = Duration::from_secs(15);

/// The shortest time between two frames to one reader.
pub fn spacing(role: Role) -> Duration {
    match role {
        Role::Participant(_) => Duration::from_millis(100),
        Role::Host | Role::Screen => Duration::from_millis(50),
    }
}

/// What a stream sent last, to tell whether the next view differs.
enum Sent {
    Nothing,
    Whole(Arc<str>),
    /// The old fan-out: the sequence number sent.
    Seq(u64),
    Phone {
        common_version: u64,
        own: String,
        /// The snapshot the own part was rendered from.
        own_seq: u64,
    },
}

pub struct Feed {
    /// Counts this stream against the limits until it ends.
    pub slot: Slot,
    pub meeting: Arc<LiveMeeting>,
    pub role: Role,
    pub device: Option<String>,
    pub changes: watch::Receiver<Arc<Snapshot>>,
    pub stopping: watch::Receiver<bool>,
    /// The sequence number the client says it has (a reconnect).
    pub known_seq: Option<u64>,
    pub fanout: Fanout,
}

struct Running {
    feed: Feed,
    sent: Sent,
    started: bool,
    /// When this stream last looked at a snapshot: it looks at most once per `spacing`, so
    /// a storm of changes wakes each stream at most 10 (or 20) times a second.
    last_check: Option<Instant>,
    last_write: Instant,
}

fn same(a: &Arc<str>, b: &Arc<str>) -> bool {
    Arc::ptr_eq(a, b) || **a == **b
}

impl Running {
    /// A phone that joins after opening its stream is recognised from then on.
    fn role(&mut self) -> Role {
        if let (Role::Participant(None), Some(token)) = (self.feed.role, &self.feed.device)
            && let Some(me) = self.feed.meeting.participant_for_device(token)
        {
            self.feed.role = Role::Participant(Some(me));
            self.sent = Sent::Nothing;
        }
        self.feed.role
    }

    /// The old fan-out, kept to measure against: this stream renders its whole view itself
    /// and sends it whenever the sequence number moved.
    fn per_stream_view(&mut self, snapshot: &Snapshot) -> Option<String> {
        let role = self.role();
        let seq = snapshot.seq();
        if matches!(&self.sent, Sent::Seq(sent) if *sent == seq) {
            return None;
        }
        let code = self.feed.meeting.code.as_str();
        let state = &snapshot.state;
        let json = match role {
            Role::Host => serde_json::to_string(&state.console_view(code)),
            Role::Screen => serde_json::to_string(&state.screen_view(code)),
            Role::Participant(me) => serde_json::to_string(&state.participant_view(code, me)),
        }
        .unwrap_or_default();
        self.sent = Sent::Seq(seq);
        Some(json)
    }

    /// The view of the latest snapshot as JSON, if it differs from what was sent last.
    fn changed_view(&mut self, snapshot: &Snapshot) -> Option<String> {
        if self.feed.fanout == Fanout::PerStream {
            return self.per_stream_view(snapshot);
        }
        match self.role() {
            Role::Host | Role::Screen => {
                let view = match self.feed.role {
                    Role::Host => snapshot.console_json(),
                    _ => snapshot.screen_json(),
                };
                if matches!(&self.sent, Sent::Whole(sent) if same(sent, &view)) {
                    return None;
                }
                let json = view.to_string();
                self.sent = Sent::Whole(view);
                Some(json)
            }
            Role::Participant(me) => {
                let common_version = snapshot.common_version();
                let own_changed_at = me.map_or(0, |me| self.feed.meeting.own_part_changed_at(me));
                let (common_same, own_same) = match &self.sent {
                    Sent::Phone {
                        common_version: sent,
                        own_seq,
                        ..
                    } => (*sent == common_version, own_changed_at <= *own_seq),
                    _ => (false, false),
                };
                if common_same && own_same {
                    return None;
                }
                let own = match (&self.sent, own_same) {
                    (Sent::Phone { own, .. }, true) => own.clone(),
                    _ => snapshot.participant_own_json(me),
                };
                let unchanged = common_same
                    && matches!(&self.sent, Sent::Phone { own: sent, .. } if *sent == own);
                let json =
                    (!unchanged).then(|| join_objects(&snapshot.participant_common_json(), &own));
                self.sent = Sent::Phone {
                    common_version,
                    own,
                    own_seq: snapshot.seq(),
                };
                json
            }
        }
    }

    fn frame(snapshot: &Snapshot, view: &str) -> SseEvent {
        let seq = snapshot.seq();
        SseEvent::default()
            .event("view")
            .id(seq.to_string())
            .data(format!(
                r#"{{"seq":{seq},"now":{now},"view":{view}}}"#,
                now = now_ms()
            ))
    }

    /// The first event: the view now, or a ping when the client has it already.
    fn first(&mut self) -> SseEvent {
        let snapshot = self.feed.changes.borrow_and_update().clone();
        let view = self.changed_view(&snapshot);
        self.started = true;
        self.last_check = Some(Instant::now());
        match view {
            Some(view) if self.feed.known_seq != Some(snapshot.seq()) => {
                Self::frame(&snapshot, &view)
            }
            _ => ping(),
        }
    }

    /// The next event, or `None` when the stream ends (server stopping, meeting gone).
    async fn next(&mut self) -> Option<SseEvent> {
        loop {
            if *self.feed.stopping.borrow() {
                return None;
            }
            let heartbeat = self.last_write + HEARTBEAT;
            tokio::select! {
                changed = self.feed.changes.changed() => {
                    if changed.is_err() {
                        // The writer is gone: end, so the client reconnects to a fresh copy.
                        return None;
                    }
                }
                () = sleep_until(heartbeat) => return Some(ping()),
                _ = self.feed.stopping.changed() => return None,
            }
            // Spacing: wait out the rest of the interval, then render whatever is newest.
            if let Some(last) = self
                .last_check
                .filter(|_| self.feed.fanout == Fanout::Shared)
            {
                let next = last + spacing(self.feed.role);
                if Instant::now() < next {
                    tokio::select! {
                        () = sleep_until(next) => {}
                        _ = self.feed.stopping.changed() => return None,
                    }
                }
            }
            let snapshot = self.feed.changes.borrow_and_update().clone();
            self.last_check = Some(Instant::now());
            if let Some(view) = self.changed_view(&snapshot) {
                return Some(Self::frame(&snapshot, &view));
            }
        }
    }
}

pub fn ping() -> SseEvent {
    SseEvent::default()
        .event("ping")
        .data(format!(r#"{{"now":{}}}"#, now_ms()))
}

/// The stream of events for one reader.
pub fn events(feed: Feed) -> impl Stream<Item = Result<SseEvent, Infallible>> {
    let running = Running {
        feed,
        sent: Sent::Nothing,
        started: false,
        last_check: None,
        last_write: Instant::now(),
    };
    stream::unfold(running, |mut running| async move {
        let event = if running.started {
            running.next().await?
        } else {
            running.first()
        };
        running.last_write = Instant::now();
        Some((Ok(event), running))
    })
}
