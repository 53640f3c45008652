//! A vote storm: meetings fill with phones that join by code, open their streams, write
//! answers, and vote within a window, exactly as phones do (docs/protocol.md). It measures
//! acknowledgements, how soon the projector shows the final state, and what each phone
//! receives.

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};

use reqwest::Client;
use serde::Serialize;
use serde_json::{Value, json};
use tokio::{task::JoinSet, time::sleep_until};

use crate::{
    measure::{Random, Spread, Usage, cores, round, spread, usage},
    proto::{self, Credential, Meeting},
};

#[derive(Debug, Clone, Serialize)]
pub struct Options {
    #[serde(skip)]
    pub base: String,
    pub meetings: usize,
    pub phones: usize,
    /// Answers written per meeting, each by a different phone.
    pub answers: usize,
    /// Dots each phone places, one per answer.
    pub votes: usize,
    pub ramp_secs: f64,
    pub vote_secs: f64,
    /// Whether every phone opens its stream (else only the projector does).
    pub phone_streams: bool,
    /// Phones drop and reopen their stream this often (with `Last-Event-ID`).
    pub reconnect_ms: Option<u64>,
    pub seed: u64,
    #[serde(skip)]
    pub server_pid: Option<u32>,
}

#[derive(Debug, Default, Serialize)]
pub struct Outcome {
    pub options: Option<Options>,
    pub phones_joined: usize,
    pub votes_sent: usize,
    pub votes_acknowledged: usize,
    pub errors: BTreeMap<String, usize>,
    pub ack_ms: Spread,
    pub join_ms: Spread,
    /// Per meeting: ms from the last acknowledged vote until the projector's stream showed
    /// the final state (0 when it already did).
    pub screen_current_ms: Spread,
    pub screens_never_current: usize,
    pub vote_window_secs: f64,
    pub phone_frames_per_s: f64,
    pub phone_bytes_per_s: f64,
    pub screen_frames_per_s: f64,
    pub reconnects: usize,
    /// Phones whose last frame shows every dot they placed.
    pub phones_converged: usize,
    pub phones_checked: usize,
    pub server_before: Option<Usage>,
    pub server_after: Option<Usage>,
    /// Server CPU during the vote window, in cores.
    pub server_cores: Option<f64>,
    pub generator_cores: Option<f64>,
}

#[derive(Default)]
struct Tally {
    ack_ms: Vec<f64>,
    join_ms: Vec<f64>,
    errors: BTreeMap<String, usize>,
    votes_sent: usize,
    votes_acked: usize,
    phone_frames: usize,
    phone_bytes: usize,
    reconnects: usize,
    converged: usize,
    checked: usize,
}

impl Tally {
    fn error(&mut self, what: &str, status: u16) {
        *self.errors.entry(format!("{what} {status}")).or_default() += 1;
    }
}

type Shared<T> = Arc<Mutex<T>>;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The window during which frames are counted.
#[derive(Clone, Copy)]
struct Window {
    start: Instant,
    end: Instant,
}

impl Window {
    fn contains(&self, at: Instant) -> bool {
        at >= self.start && at <= self.end
    }
}

