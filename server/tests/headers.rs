//! Security, caching and compression headers of the reference server.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use onramp_server::{app, AppState, Db};
use tower::ServiceExt;

fn get(path: &str) -> Request<Body> {
    Request::get(path).header(header::ACCEPT_ENCODING, "br, gzip").body(Body::empty()).unwrap()
}

/// A built app with `files` in `dist/`, and a database beside it.
fn built(files: &[(&str, &[u8])]) -> (tempfile::TempDir, std::path::PathBuf, Db) {
    let dir = tempfile::tempdir().expect("dir");
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).expect("dist");
    for (name, bytes) in files {
        std::fs::write(dist.join(name), bytes).expect("file");
    }
    let db = Db::open(&dir.path().join("db.sqlite3")).expect("db");
    (dir, dist, db)
}

#[tokio::test]
async fn pages_assets_and_api_carry_the_right_headers() {
    let (_dir, dist, db) = built(&[
        ("index.html", b"<!DOCTYPE html><html><head><script type=\"module\">alert(1)</script></head><body></body></html>"),
        ("onramp-0123456789abcdef_bg.wasm", &[0u8; 4096]),
    ]);
    let router = app(AppState::new(db).with_static_dir(dist).with_hsts());

    let page = router.clone().oneshot(get("/branding")).await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let h = page.headers();
    let csp = h.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("report-uri /api/v1/csp-reports"));
    assert_eq!(h.get(header::X_CONTENT_TYPE_OPTIONS).and_then(|v| v.to_str().ok()), Some("nosniff"));
    assert_eq!(h.get(header::REFERRER_POLICY).and_then(|v| v.to_str().ok()), Some("no-referrer"));
    assert_eq!(h.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-cache"));
    assert!(h.get(header::STRICT_TRANSPORT_SECURITY).is_some());
    assert!(h.get("permissions-policy").is_some());

    let wasm = router.clone().oneshot(get("/onramp-0123456789abcdef_bg.wasm")).await.expect("wasm");
    let h = wasm.headers();
    assert_eq!(h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()), Some("application/wasm"));
    assert_eq!(h.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("public, max-age=31536000, immutable"));
    assert_eq!(h.get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()), Some("br"));

    let api = router.clone().oneshot(get("/api/v1/catalog")).await.expect("api");
    let h = api.headers();
    assert_eq!(h.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()), Some("default-src 'none'; frame-ancestors 'none'"));
    assert_eq!(h.get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()), Some("br"));

    let report = router
        .oneshot(Request::post("/api/v1/csp-reports").header(header::CONTENT_TYPE, "application/csp-report").body(Body::from("{\"csp-report\":{}}")).unwrap())
        .await
        .expect("report");
    assert_eq!(report.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn draft_creation_and_availability_checks_are_rate_limited() {
    let dir = tempfile::tempdir().expect("dir");
    let db = Db::open(&dir.path().join("db.sqlite3")).expect("db");
    let limits = onramp_server::limit::Limits { availability_per_min: 3, create_per_min: 2, ..Default::default() };
    let router = app(AppState::new(db).with_limits(limits));
    let create = || Request::post("/api/v1/signups").body(Body::empty()).unwrap();
    for _ in 0..2 {
        assert_eq!(router.clone().oneshot(create()).await.expect("create").status(), StatusCode::CREATED);
    }
    let refused = router.clone().oneshot(create()).await.expect("create");
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()), Some(onramp_api::PROBLEM_JSON));
    assert_eq!(refused.headers().get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()), Some("30"));
    let check = || Request::get("/api/v1/domains/availability?name=abc&base=social-host.example").body(Body::empty()).unwrap();
    for _ in 0..3 {
        assert_eq!(router.clone().oneshot(check()).await.expect("check").status(), StatusCode::OK);
    }
    assert_eq!(router.clone().oneshot(check()).await.expect("check").status(), StatusCode::TOO_MANY_REQUESTS);
    // Reading the catalogue is not limited.
    assert_eq!(router.oneshot(get("/api/v1/catalog")).await.expect("catalog").status(), StatusCode::OK);
}

#[tokio::test]
async fn a_rebuild_under_a_running_server_gets_its_own_script_hash() {
    let (_dir, dist, db) = built(&[("index.html", b"<script type=\"module\">alert(1)</script>")]);
    let router = app(AppState::new(db).with_static_dir(dist.clone()));
    // A page is served (the policy is computed and kept), then the app is rebuilt with a new
    // bootstrap script (file times are coarse: a rebuild is never this fast).
    let first = router.clone().oneshot(Request::get("/plan").body(Body::empty()).unwrap()).await.expect("page");
    let old = onramp_server::headers::inline_script_hashes("<script type=\"module\">alert(1)</script>");
    let csp = first.headers().get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(old.first().is_some_and(|h| csp.contains(h.as_str())), "{csp}");
    std::thread::sleep(std::time::Duration::from_millis(50));
    std::fs::write(dist.join("index.html"), "<script type=\"module\">alert(2)</script>").expect("index");
    let expected = onramp_server::headers::inline_script_hashes("<script type=\"module\">alert(2)</script>");
    let rebuilt = router.clone().oneshot(Request::get("/plan").body(Body::empty()).unwrap()).await.expect("page");
    let tag = rebuilt.headers().get(header::ETAG).cloned().expect("the page has an ETag");
    let page = router
        .oneshot(Request::get("/plan").header(header::IF_NONE_MATCH, tag).body(Body::empty()).unwrap())
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::NOT_MODIFIED, "a revalidation");
    let csp = page.headers().get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(expected.first().is_some_and(|h| csp.contains(h.as_str())), "{csp}");
}

#[tokio::test]
async fn precompressed_files_are_sent_as_they_are() {
    use http_body_util::BodyExt;
    let (_dir, dist, db) = built(&[
        ("index.html", b"<!DOCTYPE html><html><body></body></html>"),
        ("onramp-0123456789abcdef_bg.wasm", &[0u8; 4096]),
        ("onramp-0123456789abcdef_bg.wasm.br", b"built-brotli"),
    ]);
    let router = app(AppState::new(db).with_static_dir(dist));
    let r = router.clone().oneshot(get("/onramp-0123456789abcdef_bg.wasm")).await.expect("wasm");
    assert_eq!(r.headers().get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()), Some("br"));
    assert_eq!(r.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()), Some("application/wasm"));
    assert_eq!(r.into_body().collect().await.expect("body").to_bytes().as_ref(), b"built-brotli", "the build's file, not a new compression");
    // Without a precompressed copy (index.html here), the response is compressed on the way.
    let page = router.oneshot(get("/plan")).await.expect("page");
    assert_eq!(page.headers().get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()), Some("br"));
}
