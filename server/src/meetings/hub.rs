//! The meetings being held: finds a meeting by its code (loading and replaying it on first
//! use, with a writer task of its own, `writer.rs`), hands commands and joins to that
//! writer, starts new meetings, and lets go of meetings no one has used for a while.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex, PoisonError, RwLock,
        atomic::{AtomicI64, AtomicU64, Ordering},
    },
    time::{SystemTime, UNIX_EPOCH},
};

use app::domain::{
    join_code::{ALPHABET, JoinCode, LENGTH},
    meeting::{
        command::{Actor, CommandError, Envelope},
        ids::CommandId,
        state::MeetingSetup,
    },
};
use tokio::sync::{mpsc, oneshot, watch};

pub use super::live::{LiveMeeting, Role};
pub use super::writer::Joined;
use super::{
    bus::EventBus,
    live::{Fanout, MeetingShared, Snapshot},
    secret, store,
    store::EventLog,
    writer::{Request, Writer, replay},
};
use crate::{
    db::{Db, DbError},
    security::limits::Limits,
};

/// Commands waiting for one meeting's writer; more wait for room (the writer takes up to
/// `writer::MAX_BATCH` at a time, so the queue empties quickly).
const QUEUE: usize = 4096;

/// A meeting no request has looked up for this long, and that no open stream holds, is let
/// go (and loaded again from its log when someone comes back).
const IDLE_MS: i64 = 10 * 60 * 1000;

/// How often the hub looks for idle meetings.
const SWEEP_MS: i64 = 60 * 1000;

#[derive(Debug, thiserror::Error)]
pub enum ExecuteError {
    #[error("refused: {0}")]
    Refused(CommandError),
    /// Not stored; the client retries with the same id.
    #[error("not stored: {0}")]
    Database(String),
}

impl From<DbError> for ExecuteError {
    fn from(error: DbError) -> Self {
        Self::Database(error.to_string())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("no team has this key")]
    UnknownSpace,
    #[error("the system's random source failed: {0}")]
    Random(String),
    #[error(transparent)]
    Database(#[from] DbError),
}

/// What a new meeting's leader gets back. The keys are shown once and never stored.
#[derive(Debug, Clone)]
pub struct StartedMeeting {
    pub code: JoinCode,
    pub space_id: String,
    /// The team's key; `None` when the meeting was started in an existing team (whose
    /// leader already has the key).
    pub new_host_key: Option<String>,
}

/// Where a new meeting belongs.
pub enum SpaceChoice {
    New { name: String },
    Existing { key: String },
}

pub struct Hub {
    db: Db,
    log: Arc<dyn EventLog>,
    bus: Arc<dyn EventBus>,
    meetings: Mutex<HashMap<String, Arc<LiveMeeting>>>,
    loading: tokio::sync::Mutex<()>,
    last_sweep: AtomicI64,
    /// Becomes true when the server stops: open streams end, so a graceful shutdown does
    /// not wait for phones that would stay connected forever.
    stopping: tokio::sync::watch::Sender<bool>,
    /// The most participants one meeting takes (`SAMRAAD_MAX_PARTICIPANTS`).
    max_participants: u32,
    /// Most commands per commit (`SAMRAAD_WRITER_BATCH`).
    writer_batch: usize,
    fanout: Fanout,
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn random_code() -> Result<JoinCode, StartError> {
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut code = String::with_capacity(LENGTH);
    for _ in 0..LENGTH {
        let index =
            secret::random_below(alphabet.len()).map_err(|e| StartError::Random(e.to_string()))?;
        code.push(alphabet[index]);
    }
    JoinCode::parse(&code).map_err(|e| StartError::Random(e.to_string()))
}

/// Hands a request to the meeting's writer and waits for its answer. The writer stops
/// without answering only if it panicked: then the request is not stored.
async fn ask<T>(
    meeting: &LiveMeeting,
    request: Request,
    answer: oneshot::Receiver<Result<T, ExecuteError>>,
) -> Result<T, ExecuteError> {
    let gone = || ExecuteError::Database("the meeting's writer stopped".into());
    meeting.requests.send(request).await.map_err(|_| gone())?;
    answer.await.map_err(|_| gone())?
}

impl Hub {
    pub fn new(db: Db, log: Arc<dyn EventLog>, bus: Arc<dyn EventBus>, limits: &Limits) -> Self {
        Self {
            db,
            log,
            bus,
            meetings: Mutex::new(HashMap::new()),
            loading: tokio::sync::Mutex::new(()),
            last_sweep: AtomicI64::new(now_ms()),
            stopping: tokio::sync::watch::Sender::new(false),
            max_participants: limits.max_participants,
            writer_batch: limits.writer_batch.max(1),
            fanout: limits.fanout,
        }
    }

    /// How open streams are sent views.
    pub fn fanout(&self) -> Fanout {
        self.fanout
    }

    /// Ends every open stream (clients reconnect to the next server by themselves).
    pub fn stop_streams(&self) {
        self.stopping.send_replace(true);
    }

