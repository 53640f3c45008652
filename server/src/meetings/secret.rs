//! Keys and device tokens: 128 random bits, shown once, stored only as a SHA-256 hash and
//! compared in constant time.

use sha2::{Digest, Sha256};

/// A fresh secret: 128 bits from the operating system, as 32 lowercase hex characters.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

/// What is stored instead of the secret.
pub fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.trim().as_bytes()))
}

/// What is stored for a phone's device token in one meeting: bound to the meeting, so the
/// same token (were a phone to send one to two meetings) is stored differently in each.
pub fn device_hash(meeting_id: &str, token: &str) -> String {
    hash(&format!("samraad-device:{meeting_id}:{}", token.trim()))
}

/// Whether `secret` hashes to `stored`, taking the same time wherever they differ.
pub fn matches(secret: &str, stored: &str) -> bool {
    let candidate = hash(secret);
    let (a, b) = (candidate.as_bytes(), stored.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// A meeting's screen key, derived from the team's key so that the host can always show the
/// projector link again without the server storing either key. Knowing a screen key reveals
/// nothing about the team's key (SHA-256 is one-way).
pub fn screen_key(host_key: &str, meeting_id: &str) -> String {
    let digest =
        Sha256::digest(format!("samraad-screen:{}:{meeting_id}", host_key.trim()).as_bytes());
    hex(&digest[..16])
}

/// A team's calendar key of one generation, derived from the team's key like the screen key:
/// the team page can show the address again, a calendar never holds the team's key, and a
/// new generation makes the old address stop working.
pub fn calendar_key(team_key: &str, generation: i64) -> String {
    let digest =
        Sha256::digest(format!("samraad-calendar:{}:{generation}", team_key.trim()).as_bytes());
    hex(&digest[..16])
}

/// A random number for a meeting's shuffle.
pub fn random_u64() -> Result<u64, getrandom::Error> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)?;
    Ok(u64::from_le_bytes(bytes))
}

/// A random index below `bound`, for join codes.
pub fn random_below(bound: usize) -> Result<usize, getrandom::Error> {
    // 64 random bits modulo a small bound: the bias is far below anything a guesser can use.
    Ok((random_u64()? % bound as u64) as usize)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_128_bits_and_match_only_their_hash() {
        let secret = new_secret().expect("random");
        assert_eq!(secret.len(), 32);
        assert_ne!(secret, new_secret().expect("random"));
        let stored = hash(&secret);
        assert!(matches(&secret, &stored));
        assert!(!matches("not it", &stored));
        assert!(!matches(&secret, "short"));
    }
}
