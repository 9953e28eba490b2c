//! Domain verification against a small authoritative DNS server on 127.0.0.1, started by the
//! test, with records right, missing and wrong: the lookups are real DNS over UDP.

use std::net::SocketAddr;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use hickory_proto::op::{Message, ResponseCode};
use hickory_proto::rr::rdata::{A, CNAME, TXT};
use hickory_proto::rr::{Name, RData, Record};
use http_body_util::BodyExt;
use onramp_api::dns::{RecordKind, RecordStatus, Verification};
use onramp_api::{CreatedSignup, Problem};
use onramp_server::{app, challenge_token, AppState, Db};
use serde_json::json;
use tokio::net::UdpSocket;
use tower::ServiceExt;

/// Answers queries from `records` (name without the trailing dot, data); other names: NXDOMAIN.
async fn fake_dns(records: Vec<(String, RData)>) -> SocketAddr {
    let socket = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let addr = socket.local_addr().unwrap();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        loop {
            let Ok((len, peer)) = socket.recv_from(&mut buf).await else { return };
            let Ok(query) = Message::from_vec(&buf[..len]) else { continue };
            let mut answer = Message::response(query.metadata.id, query.metadata.op_code);
            answer.metadata.authoritative = true;
            let mut known = false;
            for q in &query.queries {
                answer.add_query(q.clone());
                let name = q.name().to_ascii().trim_end_matches('.').to_ascii_lowercase();
                for (owner, data) in &records {
                    if *owner == name {
                        known = true;
                        if data.record_type() == q.query_type() {
                            let owner = Name::from_ascii(format!("{owner}.")).unwrap();
                            answer.add_answer(Record::from_rdata(owner, 60, data.clone()));
                        }
                    }
                }
            }
            if !known {
                answer.metadata.response_code = ResponseCode::NXDomain;
            }
            let _ = socket.send_to(&answer.to_vec().unwrap(), peer).await;
        }
    });
    addr
}

struct Setup {
    _dir: tempfile::TempDir,
    router: axum::Router,
    signup: CreatedSignup,
}

async fn call(router: &axum::Router, req: Request<Body>) -> (StatusCode, Vec<u8>) {
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    (status, res.into_body().collect().await.unwrap().to_bytes().to_vec())
}

/// A draft with an own domain, and a server asking `resolver`.
async fn setup(resolver: SocketAddr, web: &str, handle: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(Db::open(&dir.path().join("db.sqlite3")).unwrap()).with_resolver(resolver);
    let router = app(state);
    let (_, body) = call(&router, Request::post("/api/v1/signups").body(Body::empty()).unwrap()).await;
    let signup: CreatedSignup = serde_json::from_slice(&body).unwrap();
    let patch = json!({
        "plan": {"plan_id": "organization", "billing": "monthly", "addons": []},
        "domain": {"mode": "custom", "web_domain": web, "handle_domain": handle},
    });
    let req = Request::patch(format!("/api/v1/signups/{}", signup.id))
        .header(header::AUTHORIZATION, format!("Bearer {}", signup.resume_token))
        .header(header::IF_MATCH, "\"1\"")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(patch.to_string()))
        .unwrap();
    let (status, body) = call(&router, req).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    Setup { _dir: dir, router, signup }
}

async fn verify(s: &Setup) -> (StatusCode, Vec<u8>) {
    let req = Request::post(format!("/api/v1/signups/{}/domain/verification", s.signup.id))
        .header(header::AUTHORIZATION, format!("Bearer {}", s.signup.resume_token))
        .body(Body::empty())
        .unwrap();
    call(&s.router, req).await
}

fn statuses(v: &Verification) -> Vec<(RecordKind, RecordStatus)> {
    v.records.iter().map(|r| (r.record.kind, r.status)).collect()
}

fn cname(target: &str) -> RData {
    RData::CNAME(CNAME(Name::from_ascii(format!("{target}.")).unwrap()))
}

