//! Each meeting's one writer: a task of its own that takes every command queued for the
//! meeting, decides them in order against the evolving state, stores their events in one
//! transaction (one commit, one fsync), and only then publishes the new state and answers.
//!
//! Because the writer is its own task, a request that is cancelled (a dropped connection,
//! the 30 s timeout) cannot split "stored" from "applied": the writer finishes the batch and
//! the answer simply has no one to go to. When a commit fails, the log may or may not hold
//! the batch (a remote database can fail after committing), so the writer reloads the
//! meeting from the log before it decides anything else, and publishes what it found: every
//! open stream shows the stored truth.

use std::{collections::HashMap, sync::Arc, sync::PoisonError, sync::atomic::Ordering};

use app::domain::meeting::{
    command::{Actor, Command, CommandError, Envelope},
    ids::{CommandId, ParticipantId},
    state::{Event, MeetingState},
};
use tokio::sync::{mpsc, oneshot, watch};

use super::{
    bus::EventBus,
    hub::{ExecuteError, now_ms},
    live::{MeetingShared, Snapshot},
    outcomes::{Outcome, Outcomes, command_hash},
    secret,
    store::{EventLog, NewDevice, NewEvent, StoredMeeting},
};
use crate::db::DbError;

/// The most commands decided and stored in one commit, by default (`SAMRAAD_WRITER_BATCH`).
pub const MAX_BATCH: usize = 512;

/// What a join gives the phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// The join's own sequence number (for a phone already in, the meeting's current one).
    pub seq: u64,
    pub participant: ParticipantId,
    /// A new device token, to be set as the phone's cookie.
    pub new_token: Option<String>,
}

pub enum Request {
    Command {
        actor: Actor,
        envelope: Envelope,
        reply: oneshot::Sender<Result<u64, ExecuteError>>,
    },
    Join {
        id: CommandId,
        name: Option<String>,
        device: Option<String>,
        max_participants: u32,
        reply: oneshot::Sender<Result<Joined, ExecuteError>>,
    },
}

/// An answer that waits for the batch's commit.
enum Waiting {
    Command(oneshot::Sender<Result<u64, ExecuteError>>, u64),
    Join(oneshot::Sender<Result<Joined, ExecuteError>>, Joined),
}

/// A meeting replayed from its log.
pub struct Replayed {
    pub state: MeetingState,
    pub outcomes: Outcomes,
    pub devices: HashMap<String, ParticipantId>,
}

/// Replays a stored meeting: its state, the outcome of every applied command, its devices.
pub fn replay(stored: &StoredMeeting) -> Result<Replayed, DbError> {
    let mut state = app::domain::meeting::state::MeetingState::new(stored.setup.clone());
    let mut outcomes = Outcomes::default();
    for (command_id, hash, event) in &stored.events {
        if event.seq != state.seq + 1 {
            return Err(DbError::Corrupt(format!(
                "meeting {} jumps from event {} to {}",
                stored.meeting_id, state.seq, event.seq
            )));
        }
        let actor = state.actor_of(&event.change);
        state.evolve(event);
        outcomes.remember(
            *command_id,
            Outcome {
                actor,
                hash: hash.clone(),
                result: Ok(event.seq),
            },
        );
    }
    Ok(Replayed {
        state,
        outcomes,
        devices: stored.devices.iter().cloned().collect(),
    })
}

pub struct Writer {
    pub shared: Arc<MeetingShared>,
    pub log: Arc<dyn EventLog>,
    pub bus: Arc<dyn EventBus>,
    /// The stored state; the published snapshot holds the same `Arc`.
    pub state: Arc<MeetingState>,
    pub outcomes: Outcomes,
    pub publish: watch::Sender<Arc<Snapshot>>,
    /// The log and memory may differ (a commit failed): reload before deciding.
    pub stale: bool,
    /// Most commands per commit.
    pub max_batch: usize,
}

