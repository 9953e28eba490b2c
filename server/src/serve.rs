//! Serves the app on a socket with a deadline on every connection: headers must arrive within
//! `header` (which also closes a keep-alive connection left idle that long), and each request is
//! answered within its route's deadline (see `routes`). `axum::serve` sets no hyper timer, so the
//! connections are served here with hyper's own builder and hyper-util's Tokio timer.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tower::ServiceExt;

/// Deadlines, configurable in `[server]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// For a request's headers, and for the next request on an idle keep-alive connection.
    pub header: Duration,
    /// For an API request other than an upload, body included.
    pub request: Duration,
    /// For an upload (4 MB from a slow phone).
    pub upload: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self { header: Duration::from_secs(10), request: Duration::from_secs(20), upload: Duration::from_secs(120) }
    }
}

/// Accepts connections on `listener` until `shutdown` resolves, then waits up to 10 s for the
/// requests under way.
pub async fn serve(listener: tokio::net::TcpListener, app: Router, timeouts: Timeouts, shutdown: impl std::future::Future<Output = ()>) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(a) => a,
                    Err(e) => {
                        // Out of file descriptors, say: wait a moment rather than spin.
                        tracing::warn!(error = %e, "accept");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let app = app.clone();
                let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
                    request.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
                    app.clone().oneshot(request.map(axum::body::Body::new))
                });
                let mut builder = hyper::server::conn::http1::Builder::new();
                builder.timer(TokioTimer::new()).header_read_timeout(timeouts.header);
                let connection = builder.serve_connection(TokioIo::new(stream), service);
                let watched = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = watched.await;
                });
            }
            () = &mut shutdown => break,
        }
    }
    let _ = tokio::time::timeout(Duration::from_secs(10), graceful.shutdown()).await;
}