#[tokio::test]
async fn every_record_right_verifies() {
    // The token depends on the draft id, so the DNS server learns it after the draft exists.
    let placeholder = fake_dns(vec![]).await;
    let s0 = setup(placeholder, "social.example.org", "example.org").await;
    let token = challenge_token(&s0.signup.id);
    let dns = fake_dns(vec![
        ("social.example.org".into(), cname("edge.social-host.example")),
        ("_onramp-challenge.social.example.org".into(), RData::TXT(TXT::new(vec![token]))),
    ])
    .await;
    let s = Setup { router: app(AppState::new(Db::open(&s0._dir.path().join("db.sqlite3")).unwrap()).with_resolver(dns)), ..s0 };
    let (status, body) = verify(&s).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let v: Verification = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        statuses(&v),
        [
            (RecordKind::Cname, RecordStatus::Ok),
            (RecordKind::Txt, RecordStatus::Ok),
            (RecordKind::Redirect, RecordStatus::Unchecked),
            (RecordKind::Redirect, RecordStatus::Unchecked),
        ]
    );
    assert!(v.verified);
}

#[tokio::test]
async fn wrong_and_missing_records_are_reported_with_what_was_found() {
    let dns = fake_dns(vec![
        ("social.example.org".into(), cname("old-host.example.net")),
        ("_onramp-challenge.social.example.org".into(), RData::TXT(TXT::new(vec!["onramp-verify=stale".into()]))),
    ])
    .await;
    let s = setup(dns, "social.example.org", "social.example.org").await;
    let (status, body) = verify(&s).await;
    assert_eq!(status, StatusCode::OK);
    let v: Verification = serde_json::from_slice(&body).unwrap();
    assert_eq!(statuses(&v), [(RecordKind::Cname, RecordStatus::Wrong), (RecordKind::Txt, RecordStatus::Wrong)]);
    assert_eq!(v.records[0].found, ["old-host.example.net"]);
    assert!(!v.verified);

    // An apex needs addresses: here one is right and one is missing, the token missing too.
    let dns = fake_dns(vec![("example.net".into(), RData::A(A("203.0.113.10".parse().unwrap())))]).await;
    let s = setup(dns, "example.net", "example.net").await;
    let v: Verification = serde_json::from_slice(&verify(&s).await.1).unwrap();
    assert_eq!(
        statuses(&v),
        [(RecordKind::A, RecordStatus::Ok), (RecordKind::Aaaa, RecordStatus::Missing), (RecordKind::Txt, RecordStatus::Missing)]
    );
}

#[tokio::test]
async fn a_resolver_that_does_not_answer_lists_the_records_unchecked() {
    // A bound socket that never answers, and a port where nothing listens.
    let silent = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let closed = UdpSocket::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap();
    for resolver in [silent.local_addr().unwrap(), closed] {
        let s = setup(resolver, "social.example.org", "social.example.org").await;
        let (status, body) = verify(&s).await;
        assert_eq!(status, StatusCode::OK);
        let v: Verification = serde_json::from_slice(&body).unwrap();
        assert!(!v.verified);
        assert!(v.lookup_error.clone().unwrap_or_default().contains("did not answer"));
        assert_eq!(statuses(&v), [(RecordKind::Cname, RecordStatus::Unchecked), (RecordKind::Txt, RecordStatus::Unchecked)]);
        assert_eq!(v.records[1].record.value, challenge_token(&s.signup.id));
    }
}

#[tokio::test]
async fn a_subdomain_of_ours_needs_no_records() {
    let dns = fake_dns(vec![]).await;
    let s = setup(dns, "social.example.org", "social.example.org").await;
    let patch = json!({"domain": {"mode": "subdomain", "web_domain": "acme.social-host.example", "handle_domain": "acme.social-host.example"}});
    let req = Request::patch(format!("/api/v1/signups/{}", s.signup.id))
        .header(header::AUTHORIZATION, format!("Bearer {}", s.signup.resume_token))
        .header(header::IF_MATCH, "\"2\"")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(patch.to_string()))
        .unwrap();
    assert_eq!(call(&s.router, req).await.0, StatusCode::OK);
    let (status, body) = verify(&s).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let _: Problem = serde_json::from_slice(&body).unwrap();
}
