//! Several whole apps in one process (the tests do it all the time; several app nodes may do
//! it later): building one must never stall a page that another is rendering. Generating
//! Leptos's route list sets a process-wide flag in `leptos_server` that leaves every resource
//! first polled meanwhile pending for good (leptos#4773); a page caught by it answered 408
//! after 30 s, which CI saw as rare failures of `agenda_drafts` and `authority`.

use crate::common;

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use reqwest::StatusCode;

use common::{spawn_app, start_meeting_as};

#[tokio::test]
async fn building_more_apps_never_stalls_a_page_being_rendered() {
    let base = spawn_app().await;
    let (code, key) = start_meeting_as(&base, "Team A", "Møde", "Hvad lykkedes?").await;
    // Another thread builds the app's routes over and over, as apps starting beside this
    // one do.
    let done = Arc::new(AtomicBool::new(false));
    let builder = {
        let done = done.clone();
        std::thread::spawn(move || {
            // As in a server starting up: Leptos spawns on the Tokio runtime it runs in.
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            let _inside = runtime.enter();
            let mut built = 0u32;
            while !done.load(Ordering::Relaxed) {
                std::hint::black_box(server::route_list());
                built += 1;
            }
            built
        })
    };
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let mut stalled = Vec::new();
    for attempt in 0..30 {
        let page = client
            .get(format!("{base}/m/{code}/styring?k={key}"))
            .send()
            .await;
        match page {
            Ok(response) if response.status() == StatusCode::OK => {
                let html = response.text().await.unwrap_or_default();
                if !html.contains("skaerm?k=") {
                    stalled.push(format!("{attempt}: the console without its content"));
                }
            }
            Ok(response) => stalled.push(format!("{attempt}: {}", response.status())),
            Err(error) => stalled.push(format!("{attempt}: {error}")),
        }
        if !stalled.is_empty() {
            break;
        }
    }
    done.store(true, Ordering::Relaxed);
    let built = builder.join().expect("the builder thread");
    assert!(built > 0, "the routes were built meanwhile");
    assert!(stalled.is_empty(), "a page stalled: {stalled:?}");
}
