//! The real `samraad` binary as a test starts, kills and restarts it, on a data directory
//! of the test's own.

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

pub const BIN: &str = env!("CARGO_BIN_EXE_samraad");

pub fn samraad() -> Command {
    let mut command = Command::new(BIN);
    // The test's own environment must not leak settings into the server under test.
    for (name, _) in std::env::vars() {
        if name.starts_with("SAMRAAD_") {
            command.env_remove(name);
        }
    }
    command.env("RUST_LOG", "warn");
    command
}

pub fn run_to_end(command: &mut Command) -> Output {
    command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run samraad")
}

/// A directory of this test's own under the system temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "samraad-test-{name}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("free port")
}

pub fn start(data_dir: &TempDir, port: u16) -> Child {
    samraad()
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .arg("--data-dir")
        .arg(&data_dir.0)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start samraad")
}

pub async fn wait_healthy(port: u16) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(response) = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await
            && response.status().is_success()
        {
            return response.json().await.expect("health json");
        }
        assert!(Instant::now() < deadline, "server did not become healthy");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub fn terminate_and_wait(mut child: Child) -> std::process::ExitStatus {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "server did not stop after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The first frame of a stream (a view, or a ping when the client is current).
pub async fn first_frame(
    base: &str,
    code: &str,
    auth: (&str, &str),
    last: Option<u64>,
) -> serde_json::Value {
    let mut request = reqwest::Client::new()
        .get(format!("{base}/api/m/{code}/events"))
        .header(auth.0, auth.1);
    if let Some(last) = last {
        request = request.header("last-event-id", last.to_string());
    }
    let mut response = request.send().await.expect("stream");
    let mut raw = String::new();
    while !raw.contains("\n\n") {
        let chunk = tokio::time::timeout(Duration::from_secs(10), response.chunk())
            .await
            .expect("in time")
            .expect("chunk")
            .expect("open");
        raw.push_str(&String::from_utf8_lossy(&chunk));
    }
    let data = raw
        .lines()
        .find_map(|l| l.strip_prefix("data:"))
        .expect("data");
    serde_json::from_str(data.trim()).expect("json")
}