pub async fn run(options: Options) -> Outcome {
    let http = proto::client(256);
    let tally: Shared<Tally> = Arc::default();
    let mut meetings = Vec::new();
    for i in 0..options.meetings {
        match proto::start_meeting(&http, &options.base, &format!("Møde {i}"), true).await {
            Ok(meeting) => meetings.push(meeting),
            Err(error) => *lock(&tally).errors.entry(error).or_default() += 1,
        }
    }
    // Everyone votes in the same window, a little after the last phone has joined.
    let setup = Duration::from_secs_f64(options.ramp_secs + 5.0 + options.meetings as f64 * 0.05);
    let vote_start = Instant::now() + setup;
    let window = Window {
        start: vote_start,
        end: vote_start + Duration::from_secs_f64(options.vote_secs + 2.0),
    };
    let server_before = Arc::new(Mutex::new(None));
    let generator_before = Arc::new(Mutex::new(None));
    {
        let (server, generator, pid) = (
            server_before.clone(),
            generator_before.clone(),
            options.server_pid,
        );
        tokio::spawn(async move {
            sleep_until(vote_start.into()).await;
            *lock(&server) = usage(pid);
            *lock(&generator) = usage(None);
        });
    }
    let mut runs = JoinSet::new();
    for (index, meeting) in meetings.into_iter().enumerate() {
        let (http, options, tally) = (http.clone(), options.clone(), tally.clone());
        runs.spawn(async move { one_meeting(http, options, meeting, index, window, tally).await });
    }
    let mut screen_current = Vec::new();
    let mut never = 0;
    while let Some(done) = runs.join_next().await {
        match done {
            Ok(Some(ms)) => screen_current.push(ms),
            _ => never += 1,
        }
    }
    let window_secs = options.vote_secs + 2.0;
    let server_after = usage(options.server_pid);
    let generator_after = usage(None);
    let tally = std::mem::take(&mut *lock(&tally));
    let joined = tally.join_ms.len();
    let streams = if options.phone_streams {
        joined.max(1)
    } else {
        1
    };
    let server_before = *lock(&server_before);
    let generator_before = *lock(&generator_before);
    let spent = window.end.elapsed().as_secs_f64() + window_secs;
    Outcome {
        phones_joined: joined,
        votes_sent: tally.votes_sent,
        votes_acknowledged: tally.votes_acked,
        errors: tally.errors,
        ack_ms: spread(&tally.ack_ms),
        join_ms: spread(&tally.join_ms),
        screen_current_ms: spread(&screen_current),
        screens_never_current: never,
        vote_window_secs: window_secs,
        phone_frames_per_s: round(tally.phone_frames as f64 / streams as f64 / window_secs),
        phone_bytes_per_s: round(tally.phone_bytes as f64 / streams as f64 / window_secs),
        screen_frames_per_s: 0.0,
        reconnects: tally.reconnects,
        phones_converged: tally.converged,
        phones_checked: tally.checked,
        server_before,
        server_after,
        server_cores: cores(server_before, server_after, spent),
        generator_cores: cores(generator_before, generator_after, spent),
        options: Some(options),
    }
}