/// What one batch decided, before it is stored.
#[derive(Default)]
struct Decided {
    working: Option<MeetingState>,
    events: Vec<NewEvent>,
    devices: Vec<NewDevice>,
    /// Per event: whose own view it changed (`None`: everyone's).
    touched: Vec<(u64, Option<ParticipantId>)>,
    waiting: Vec<Waiting>,
}

impl Decided {
    fn current<'a>(&'a self, stored: &'a MeetingState) -> &'a MeetingState {
        self.working.as_ref().unwrap_or(stored)
    }

    /// Applies a decided change to the working state and queues its event.
    fn apply(
        &mut self,
        stored: &MeetingState,
        id: CommandId,
        hash: String,
        change: app::domain::meeting::state::Change,
        now: i64,
    ) -> Event {
        let working = self.working.get_or_insert_with(|| stored.clone());
        let event = Event {
            seq: working.seq + 1,
            at_ms: now,
            change,
        };
        self.touched
            .push((event.seq, working.own_view_touched(&event.change)));
        working.evolve(&event);
        self.events.push(NewEvent {
            command_id: id,
            command_hash: hash,
            event: event.clone(),
        });
        event
    }
}

fn new_token() -> Result<String, ExecuteError> {
    secret::new_secret()
        .map_err(|e| ExecuteError::Database(format!("the random source failed: {e}")))
}

impl Writer {
    /// Runs until every holder of the meeting has let go of it.
    pub async fn run(mut self, mut requests: mpsc::Receiver<Request>) {
        let mut batch = Vec::with_capacity(self.max_batch);
        while requests.recv_many(&mut batch, self.max_batch).await > 0 {
            self.handle(std::mem::take(&mut batch)).await;
        }
    }

    async fn handle(&mut self, batch: Vec<Request>) {
        if self.stale
            && let Err(error) = self.reload().await
        {
            tracing::error!(meeting = %self.shared.meeting_id, %error, "a meeting could not be reloaded");
            let why = format!("the meeting could not be reloaded: {error}");
            for request in batch {
                fail(request, &why);
            }
            return;
        }
        let mut decided = Decided::default();
        for request in batch {
            match request {
                Request::Command {
                    actor,
                    envelope,
                    reply,
                } => self.decide_command(&mut decided, actor, &envelope, reply),
                Request::Join {
                    id,
                    name,
                    device,
                    max_participants,
                    reply,
                } => {
                    self.decide_join(&mut decided, id, name, device, max_participants, reply);
                }
            }
        }
        if decided.events.is_empty() && decided.devices.is_empty() {
            return;
        }
        let stored = self
            .log
            .append(&self.shared.meeting_id, &decided.events, &decided.devices)
            .await;
        match stored {
            Ok(()) => self.commit(decided),
            Err(error) => {
                tracing::error!(meeting = %self.shared.meeting_id, %error, "a batch could not be stored");
                self.outcomes
                    .forget_applied(decided.events.iter().map(|e| e.command_id));
                let why = format!("not stored: {error}");
                for waiting in decided.waiting {
                    match waiting {
                        Waiting::Command(reply, _) => {
                            let _ = reply.send(Err(ExecuteError::Database(why.clone())));
                        }
                        Waiting::Join(reply, _) => {
                            let _ = reply.send(Err(ExecuteError::Database(why.clone())));
                        }
                    }
                }
                self.stale = true;
                if let Err(error) = self.reload().await {
                    tracing::error!(meeting = %self.shared.meeting_id, %error, "a meeting could not be reloaded; trying again with the next command");
                }
            }
        }
    }

