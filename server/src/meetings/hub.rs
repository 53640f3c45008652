//! The one authority per meeting: loads a meeting by replaying its event log, applies
//! commands one at a time (decide → store → evolve → publish), and answers a repeated
//! command id with the first answer.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError, RwLock},
    time::{SystemTime, UNIX_EPOCH},
};

use app::domain::{
    join_code::{ALPHABET, JoinCode, LENGTH},
    meeting::{
        command::{Actor, Command, CommandError, Envelope},
        ids::{CommandId, ParticipantId},
        state::{Event, MeetingSetup, MeetingState},
    },
};
use tokio::sync::broadcast;

use super::{bus::EventBus, secret, store};
use crate::db::{Db, DbError};

/// Who is looking at or acting in a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Host,
    Screen,
    /// A phone; `None` until it has joined.
    Participant(Option<ParticipantId>),
}

#[derive(Debug, thiserror::Error)]
pub enum ExecuteError {
    #[error("refused: {0}")]
    Refused(CommandError),
    #[error(transparent)]
    Database(#[from] DbError),
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

/// What a command id was first answered with, and who sent it.
type Outcome = (Actor, Result<u64, CommandError>);

/// A meeting being held: its state in memory, its log in the database.
pub struct LiveMeeting {
    pub meeting_id: String,
    pub code: JoinCode,
    pub space_id: String,
    pub space_name: String,
    space_key_hash: String,
    screen_key_hash: String,
    state: RwLock<MeetingState>,
    devices: RwLock<HashMap<String, ParticipantId>>,
    /// The first outcome of every command id, with the actor who gave it.
    outcomes: Mutex<HashMap<CommandId, Outcome>>,
    /// Held while a command is decided and stored: one order per meeting.
    writer: tokio::sync::Mutex<()>,
}

impl LiveMeeting {
    fn from_stored(stored: store::StoredMeeting) -> Result<Self, DbError> {
        let code = JoinCode::parse(&stored.code)
            .map_err(|e| DbError::Corrupt(format!("join code {}: {e}", stored.code)))?;
        let mut state = MeetingState::new(stored.setup);
        let mut outcomes = HashMap::new();
        for (command_id, event) in &stored.events {
            if event.seq != state.seq + 1 {
                return Err(DbError::Corrupt(format!(
                    "meeting {} jumps from event {} to {}",
                    stored.meeting_id, state.seq, event.seq
                )));
            }
            let actor = state.actor_of(&event.change);
            state.evolve(event);
            outcomes.insert(*command_id, (actor, Ok(event.seq)));
        }
        Ok(Self {
            meeting_id: stored.meeting_id,
            code,
            space_id: stored.space_id,
            space_name: stored.space_name,
            space_key_hash: stored.space_key_hash,
            screen_key_hash: stored.screen_key_hash,
            state: RwLock::new(state),
            devices: RwLock::new(stored.devices.into_iter().collect()),
            outcomes: Mutex::new(outcomes),
            writer: tokio::sync::Mutex::new(()),
        })
    }

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

    /// Reads the state (for views). Never held across an await.
    pub fn read<T>(&self, f: impl FnOnce(&MeetingState) -> T) -> T {
        f(&self.state.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// The view `role` may see, as the JSON the wire carries, with its sequence number.
    pub fn view_json(&self, role: Role) -> (u64, String) {
        self.read(|state| {
            let code = self.code.as_str();
            let json = match role {
                Role::Host => serde_json::to_string(&state.console_view(code)),
                Role::Screen => serde_json::to_string(&state.screen_view(code)),
                Role::Participant(me) => serde_json::to_string(&state.participant_view(code, me)),
            };
            // Serialising plain structs of strings and numbers cannot fail.
            (state.seq, json.unwrap_or_default())
        })
    }

    fn outcome(&self, id: CommandId) -> Option<Outcome> {
        let outcomes = self.outcomes.lock().unwrap_or_else(PoisonError::into_inner);
        outcomes.get(&id).copied()
    }

    fn remember(&self, id: CommandId, actor: Actor, outcome: Result<u64, CommandError>) {
        let mut outcomes = self.outcomes.lock().unwrap_or_else(PoisonError::into_inner);
        outcomes.insert(id, (actor, outcome));
    }
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
    bus: Arc<dyn EventBus>,
    meetings: Mutex<HashMap<String, Arc<LiveMeeting>>>,
    loading: tokio::sync::Mutex<()>,
    /// Becomes true when the server stops: open streams end, so a graceful shutdown does
    /// not wait for phones that would stay connected forever.
    stopping: tokio::sync::watch::Sender<bool>,
    /// The most participants one meeting takes (`SAMRAAD_MAX_PARTICIPANTS`).
    max_participants: u32,
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

impl Hub {
    pub fn new(db: Db, bus: Arc<dyn EventBus>, max_participants: u32) -> Self {
        Self {
            db,
            bus,
            meetings: Mutex::new(HashMap::new()),
            loading: tokio::sync::Mutex::new(()),
            stopping: tokio::sync::watch::Sender::new(false),
            max_participants,
        }
    }

    /// Ends every open stream (clients reconnect to the next server by themselves).
    pub fn stop_streams(&self) {
        self.stopping.send_replace(true);
    }

    pub fn stopping(&self) -> tokio::sync::watch::Receiver<bool> {
        self.stopping.subscribe()
    }

    fn cached(&self, code: &JoinCode) -> Option<Arc<LiveMeeting>> {
        let meetings = self.meetings.lock().unwrap_or_else(PoisonError::into_inner);
        meetings.get(code.as_str()).cloned()
    }

    fn forget(&self, code: &JoinCode) {
        let mut meetings = self.meetings.lock().unwrap_or_else(PoisonError::into_inner);
        meetings.remove(code.as_str());
    }

    /// The meeting with this code, loaded and replayed on first use.
    pub async fn meeting(&self, code: &JoinCode) -> Result<Option<Arc<LiveMeeting>>, DbError> {
        if let Some(meeting) = self.cached(code) {
            return Ok(Some(meeting));
        }
        let _loading = self.loading.lock().await;
        if let Some(meeting) = self.cached(code) {
            return Ok(Some(meeting));
        }
        let Some(stored) = store::load_meeting(&self.db, code.as_str()).await? else {
            return Ok(None);
        };
        let meeting = Arc::new(LiveMeeting::from_stored(stored)?);
        let mut meetings = self.meetings.lock().unwrap_or_else(PoisonError::into_inner);
        meetings.insert(code.to_string(), meeting.clone());
        Ok(Some(meeting))
    }

    pub fn subscribe(&self, meeting: &LiveMeeting) -> broadcast::Receiver<Arc<Event>> {
        self.bus.subscribe(&meeting.meeting_id)
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
        let screen_key = secret::screen_key(&host_key, &meeting_id);
        // 31^6 ≈ 887 million codes: a clash is rare, and the unique index catches it.
        for _ in 0..10 {
            let code = random_code()?;
            let stored = store::create_meeting(
                &self.db,
                &meeting_id,
                &space_id,
                code.as_str(),
                &secret::hash(&screen_key),
                &setup,
            )
            .await?;
            if stored {
                return Ok(StartedMeeting {
                    code,
                    space_id,
                    new_host_key,
                });
            }
        }
        Err(StartError::Random(
            "no free join code after 10 tries".into(),
        ))
    }

    /// Applies one command in the meeting's order. Acknowledged (Ok) only once stored.
    pub async fn execute(
        &self,
        meeting: &LiveMeeting,
        actor: Actor,
        envelope: &Envelope,
        new_device: Option<&str>,
    ) -> Result<u64, ExecuteError> {
        let _writer = meeting.writer.lock().await;
        if let Some((first_actor, outcome)) = meeting.outcome(envelope.id) {
            // A repeated id is the same command only from the same actor (a join's actor is
            // made here, so a retried join is matched by its device instead). Under another
            // credential, an id that changed the meeting is refused, and one that was refused
            // is decided afresh for the new sender.
            let joining = matches!(envelope.command, Command::Join { .. });
            match (first_actor == actor || joining, outcome) {
                (true, outcome) => return outcome.map_err(ExecuteError::Refused),
                (false, Ok(_)) => return Err(ExecuteError::Refused(CommandError::DuplicateId)),
                (false, Err(_)) => {}
            }
        }
        let now = now_ms();
        let decided = meeting.read(|state| {
            state
                .decide(actor, &envelope.command, now)
                .map(|change| Event {
                    seq: state.seq + 1,
                    at_ms: now,
                    change,
                })
        });
        let event = match decided {
            Ok(event) => event,
            Err(refusal) => {
                meeting.remember(envelope.id, actor, Err(refusal));
                return Err(ExecuteError::Refused(refusal));
            }
        };
        let device = match (new_device, actor) {
            (Some(token), Actor::Participant(id)) => {
                Some((secret::device_hash(&meeting.meeting_id, token), id))
            }
            _ => None,
        };
        let stored = store::append_event(
            &self.db,
            &meeting.meeting_id,
            envelope.id,
            &event,
            device.as_ref().map(|(hash, id)| (hash.as_str(), *id)),
        )
        .await;
        if let Err(error) = stored {
            // The write may or may not have landed (a remote database can fail after the
            // commit); reload from the log on the next request instead of guessing.
            self.forget(&meeting.code);
            return Err(error.into());
        }
        {
            let mut state = meeting
                .state
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            state.evolve(&event);
        }
        if let Some((hash, id)) = device {
            let mut devices = meeting
                .devices
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            devices.insert(hash, id);
        }
        meeting.remember(envelope.id, actor, Ok(event.seq));
        let seq = event.seq;
        self.bus.publish(&meeting.meeting_id, Arc::new(event));
        Ok(seq)
    }

    /// Joins a phone: the device already known keeps its participant; any other gets a new
    /// participant and a new token made here (a token the client made up is never stored).
    /// Returns the participant and, for a new one, its token.
    pub async fn join(
        &self,
        meeting: &LiveMeeting,
        command_id: CommandId,
        device_token: Option<&str>,
        name: Option<String>,
    ) -> Result<(ParticipantId, Option<String>), ExecuteError> {
        let known = device_token.and_then(|token| meeting.participant_for_device(token));
        let (participant, new_token, new_device) = match known {
            Some(id) => (id, None, None),
            None => {
                if meeting.read(|s| s.participants.len()) >= self.max_participants as usize {
                    return Err(ExecuteError::Refused(CommandError::MeetingFull {
                        max: self.max_participants,
                    }));
                }
                let token = secret::new_secret()
                    .map_err(|e| DbError::Corrupt(format!("random source failed: {e}")))?;
                (ParticipantId::new(), Some(token.clone()), Some(token))
            }
        };
        let already_named = known.is_some() && name.as_deref().is_none_or(|n| n.trim().is_empty());
        if !already_named {
            let envelope = Envelope {
                id: command_id,
                command: Command::Join { name },
            };
            self.execute(
                meeting,
                Actor::Participant(participant),
                &envelope,
                new_device.as_deref(),
            )
            .await?;
        }
        Ok((participant, new_token))
    }

    pub fn db(&self) -> &Db {
        &self.db
    }
}
