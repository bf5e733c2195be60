//! The connection loop: accepting connections within limits and serving HTTP/1.1 on each with
//! time-outs, so that slow or idle clients cannot exhaust the server (findings H-5 of the
//! security review: 20,000 half-open connections from one client exhausted its file
//! descriptors and locked every user out).
//!
//! `axum::serve` has no header-read time-out and no cap on connections, so Peel runs hyper's
//! HTTP/1 connection itself: each connection must send a request's headers within
//! `header_read_timeout` (also while idle between requests), at most `max_connections`
//! are open at once, and at most `max_connections_per_address` from one address. A connection
//! past either cap is closed at once, before anything is read. Request bodies are read within
//! the request time-out of the router.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tower::ServiceExt;

use crate::state::WebConfig;

/// Open connections, in all and per address.
#[derive(Debug, Default)]
struct Open {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

/// A connection's place among the open ones; given back when dropped.
struct Slot {
    open: Arc<Mutex<Open>>,
    address: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Ok(mut open) = self.open.lock() {
            open.total = open.total.saturating_sub(1);
            if let Some(n) = open.by_address.get_mut(&self.address) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    open.by_address.remove(&self.address);
                }
            }
        }
    }
}

fn admit(open: &Arc<Mutex<Open>>, address: IpAddr, config: &WebConfig) -> Option<Slot> {
    let mut guard = open.lock().ok()?;
    let from_address = guard.by_address.get(&address).copied().unwrap_or(0);
    if guard.total >= config.max_connections || from_address >= config.max_connections_per_address {
        return None;
    }
    guard.total += 1;
    *guard.by_address.entry(address).or_insert(0) += 1;
    Some(Slot {
        open: Arc::clone(open),
        address,
    })
}

/// Serves `router` on `listener` until `shutdown` completes, then lets the requests in flight
/// finish (for at most the request time-out).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    config: &WebConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let open = Arc::new(Mutex::new(Open::default()));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut refused_logged = std::time::Instant::now() - std::time::Duration::from_secs(60);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, remote) = match accepted {
            Ok(pair) => pair,
            Err(error) => {
                // Out of file descriptors, say: wait a moment rather than spin.
                tracing::error!(%error, "could not accept a connection");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let Some(slot) = admit(&open, remote.ip(), config) else {
            if refused_logged.elapsed() >= std::time::Duration::from_secs(10) {
                tracing::warn!(address = %remote.ip(), "connection refused: too many open connections");
                refused_logged = std::time::Instant::now();
            }
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request
                .extensions_mut()
                .insert(ConnectInfo::<SocketAddr>(remote));
            router.clone().oneshot(request)
        });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(config.header_read_timeout)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _slot = slot;
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(config.request_timeout, graceful.shutdown()).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_are_capped_in_all_and_per_address_and_freed_when_closed() {
        let config = WebConfig {
            max_connections: 3,
            max_connections_per_address: 2,
            ..WebConfig::default()
        };
        let open = Arc::new(Mutex::new(Open::default()));
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let first = admit(&open, a, &config).unwrap();
        let _second = admit(&open, a, &config).unwrap();
        assert!(admit(&open, a, &config).is_none(), "per address");
        let _third = admit(&open, b, &config).unwrap();
        assert!(admit(&open, b, &config).is_none(), "in all");
        drop(first);
        assert!(admit(&open, b, &config).is_some());
    }
}