    fn decide_command(
        &mut self,
        decided: &mut Decided,
        actor: Actor,
        envelope: &Envelope,
        reply: oneshot::Sender<Result<u64, ExecuteError>>,
    ) {
        let hash = command_hash(&envelope.command);
        if let Some(first) = self.outcomes.get(envelope.id) {
            match (
                first.actor == actor && first.same_command(&hash),
                first.result,
            ) {
                (true, Err(refusal)) => {
                    let _ = reply.send(Err(ExecuteError::Refused(refusal)));
                    return;
                }
                (true, Ok(seq)) if seq > self.state.seq => {
                    decided.waiting.push(Waiting::Command(reply, seq));
                    return;
                }
                (true, Ok(seq)) => {
                    let _ = reply.send(Ok(seq));
                    return;
                }
                // The id changed the meeting for someone else or as another command.
                (false, Ok(_)) => {
                    let _ = reply.send(Err(ExecuteError::Refused(CommandError::DuplicateId)));
                    return;
                }
                // A refusal changed nothing: decide the new command afresh.
                (false, Err(_)) => {}
            }
        }
        let now = now_ms();
        match decided
            .current(&self.state)
            .decide(actor, &envelope.command, now)
        {
            Err(refusal) => {
                self.outcomes.remember(
                    envelope.id,
                    Outcome {
                        actor,
                        hash: Some(hash),
                        result: Err(refusal),
                    },
                );
                let _ = reply.send(Err(ExecuteError::Refused(refusal)));
            }
            Ok(change) => {
                let event = decided.apply(&self.state, envelope.id, hash.clone(), change, now);
                self.outcomes.remember(
                    envelope.id,
                    Outcome {
                        actor,
                        hash: Some(hash),
                        result: Ok(event.seq),
                    },
                );
                decided.waiting.push(Waiting::Command(reply, event.seq));
            }
        }
    }

    /// A join: a device already in keeps its participant; a retried join (the same id and
    /// command) returns the first join's number and participant, with a new cookie for it
    /// when the phone does not have one; anyone else becomes a new participant with a new
    /// token made here (a token the client made up is never stored).
    fn decide_join(
        &mut self,
        decided: &mut Decided,
        id: CommandId,
        name: Option<String>,
        device: Option<String>,
        max_participants: u32,
        reply: oneshot::Sender<Result<Joined, ExecuteError>>,
    ) {
        let command = Command::Join { name };
        let hash = command_hash(&command);
        let known = device
            .as_deref()
            .and_then(|token| self.shared.participant_for_device(token));
        if let Some(first) = self.outcomes.get(id)
            && let Ok(seq) = first.result
        {
            let Actor::Participant(participant) = first.actor else {
                let _ = reply.send(Err(ExecuteError::Refused(CommandError::DuplicateId)));
                return;
            };
            if !first.same_command(&hash) || known.is_some_and(|k| k != participant) {
                let _ = reply.send(Err(ExecuteError::Refused(CommandError::DuplicateId)));
                return;
            }
            let mut joined = Joined {
                seq,
                participant,
                new_token: None,
            };
            if known.is_none() {
                // The first answer's cookie was lost: a new one for the same participant.
                let token = match new_token() {
                    Ok(token) => token,
                    Err(error) => {
                        let _ = reply.send(Err(error));
                        return;
                    }
                };
                decided.devices.push(NewDevice {
                    token_hash: secret::device_hash(&self.shared.meeting_id, &token),
                    participant,
                });
                joined.new_token = Some(token);
                decided.waiting.push(Waiting::Join(reply, joined));
            } else if seq > self.state.seq {
                decided.waiting.push(Waiting::Join(reply, joined));
            } else {
                let _ = reply.send(Ok(joined));
            }
            return;
        }
        let Command::Join { name } = &command else {
            return;
        };
        if let Some(participant) = known
            && name.as_deref().is_none_or(|n| n.trim().is_empty())
        {
            // A phone that is in already, opening the page again: nothing to store.
            let _ = reply.send(Ok(Joined {
                seq: decided.current(&self.state).seq,
                participant,
                new_token: None,
            }));
            return;
        }
        let current = decided.current(&self.state);
        if known.is_none() && current.participants.len() >= max_participants as usize {
            let _ = reply.send(Err(ExecuteError::Refused(CommandError::MeetingFull {
                max: max_participants,
            })));
            return;
        }
        // `default()` is a new random id.
        let participant = known.unwrap_or_default();
        let actor = Actor::Participant(participant);
        let now = now_ms();
        let change = match current.decide(actor, &command, now) {
            Ok(change) => change,
            Err(refusal) => {
                let _ = reply.send(Err(ExecuteError::Refused(refusal)));
                return;
            }
        };
        let token = match known {
            Some(_) => None,
            None => match new_token() {
                Ok(token) => Some(token),
                Err(error) => {
                    let _ = reply.send(Err(error));
                    return;
                }
            },
        };
        let event = decided.apply(&self.state, id, hash.clone(), change, now);
        self.outcomes.remember(
            id,
            Outcome {
                actor,
                hash: Some(hash),
                result: Ok(event.seq),
            },
        );
        if let Some(token) = &token {
            decided.devices.push(NewDevice {
                token_hash: secret::device_hash(&self.shared.meeting_id, token),
                participant,
            });
        }
        decided.waiting.push(Waiting::Join(
            reply,
            Joined {
                seq: event.seq,
                participant,
                new_token: token,
            },
        ));
    }