/// One meeting from the projector's point of view; returns how long after its last
/// acknowledged vote the projector showed the final state.
async fn one_meeting(
    http: Client,
    options: Options,
    meeting: Meeting,
    index: usize,
    window: Window,
    tally: Shared<Tally>,
) -> Option<f64> {
    let base = options.base.clone();
    let host = |body: Value| {
        let (http, base, meeting, tally) =
            (http.clone(), base.clone(), meeting.clone(), tally.clone());
        async move {
            let answer = proto::send_until_answered(
                &http,
                &base,
                &meeting.code,
                Credential::Key(&meeting.host_key),
                &body,
            )
            .await;
            if answer.status != 200 {
                lock(&tally).error("host", answer.status);
            }
            answer
        }
    };
    let rules = json!({ "budget": options.votes.max(1), "cap": 1, "tallies_live": false });
    host(proto::envelope("set_vote_rules", rules)).await;
    // The projector: every frame it receives, with when.
    let frames: Shared<Vec<(Instant, String)>> = Arc::default();
    let screen_url = format!(
        "{base}/api/m/{}/events?k={}",
        meeting.code, meeting.screen_key
    );
    let screen = {
        let (http, frames, url) = (http.clone(), frames.clone(), screen_url.clone());
        tokio::spawn(async move {
            let _ = proto::follow(&http, &url, None, None, true, |frame| {
                if let Some(view) = frame.view {
                    lock(&frames).push((frame.at, view));
                }
                true
            })
            .await;
        })
    };
    // Phones join over the ramp.
    let mut random = Random::new(options.seed ^ (index as u64).wrapping_mul(0x9E37_79B9));
    let started = Instant::now();
    let mut phones = JoinSet::new();
    for i in 0..options.phones {
        let at = started
            + Duration::from_secs_f64(options.ramp_secs * i as f64 / options.phones.max(1) as f64);
        let (http, base, code, tally) = (
            http.clone(),
            base.clone(),
            meeting.code.clone(),
            tally.clone(),
        );
        phones.spawn(async move {
            sleep_until(at.into()).await;
            join(&http, &base, &code, &tally).await
        });
    }
    let mut cookies = Vec::new();
    while let Some(joined) = phones.join_next().await {
        if let Ok(Some(cookie)) = joined {
            cookies.push(cookie);
        }
    }
    // Their streams, and the last view each one received.
    let last_views: Vec<Shared<Option<String>>> = cookies.iter().map(|_| Arc::default()).collect();
    let mut streams = Vec::new();
    if options.phone_streams {
        for (cookie, last) in cookies.iter().zip(&last_views) {
            let url = format!("{base}/api/m/{}/events", meeting.code);
            let (http, cookie, last, tally) =
                (http.clone(), cookie.clone(), last.clone(), tally.clone());
            let reconnect = options.reconnect_ms.map(Duration::from_millis);
            let seed = random.next();
            streams.push(tokio::spawn(async move {
                phone_stream(http, url, cookie, last, tally, window, reconnect, seed).await;
            }));
        }
    }
    host(proto::envelope(
        "go_to",
        json!({ "step": 0, "phase": "reflect" }),
    ))
    .await;
    let mut targets = Vec::new();
    let mut writes = JoinSet::new();
    for cookie in cookies.iter().take(options.answers) {
        let id = uuid::Uuid::new_v4().to_string();
        targets.push(id.clone());
        let body = proto::envelope(
            "submit_answer",
            json!({ "answer": id, "text": "Mere tid til samtaler med forældrene" }),
        );
        let (http, base, code, cookie) = (
            http.clone(),
            base.clone(),
            meeting.code.clone(),
            cookie.clone(),
        );
        writes.spawn(async move {
            proto::send_until_answered(&http, &base, &code, Credential::Cookie(&cookie), &body)
                .await
        });
    }
    while let Some(written) = writes.join_next().await {
        if let Ok(answer) = written
            && answer.status != 200
        {
            lock(&tally).error("answer", answer.status);
        }
    }
    host(proto::envelope(
        "go_to",
        json!({ "step": 0, "phase": "reveal" }),
    ))
    .await;
    host(proto::envelope(
        "go_to",
        json!({ "step": 0, "phase": "vote" }),
    ))
    .await;
    let vote_open = Instant::now();
    // The storm: each phone's dots at random moments of the window.
    let last_ack: Shared<Option<Instant>> = Arc::default();
    let mut votes = JoinSet::new();
    for (cookie, last_view) in cookies.iter().zip(&last_views) {
        let mut mine: Vec<String> = Vec::new();
        while mine.len() < options.votes.min(targets.len()) {
            let target = &targets[random.below(targets.len())];
            if !mine.contains(target) {
                mine.push(target.clone());
            }
        }
        // A meeting whose setup ran late votes from the moment its vote opened.
        let start = window.start.max(vote_open);
        let moments: Vec<Instant> = mine
            .iter()
            .map(|_| start + Duration::from_secs_f64(random.unit() * options.vote_secs))
            .collect();
        let (http, base, code, cookie, tally, last_ack, last_view) = (
            http.clone(),
            base.clone(),
            meeting.code.clone(),
            cookie.clone(),
            tally.clone(),
            last_ack.clone(),
            last_view.clone(),
        );
        votes.spawn(async move {
            let mut placed = 0;
            let mut order: Vec<(Instant, String)> = moments.into_iter().zip(mine).collect();
            order.sort();
            for (at, target) in order {
                sleep_until(at.into()).await;
                let body = proto::envelope(
                    "set_dots",
                    json!({ "target": { "answer": target }, "dots": 1 }),
                );
                let answer =
                    proto::send(&http, &base, &code, Credential::Cookie(&cookie), &body).await;
                let mut tally = lock(&tally);
                tally.votes_sent += 1;
                if answer.status == 200 {
                    tally.votes_acked += 1;
                    tally.ack_ms.push(answer.latency_ms);
                    placed += 1;
                    let now = Instant::now();
                    let mut last = lock(&last_ack);
                    if last.is_none_or(|l| l < now) {
                        *last = Some(now);
                    }
                } else {
                    tally.error("vote", answer.status);
                }
            }
            (placed, last_view)
        });
    }
    let mut placed_by_phone = Vec::new();
    while let Some(done) = votes.join_next().await {
        if let Ok(done) = done {
            placed_by_phone.push(done);
        }
    }
    // Let the last frames arrive, then read the state as a fresh projector sees it.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut final_view = None;
    let _ = proto::follow(&http, &screen_url, None, None, true, |frame| {
        final_view = frame.view;
        false
    })
    .await;
    screen.abort();
    for stream in streams {
        stream.abort();
    }
    if options.phone_streams {
        let mut tally = lock(&tally);
        for (placed, last_view) in &placed_by_phone {
            tally.checked += 1;
            let dots = lock(last_view)
                .as_deref()
                .and_then(|v| serde_json::from_str::<Value>(v).ok())
                .and_then(|v| v["my_dots"].as_array().map(Vec::len));
            if dots == Some(*placed) {
                tally.converged += 1;
            }
        }
    }
    let final_view = final_view?;
    let last_ack = (*lock(&last_ack))?;
    let frames = lock(&frames);
    // The first frame from which on the projector showed the final state.
    let mut current_since = None;
    for (at, view) in frames.iter() {
        if *view == final_view {
            current_since.get_or_insert(*at);
        } else {
            current_since = None;
        }
    }
    let since = current_since?;
    Some(round(
        since.saturating_duration_since(last_ack).as_secs_f64() * 1000.0,
    ))
}

