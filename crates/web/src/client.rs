//! The client's network address, for limits and throttles: the peer, or, behind a trusted
//! proxy, the address the proxy appended last to `X-Forwarded-For` (earlier entries can be
//! forged by the client). Every limit reads the address here, so none of them sees the proxy's
//! address for everyone behind it (finding M-7 of the security review).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::state::AppState;

/// Where a request came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    /// The address for `peer` and these headers under the server's settings.
    pub fn of(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> ClientAddress {
        if state.config().trust_forwarded_for {
            // Only the very last entry is the proxy's own; if it is not an address, trust
            // nothing of it.
            let forwarded = headers
                .get_all("x-forwarded-for")
                .iter()
                .next_back()
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.rsplit(',').next())
                .and_then(|entry| entry.trim().parse::<IpAddr>().ok());
            if let Some(address) = forwarded {
                return ClientAddress(address);
            }
        }
        ClientAddress(peer.map_or(IpAddr::from([0, 0, 0, 0]), |p| p.ip()))
    }
}

impl std::fmt::Display for ClientAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ClientAddress, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0);
        Ok(ClientAddress::of(state, &parts.headers, peer))
    }
}