    /// The batch is stored: make it the meeting's state, publish it, answer.
    fn commit(&mut self, decided: Decided) {
        {
            let mut devices = self
                .shared
                .devices
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            for device in &decided.devices {
                devices.insert(device.token_hash.clone(), device.participant);
            }
        }
        {
            let mut touched = self
                .shared
                .touched
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            for (seq, who) in &decided.touched {
                match who {
                    Some(participant) => {
                        touched.insert(*participant, *seq);
                    }
                    None => self.shared.everyone_touched.store(*seq, Ordering::Release),
                }
            }
        }
        if let Some(working) = decided.working {
            self.state = Arc::new(working);
            self.publish_state();
            let events: Vec<Event> = decided.events.into_iter().map(|e| e.event).collect();
            self.bus.publish(&self.shared.meeting_id, Arc::from(events));
        }
        for waiting in decided.waiting {
            match waiting {
                Waiting::Command(reply, seq) => {
                    let _ = reply.send(Ok(seq));
                }
                Waiting::Join(reply, joined) => {
                    let _ = reply.send(Ok(joined));
                }
            }
        }
    }

    fn publish_state(&self) {
        let previous = self.publish.borrow().clone();
        let snapshot = Snapshot::new(
            self.state.clone(),
            self.shared.code.clone(),
            Some(&previous),
        );
        self.publish.send_replace(Arc::new(snapshot));
    }

    /// Reads the meeting back from the log and makes that its state, devices and outcomes;
    /// every open stream then renders what is stored.
    async fn reload(&mut self) -> Result<(), DbError> {
        let stored = self
            .log
            .load(self.shared.code.as_str())
            .await?
            .filter(|stored| stored.meeting_id == self.shared.meeting_id)
            .ok_or_else(|| DbError::Corrupt("the meeting is no longer stored".into()))?;
        let replayed = replay(&stored)?;
        *self
            .shared
            .devices
            .write()
            .unwrap_or_else(PoisonError::into_inner) = replayed.devices;
        self.outcomes = replayed.outcomes;
        self.state = Arc::new(replayed.state);
        self.shared
            .everyone_touched
            .store(self.state.seq, Ordering::Release);
        self.publish_state();
        self.stale = false;
        Ok(())
    }
}

fn fail(request: Request, why: &str) {
    match request {
        Request::Command { reply, .. } => {
            let _ = reply.send(Err(ExecuteError::Database(why.to_owned())));
        }
        Request::Join { reply, .. } => {
            let _ = reply.send(Err(ExecuteError::Database(why.to_owned())));
        }
    }
}