/// Joins, retrying as the phone's page does when the server asks it to wait.
async fn join(http: &Client, base: &str, code: &str, tally: &Shared<Tally>) -> Option<String> {
    let body = proto::envelope("join", json!({}));
    for attempt in 0..5u64 {
        let answer = proto::send(http, base, code, Credential::None, &body).await;
        if answer.status == 200 {
            let mut tally = lock(tally);
            tally.join_ms.push(answer.latency_ms);
            return answer.cookie;
        }
        lock(tally).error("join", answer.status);
        tokio::time::sleep(Duration::from_millis(200 * (attempt + 1))).await;
    }
    None
}

#[allow(clippy::too_many_arguments)]
async fn phone_stream(
    http: Client,
    url: String,
    cookie: String,
    last_view: Shared<Option<String>>,
    tally: Shared<Tally>,
    window: Window,
    reconnect: Option<Duration>,
    seed: u64,
) {
    let mut random = Random::new(seed);
    let mut last_id = None;
    loop {
        let until = reconnect.map(|every| Instant::now() + every.mul_f64(0.5 + random.unit()));
        let stream = proto::follow(&http, &url, Some(&cookie), last_id, true, |frame| {
            if window.contains(frame.at) {
                let mut tally = lock(&tally);
                tally.phone_frames += 1;
                tally.phone_bytes += frame.bytes;
            }
            last_id = Some(frame.seq);
            *lock(&last_view) = frame.view;
            true
        });
        match until {
            None => {
                let _ = stream.await;
                return;
            }
            Some(until) => {
                let _ = tokio::time::timeout_at(until.into(), stream).await;
                lock(&tally).reconnects += 1;
            }
        }
    }
}