    pub fn stopping(&self) -> tokio::sync::watch::Receiver<bool> {
        self.stopping.subscribe()
    }

    fn cached(&self, code: &JoinCode) -> Option<Arc<LiveMeeting>> {
        let mut meetings = self.meetings.lock().unwrap_or_else(PoisonError::into_inner);
        let meeting = meetings.get(code.as_str())?.clone();
        if !meeting.is_alive() {
            meetings.remove(code.as_str());
            return None;
        }
        meeting.last_used.store(now_ms(), Ordering::Relaxed);
        Some(meeting)
    }

    /// How many meetings are in memory.
    pub fn loaded(&self) -> usize {
        self.meetings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Lets go of meetings that no one has looked up for `idle_ms` and that nothing holds
    /// (no open stream, no request in flight): their writers end with the last holder.
    pub fn evict_idle(&self, idle_ms: i64) -> usize {
        let now = now_ms();
        let mut meetings = self.meetings.lock().unwrap_or_else(PoisonError::into_inner);
        let before = meetings.len();
        // Under the map's lock no one can take a new hold, so a count of one is final.
        meetings.retain(|_, meeting| {
            Arc::strong_count(meeting) > 1
                || now - meeting.last_used.load(Ordering::Relaxed) < idle_ms
        });
        before - meetings.len()
    }

    /// Lets go of a meeting that was deleted: the next request finds it gone. Its writer ends
    /// with the last holder; a batch it still stores is refused by the database.
    pub fn forget(&self, code: &str) {
        self.meetings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(code);
    }

    fn sweep_now_and_then(&self) {
        let now = now_ms();
        let last = self.last_sweep.load(Ordering::Relaxed);
        if now - last >= SWEEP_MS
            && self
                .last_sweep
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            self.evict_idle(IDLE_MS);
        }
    }

    /// The meeting with this code, loaded and replayed on first use.
    pub async fn meeting(&self, code: &JoinCode) -> Result<Option<Arc<LiveMeeting>>, DbError> {
        self.sweep_now_and_then();
        if let Some(meeting) = self.cached(code) {
            return Ok(Some(meeting));
        }
        let _loading = self.loading.lock().await;
        if let Some(meeting) = self.cached(code) {
            return Ok(Some(meeting));
        }
        let Some(stored) = self.log.load(code.as_str()).await? else {
            return Ok(None);
        };
        let code = JoinCode::parse(&stored.code)
            .map_err(|e| DbError::Corrupt(format!("join code {}: {e}", stored.code)))?;
        let replayed = replay(&stored)?;
        let state = Arc::new(replayed.state);
        let (publish, snapshot) =
            watch::channel(Arc::new(Snapshot::new(state.clone(), code.clone(), None)));
        let shared = Arc::new(MeetingShared {
            meeting_id: stored.meeting_id,
            code,
            space_id: stored.space_id,
            space_name: stored.space_name,
            space_key_hash: stored.space_key_hash,
            screen_key_hash: stored.screen_key_hash,
            devices: RwLock::new(replayed.devices),
            touched: RwLock::new(HashMap::new()),
            everyone_touched: AtomicU64::new(0),
            snapshot,
        });
        let (requests, queue) = mpsc::channel(QUEUE);
        let writer = Writer {
            shared: shared.clone(),
            log: self.log.clone(),
            bus: self.bus.clone(),
            state,
            outcomes: replayed.outcomes,
            publish,
            stale: false,
            max_batch: self.writer_batch,
        };
        tokio::spawn(writer.run(queue));
        let key = shared.code.to_string();
        let meeting = Arc::new(LiveMeeting::new(shared, requests));
        let mut meetings = self.meetings.lock().unwrap_or_else(PoisonError::into_inner);
        meetings.insert(key, meeting.clone());
        Ok(Some(meeting))
    }

    /// The bus the writers publish stored batches to.
    pub fn bus(&self) -> &Arc<dyn EventBus> {
        &self.bus
    }

    /// Starts a meeting, in a new team or in the team whose key is given.
    pub async fn start_meeting(
        &self,
        space: SpaceChoice,
        setup: MeetingSetup,
    ) -> Result<StartedMeeting, StartError> {
        let random = |e: getrandom::Error| StartError::Random(e.to_string());
        let (space_id, host_key, new_host_key) = match space {
            SpaceChoice::New { name } => {
                let key = secret::new_secret().map_err(random)?;
                let space_id = uuid::Uuid::now_v7().to_string();
                store::create_space(&self.db, &space_id, &name, &secret::hash(&key)).await?;
                (space_id, key.clone(), Some(key))
            }
            SpaceChoice::Existing { key } => {
                let (space_id, _) = store::space_by_key(&self.db, &secret::hash(&key))
                    .await?
                    .ok_or(StartError::UnknownSpace)?;
                (space_id, key, None)
            }
        };
        let meeting_id = uuid::Uuid::now_v7().to_string();
        let code = self
            .store_meeting(&meeting_id, &space_id, &host_key, &setup)
            .await?;
        Ok(StartedMeeting {
            code,
            space_id,
            new_host_key,
        })
    }

