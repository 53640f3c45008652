//! How much one address, and everyone together, may make the server hold or do: new
//! meetings and joins per address (token buckets), open streams per address and in all,
//! connections per address and in all (counted in `serve`). Each limit answers 429 or 503
//! with a sentence in the person's language; the defaults are in the README and
//! docs/security.md and every one is a setting.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};

use super::client::ClientKey;

/// The limits, from the configuration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// New meetings one address may start at once, and per minute after that.
    pub starts_burst: u32,
    pub starts_per_minute: u32,
    /// Joins one address may make at once (a whole hall behind one school router), and per
    /// minute after that.
    pub joins_burst: u32,
    pub joins_per_minute: u32,
    pub max_participants: u32,
    pub max_connections: usize,
    pub max_connections_per_client: usize,
    pub max_streams: usize,
    pub max_streams_per_client: usize,
    /// How long a client may take to send a request's headers.
    pub header_read_timeout: Duration,
    /// Most commands one meeting's writer stores in one commit (1: one commit per command,
    /// as the old live core did; for benchmarks).
    pub writer_batch: usize,
    /// How streams are sent views (`PerStream`: the old way, for benchmarks).
    pub fanout: crate::meetings::live::Fanout,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            starts_burst: 20,
            starts_per_minute: 20,
            joins_burst: 600,
            joins_per_minute: 300,
            max_participants: 5_000,
            max_connections: 20_000,
            max_connections_per_client: 4_000,
            max_streams: 15_000,
            max_streams_per_client: 3_000,
            header_read_timeout: Duration::from_secs(10),
            writer_batch: crate::meetings::writer::MAX_BATCH,
            fanout: crate::meetings::live::Fanout::Shared,
        }
    }
}

/// Past this many remembered addresses, those whose bucket is full again are forgotten.
const MAX_REMEMBERED: usize = 10_000;

/// A token bucket per address: `burst` at once, refilled at `per_minute`.
pub struct RateLimit {
    burst: f64,
    per_second: f64,
    buckets: Mutex<HashMap<ClientKey, (f64, Instant)>>,
}

impl RateLimit {
    pub fn new(burst: u32, per_minute: u32) -> Self {
        Self {
            burst: f64::from(burst.max(1)),
            per_second: f64::from(per_minute) / 60.0,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `client`; false when there is none left.
    pub fn allow(&self, client: ClientKey, now: Instant) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() > MAX_REMEMBERED {
            let (burst, rate) = (self.burst, self.per_second);
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.saturating_duration_since(*at).as_secs_f64() * rate < burst
            });
        }
        let (tokens, at) = buckets.entry(client).or_insert((self.burst, now));
        let refilled = now.saturating_duration_since(*at).as_secs_f64() * self.per_second;
        *tokens = (*tokens + refilled).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Counts what is open (streams, connections) per address and in all.
#[derive(Clone)]
pub struct Slots {
    max_total: usize,
    max_per_client: usize,
    open: Arc<Mutex<(usize, HashMap<ClientKey, usize>)>>,
}

/// One open slot; freed when dropped.
pub struct Slot {
    slots: Slots,
    client: ClientKey,
}

impl Slots {
    pub fn new(max_total: usize, max_per_client: usize) -> Self {
        Self {
            max_total,
            max_per_client,
            open: Arc::new(Mutex::new((0, HashMap::new()))),
        }
    }

    pub fn acquire(&self, client: ClientKey) -> Option<Slot> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let (total, per_client) = &mut *open;
        let mine = per_client.entry(client).or_insert(0);
        if *total >= self.max_total || *mine >= self.max_per_client {
            if *mine == 0 {
                per_client.remove(&client);
            }
            return None;
        }
        *mine += 1;
        *total += 1;
        Some(Slot {
            slots: self.clone(),
            client,
        })
    }

    pub fn open(&self) -> usize {
        self.open.lock().unwrap_or_else(PoisonError::into_inner).0
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self
            .slots
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (total, per_client) = &mut *open;
        *total = total.saturating_sub(1);
        if let Some(mine) = per_client.get_mut(&self.client) {
            *mine = mine.saturating_sub(1);
            if *mine == 0 {
                per_client.remove(&self.client);
            }
        }
    }
}

/// The limits in force while the server runs.
pub struct Limiter {
    pub limits: Limits,
    pub starts: RateLimit,
    pub joins: RateLimit,
    pub streams: Slots,
}

impl Limiter {
    pub fn new(limits: Limits) -> Self {
        Self {
            starts: RateLimit::new(limits.starts_burst, limits.starts_per_minute),
            joins: RateLimit::new(limits.joins_burst, limits.joins_per_minute),
            streams: Slots::new(limits.max_streams, limits.max_streams_per_client),
            limits,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(last: u8) -> ClientKey {
        ClientKey::of([192, 0, 2, last].into())
    }

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate() {
        let limit = RateLimit::new(3, 60);
        let start = Instant::now();
        assert!((0..3).all(|_| limit.allow(client(1), start)));
        assert!(!limit.allow(client(1), start));
        assert!(limit.allow(client(2), start), "another address has its own");
        assert!(limit.allow(client(1), start + Duration::from_secs(1)));
        assert!(!limit.allow(client(1), start + Duration::from_secs(1)));
    }

    #[test]
    fn slots_are_counted_per_address_and_in_all_and_freed_on_drop() {
        let slots = Slots::new(3, 2);
        let a1 = slots.acquire(client(1)).expect("first");
        let a2 = slots.acquire(client(1)).expect("second");
        assert!(slots.acquire(client(1)).is_none(), "per address");
        let b1 = slots.acquire(client(2)).expect("other address");
        assert!(slots.acquire(client(3)).is_none(), "in all");
        drop(a1);
        assert!(slots.acquire(client(3)).is_some());
        drop((a2, b1));
        assert_eq!(slots.open(), 0);
    }
}
