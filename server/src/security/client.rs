//! Who a request comes from, as the limits count it. Directly connected clients are their
//! socket address; behind a reverse proxy that is configured as trusted
//! (`SAMRAAD_TRUSTED_PROXIES`), the address the proxy saw, from `X-Forwarded-For`. A header
//! from anyone else is ignored, so no client can pick its own address. IPv6 clients are
//! grouped by their /64 network: one home or phone gets a whole /64 to choose from.

use std::{
    fmt,
    net::{IpAddr, Ipv6Addr, SocketAddr},
    str::FromStr,
};

use axum::{
    extract::{ConnectInfo, Request},
    http::HeaderMap,
};

/// The address (IPv4) or network (IPv6 /64) that limits are counted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientKey(IpAddr);

impl ClientKey {
    pub fn of(address: IpAddr) -> Self {
        match address {
            IpAddr::V4(v4) => Self(IpAddr::V4(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self(IpAddr::V4(v4)),
                None => {
                    let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                    Self(IpAddr::V6(Ipv6Addr::from(prefix)))
                }
            },
        }
    }
}

impl fmt::Display for ClientKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            IpAddr::V4(v4) => v4.fmt(f),
            IpAddr::V6(v6) => write!(f, "{v6}/64"),
        }
    }
}

/// One network in CIDR notation (`10.0.0.0/8`, `::1/128`, or a single address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    address: IpAddr,
    prefix: u8,
}

impl Network {
    pub fn contains(&self, candidate: IpAddr) -> bool {
        let candidate = match candidate {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(candidate, IpAddr::V4),
            v4 => v4,
        };
        match (self.address, candidate) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl FromStr for Network {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (address, prefix) = match text.trim().split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text.trim(), None),
        };
        let address: IpAddr = address
            .parse()
            .map_err(|_| format!("`{text}` is not an IP address or network"))?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(prefix) => prefix
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("`{text}` has a prefix length outside 0–{max}"))?,
            None => max,
        };
        Ok(Self { address, prefix })
    }
}

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<Network>);

impl TrustedProxies {
    pub fn new(networks: Vec<Network>) -> Self {
        Self(networks)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(address))
    }

    /// The client's address: the socket's, unless that is a trusted proxy; then the last
    /// address in `X-Forwarded-For` that is not itself a trusted proxy (each proxy appends
    /// the address it saw, so the ones before that may be made up by the client).
    pub fn client_address(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|part| part.trim().parse().ok())
            .collect();
        forwarded
            .into_iter()
            .rev()
            .find(|address| !self.trusts(*address))
            .unwrap_or(peer)
    }
}

/// The client of a request, as the middleware in `lib.rs` found it (in the extensions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client(pub ClientKey);

/// The client of a request. A request without a socket address (a test that calls the
/// router directly) counts as the unspecified address.
pub fn client_of(request: &Request) -> ClientKey {
    if let Some(Client(key)) = request.extensions().get::<Client>() {
        return *key;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(addr)| addr.ip());
    ClientKey::of(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_count_by_their_64_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().expect("ip");
        let c: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(ClientKey::of(a), ClientKey::of(b));
        assert_ne!(ClientKey::of(a), ClientKey::of(c));
        let mapped: IpAddr = "::ffff:10.0.0.7".parse().expect("ip");
        assert_eq!(ClientKey::of(mapped), ClientKey::of([10, 0, 0, 7].into()));
        assert_eq!(ClientKey::of(a).to_string(), "2001:db8:1:2::/64");
    }

    #[test]
    fn forwarded_addresses_count_only_from_a_trusted_proxy() {
        let proxies = TrustedProxies::new(vec![
            "10.0.0.0/8".parse().expect("net"),
            "::1".parse().expect("net"),
        ]);
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "6.6.6.6, 192.0.2.44, 10.1.1.1".parse().expect("h"),
        );
        let proxy: IpAddr = [10, 0, 0, 2].into();
        assert_eq!(
            proxies.client_address(proxy, &headers),
            IpAddr::from([192, 0, 2, 44]),
            "the last address a trusted proxy saw, not the one the client made up"
        );
        let stranger: IpAddr = [198, 51, 100, 9].into();
        assert_eq!(proxies.client_address(stranger, &headers), stranger);
        assert_eq!(
            TrustedProxies::default().client_address(proxy, &headers),
            proxy
        );
        assert!("10.0.0.0/33".parse::<Network>().is_err());
        assert!("nonsense".parse::<Network>().is_err());
        assert!(
            "0.0.0.0/0"
                .parse::<Network>()
                .expect("net")
                .contains([1, 2, 3, 4].into())
        );
    }
}