    /// Stores a new meeting of a team under a join code nobody has: the code.
    pub async fn store_meeting(
        &self,
        meeting_id: &str,
        space_id: &str,
        host_key: &str,
        setup: &MeetingSetup,
    ) -> Result<JoinCode, StartError> {
        let screen_key = secret::screen_key(host_key, meeting_id);
        // 31^6 ≈ 887 million codes: a clash is rare, and the unique index catches it.
        for _ in 0..10 {
            let code = random_code()?;
            let stored = store::create_meeting(
                &self.db,
                meeting_id,
                space_id,
                code.as_str(),
                &secret::hash(&screen_key),
                setup,
            )
            .await?;
            if stored {
                return Ok(code);
            }
        }
        Err(StartError::Random(
            "no free join code after 10 tries".into(),
        ))
    }

    /// Applies one command in the meeting's order. Acknowledged (Ok) only once stored.
    /// Cancelling the returned future (a dropped request) does not cancel the command: the
    /// meeting's writer decides and stores it all the same.
    pub async fn execute(
        &self,
        meeting: &LiveMeeting,
        actor: Actor,
        envelope: &Envelope,
    ) -> Result<u64, ExecuteError> {
        let (reply, answer) = oneshot::channel();
        let request = Request::Command {
            actor,
            envelope: envelope.clone(),
            reply,
        };
        ask(meeting, request, answer).await
    }

    /// Joins a phone: the device already known keeps its participant; any other gets a new
    /// participant and a new token made here. A retried join (same id, same command) gets
    /// the first join's number and participant, and a new cookie if the phone has none.
    pub async fn join(
        &self,
        meeting: &LiveMeeting,
        command_id: CommandId,
        device_token: Option<&str>,
        name: Option<String>,
    ) -> Result<Joined, ExecuteError> {
        let (reply, answer) = oneshot::channel();
        let request = Request::Join {
            id: command_id,
            name,
            device: device_token.map(str::to_owned),
            max_participants: self.max_participants,
            reply,
        };
        ask(meeting, request, answer).await
    }

    pub fn db(&self) -> &Db {
        &self.db
    }
}

#[cfg(test)]
mod tests {
    use app::domain::meeting::{
        agenda::{Agenda, AgendaStep},
        state::VoteRules,
        text::{MeetingTitle, QuestionText},
    };

    use super::*;
    use crate::{
        config::{DbConfig, DbTarget},
        meetings::bus::LocalBus,
    };

    async fn hub() -> Hub {
        let db = crate::db::connect(&DbConfig {
            target: DbTarget::Memory,
            namespace: "test".into(),
            database: "test".into(),
        })
        .await
        .expect("in-memory database");
        Hub::new(
            db.clone(),
            Arc::new(store::SurrealLog(db)),
            Arc::new(LocalBus::default()),
            &Limits::default(),
        )
    }

    fn setup() -> MeetingSetup {
        let question = QuestionText::parse("Hvad lykkedes?").expect("question");
        MeetingSetup {
            title: MeetingTitle::parse("Møde").expect("title"),
            agenda: Agenda::new(vec![AgendaStep::typed(question)]).expect("agenda"),
            names_allowed: false,
            vote_rules: VoteRules::default(),
            shuffle_seed: 1,
        }
    }

    #[tokio::test]
    async fn an_idle_meeting_is_let_go_only_when_nothing_holds_it_and_comes_back_whole() {
        let hub = hub().await;
        let started = hub
            .start_meeting(
                SpaceChoice::New {
                    name: "Team".into(),
                },
                setup(),
            )
            .await
            .expect("start");
        let meeting = hub
            .meeting(&started.code)
            .await
            .expect("load")
            .expect("found");
        let joined = hub
            .join(&meeting, CommandId::new(), None, None)
            .await
            .expect("join");
        let token = joined.new_token.expect("a new phone's token");
        assert_eq!(hub.evict_idle(0), 0, "a holder keeps it in memory");
        let stream = meeting.changes();
        drop(meeting);
        assert_eq!(hub.evict_idle(60_000), 0, "recently used");
        assert_eq!(hub.evict_idle(0), 1);
        assert_eq!(hub.loaded(), 0);
        // Its writer ends once the last holder lets go, and a stream of it hears so.
        let mut stream = stream;
        stream.borrow_and_update();
        let ended = tokio::time::timeout(std::time::Duration::from_secs(5), stream.changed()).await;
        assert!(
            matches!(ended, Ok(Err(_))),
            "the old copy's streams end and reconnect"
        );

        let again = hub
            .meeting(&started.code)
            .await
            .expect("load")
            .expect("found");
        assert_eq!(again.read(|s| s.participants.len()), 1);
        assert!(
            again.participant_for_device(&token).is_some(),
            "its phones are known"
        );
        let rejoined = hub
            .join(&again, CommandId::new(), Some(&token), None)
            .await
            .expect("rejoin");
        assert_eq!(
            rejoined.new_token, None,
            "the same phone, the same participant"
        );
        assert_eq!(again.read(|s| s.participants.len()), 1);
    }
}
