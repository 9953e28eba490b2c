//! The conformance suite against the reference server over a real socket (every check passes,
//! or is skipped for a setting this run does not make), and against a copy broken on purpose
//! (it skips the `If-Match` check): the suite must catch that.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use onramp_conformance::{Outcome, Report, Target};
use onramp_server::{app, AppState, Db};
use tower::ServiceExt;

async fn run_against(router: Router) -> Report {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    let target = Target { base_url: format!("http://{addr}"), partner: Some("example-university".into()), ..Default::default() };
    let report = tokio::task::spawn_blocking(move || onramp_conformance::run(&target, &mut |_| {}).expect("the suite runs")).await.expect("join");
    server.abort();
    report
}

fn failures(report: &Report) -> Vec<String> {
    report.results.iter().filter(|r| matches!(r.outcome, Outcome::Fail(_))).map(|r| r.render()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reference_server_passes_the_suite() {
    let dir = tempfile::tempdir().expect("dir");
    let report = run_against(app(AppState::new(Db::open(&dir.path().join("db.sqlite3")).expect("db")))).await;
    assert_eq!(failures(&report), Vec::<String>::new(), "{}", report.summary());
    assert!(report.passed() >= 90, "{}", report.summary());
    // What this run cannot check is skipped, and says how to enable it.
    let skipped: Vec<&str> = report.results.iter().filter(|r| matches!(r.outcome, Outcome::Skip(_))).map(|r| r.name.as_str()).collect();
    assert_eq!(skipped, ["provider", "limits.expired_draft_410", "limits.rate_limited_429_with_retry_after"]);
}

/// Sets `If-Match` on every draft change to the draft's current version, as a backend that does
/// not check it would behave.
async fn skip_if_match(State(inner): State<Router>, mut request: Request, next: Next) -> Response {
    if request.method() == axum::http::Method::PATCH {
        let read = Request::get(request.uri().path())
            .header("Authorization", request.headers().get("Authorization").cloned().unwrap_or(axum::http::HeaderValue::from_static("")))
            .body(axum::body::Body::empty())
            .expect("request");
        let Ok(current) = inner.oneshot(read).await;
        if let Some(tag) = current.headers().get("ETag").cloned() {
            request.headers_mut().insert("If-Match", tag);
        }
    }
    next.run(request).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_skips_the_if_match_check_is_caught() {
    let dir = tempfile::tempdir().expect("dir");
    let inner = app(AppState::new(Db::open(&dir.path().join("db.sqlite3")).expect("db")));
    let broken = inner.clone().layer(axum::middleware::from_fn_with_state(inner, skip_if_match));
    let report = run_against(broken).await;
    for name in ["signups.patch_without_if_match_428", "signups.patch_lost_update_409"] {
        let result = report.get(name).unwrap_or_else(|| panic!("{name} ran"));
        assert!(matches!(result.outcome, Outcome::Fail(_)), "{name} must fail against a server without If-Match: {}", result.render());
    }
    assert!(report.get("signups.read_200_with_etag").is_some_and(|r| r.outcome == Outcome::Pass), "the rest still passes");
}
