//! Embedding partners (with `--partner ID`): their settings, the public embed check for an
//! allowed and a refused origin, a draft started for them, and funnel events.

use serde_json::json;

use crate::http::Body;
use crate::suite::{random_hex, Suite};

/// Runs this group.
pub fn run(s: &mut Suite) {
    s.check("events.a_batch_204", |s| {
        let batch = json!({"session": random_hex(32), "events": [{"kind": "step_entered", "step": "plan"}]});
        s.api.send("POST", "/events", "/events", &[], Some(Body::Json(batch)))?.want(204).map(|_| ())
    });
    s.check("events.a_typed_value_is_refused_400", |s| {
        let batch = json!({"session": "alice@example.org", "events": [{"kind": "step_entered", "step": "plan"}]});
        s.api.send("POST", "/events", "/events", &[], Some(Body::Json(batch)))?.want(400).map(|_| ())
    });
    s.check("partners.unknown_partner_404", |s| {
        s.api.send("GET", &format!("/partners/nobody-{}", random_hex(8)), "/partners/{id}", &[], None)?.want(404).map(|_| ())
    });
    let Some(id) = s.target.partner.clone() else {
        s.skip("partners", "give --partner ID (a partner configured on the backend) to check its settings, its embed check and a draft for it");
        return;
    };
    let mut origin = None;
    s.check("partners.settings_200", |s| {
        let reply = s.api.send("GET", &format!("/partners/{id}"), "/partners/{id}", &[], None)?;
        reply.want(200)?;
        origin = reply.json().and_then(|j| j["allowed_origins"][0].as_str().map(str::to_owned));
        origin.as_ref().map(|_| ()).ok_or_else(|| "the partner allows no origin".to_owned())
    });
    let check = |s: &Suite, partner: &str, origin: &str| -> Result<serde_json::Value, String> {
        let path = format!("/partners/{partner}/embed-check?origin={}", origin.replace(':', "%3A").replace('/', "%2F"));
        let reply = s.api.send("GET", &path, "/partners/{id}/embed-check", &[], None)?;
        reply.want(200)?;
        if reply.header("access-control-allow-origin").as_deref() != Some("*") {
            return Err("no Access-Control-Allow-Origin: * (a partner's page cannot read the answer)".into());
        }
        reply.json().ok_or_else(|| "not JSON".to_owned())
    };
    if let Some(origin) = origin {
        s.check("partners.embed_check_allowed_origin", |s| {
            let answer = check(s, &id, &origin)?;
            if answer["status"] != "ok" {
                return Err(format!("{origin} is allowed, but the check says {}", answer["status"]));
            }
            Ok(())
        });
    }
    s.check("partners.embed_check_refused_origin", |s| {
        let answer = check(s, &id, "https://not-allowed.invalid")?;
        if answer["status"] != "origin_not_allowed" || !answer["message"].as_str().unwrap_or_default().contains("https://not-allowed.invalid") {
            return Err(format!("expected origin_not_allowed naming the origin, got {answer}"));
        }
        Ok(())
    });
    s.check("partners.draft_for_the_partner_201", |s| {
        s.api.send("POST", "/signups", "/signups", &[], Some(Body::Json(json!({"partner": id}))))?.want(201).map(|_| ())
    });
}
