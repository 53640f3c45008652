//! Server-rendered pages under load: a phone's meeting page fetched by many at once, and
//! how soon a restarted server serves its first meeting.

use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::json;
use tokio::task::JoinSet;

use crate::{
    measure::{Spread, round, spread},
    proto::{self, Credential},
};

#[derive(Debug, Default, Serialize)]
pub struct PagesOutcome {
    pub concurrency: usize,
    pub seconds: f64,
    pub requests: usize,
    pub failures: usize,
    pub requests_per_s: f64,
    pub page_ms: Spread,
    pub page_bytes: usize,
}

/// `concurrency` phones load their meeting page again and again for `seconds`.
pub async fn phone_page(
    base: &str,
    concurrency: usize,
    seconds: f64,
) -> Result<PagesOutcome, String> {
    let http = proto::client(concurrency);
    let meeting = proto::start_meeting(&http, base, "Sidebelastning", false).await?;
    let join = proto::envelope("join", json!({}));
    let joined = proto::send(&http, base, &meeting.code, Credential::None, &join).await;
    let cookie = joined.cookie.ok_or("the join set no cookie")?;
    let url = format!("{base}/m/{}", meeting.code);
    let end = Instant::now() + Duration::from_secs_f64(seconds);
    let mut workers = JoinSet::new();
    for _ in 0..concurrency {
        let (http, url, cookie) = (http.clone(), url.clone(), cookie.clone());
        workers.spawn(async move {
            let (mut times, mut failures, mut bytes) = (Vec::new(), 0, 0);
            while Instant::now() < end {
                let started = Instant::now();
                let response = http
                    .get(&url)
                    .header(reqwest::header::COOKIE, &cookie)
                    .send()
                    .await;
                match response {
                    Ok(r) if r.status().is_success() => match r.bytes().await {
                        Ok(body) => {
                            bytes = body.len();
                            times.push(proto::ms_since(started));
                        }
                        Err(_) => failures += 1,
                    },
                    _ => failures += 1,
                }
            }
            (times, failures, bytes)
        });
    }
    let mut all = Vec::new();
    let mut outcome = PagesOutcome {
        concurrency,
        seconds,
        ..PagesOutcome::default()
    };
    while let Some(Ok((times, failures, bytes))) = workers.join_next().await {
        all.extend(times);
        outcome.failures += failures;
        outcome.page_bytes = outcome.page_bytes.max(bytes);
    }
    outcome.requests = all.len();
    outcome.requests_per_s = round(all.len() as f64 / seconds);
    outcome.page_ms = spread(&all);
    Ok(outcome)
}

/// Starts `count` meetings, each with one phone and one answer, `concurrency` at a time.
/// Prints one code per line (the first is used to time a restart).
pub async fn fill(base: &str, count: usize, concurrency: usize) -> Result<Vec<String>, String> {
    let http = proto::client(concurrency);
    let mut codes = Vec::with_capacity(count);
    let mut running = JoinSet::new();
    let mut started = 0;
    while started < count || !running.is_empty() {
        while started < count && running.len() < concurrency {
            let (http, base) = (http.clone(), base.to_owned());
            running.spawn(async move {
                let meeting = proto::start_meeting(&http, &base, "Gemt møde", false).await?;
                let joined = proto::send(
                    &http,
                    &base,
                    &meeting.code,
                    Credential::None,
                    &proto::envelope("join", json!({})),
                )
                .await;
                let cookie = joined.cookie.ok_or("no cookie")?;
                let go = proto::envelope("go_to", json!({ "step": 0, "phase": "reflect" }));
                proto::send(
                    &http,
                    &base,
                    &meeting.code,
                    Credential::Key(&meeting.host_key),
                    &go,
                )
                .await;
                let answer = proto::envelope(
                    "submit_answer",
                    json!({ "answer": uuid::Uuid::new_v4().to_string(), "text": "Et svar" }),
                );
                proto::send(
                    &http,
                    &base,
                    &meeting.code,
                    Credential::Cookie(&cookie),
                    &answer,
                )
                .await;
                Ok::<_, String>(meeting.code)
            });
            started += 1;
        }
        if let Some(done) = running.join_next().await {
            codes.push(done.map_err(|e| e.to_string())??);
        }
    }
    Ok(codes)
}

/// Polls `url` until it answers 200; the milliseconds since `since`.
pub async fn wait_for(url: &str, since: Instant, timeout: Duration) -> Result<f64, String> {
    let http = proto::client(1);
    while since.elapsed() < timeout {
        if let Ok(response) = http.get(url).send().await
            && response.status().is_success()
        {
            return Ok(proto::ms_since(since));
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Err(format!("{url} did not answer within {timeout:?}"))
}
