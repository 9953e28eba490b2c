//! The catalogue, and drafts: creating, reading by token (and not without one, or with another),
//! versions with `If-Match`, bodies that are not JSON, too large, or JSON of the wrong shape.

use serde_json::{json, Value};

use super::common::{create, patch, patch_current};
use crate::http::Body;
use crate::suite::{random_hex, Draft, Suite};

/// Runs this group.
pub fn run(s: &mut Suite) {
    s.check("catalog.get", |s| {
        let reply = s.api.send("GET", "/catalog", "/catalog", &[], None)?;
        reply.want(200)?;
        let catalog: onramp_api::Catalog = serde_json::from_slice(&reply.body).map_err(|e| format!("not a catalogue: {e}"))?;
        if catalog.plans.is_empty() {
            return Err("the catalogue offers no plan".into());
        }
        s.catalog = Some(catalog);
        Ok(())
    });
    let mut draft: Option<Draft> = None;
    s.check("signups.create_201", |s| {
        let reply = s.api.send("POST", "/signups", "/signups", &[], None)?;
        reply.want(201)?;
        let json = reply.json().ok_or("not JSON")?;
        let id = json["id"].as_str().ok_or("no id")?.to_owned();
        let location = reply.header("location").ok_or("no Location header")?;
        if !location.ends_with(&format!("/signups/{id}")) {
            return Err(format!("Location {location} is not the draft's address"));
        }
        draft = Some(Draft { id, token: json["resume_token"].as_str().ok_or("no resume_token")?.to_owned(), version: json["version"].as_u64().ok_or("no version")? });
        Ok(())
    });
    let Some(mut d) = draft else { return };
    let d2 = create(s, None).ok();

    s.check("signups.read_200_with_etag", |s| {
        let reply = s.api.send("GET", &format!("/signups/{}", d.id), "/signups/{id}", &[d.auth()], None)?;
        reply.want(200)?;
        let tag = reply.header("etag").ok_or("no ETag")?;
        if tag != onramp_api::etag(d.version) {
            return Err(format!("ETag {tag} is not the version {}", d.version));
        }
        Ok(())
    });
    s.check("signups.read_without_token_401", |s| {
        s.api.send("GET", &format!("/signups/{}", d.id), "/signups/{id}", &[], None)?.want(401).map(|_| ())
    });
    s.check("signups.tokens_cannot_be_probed_404", |s| {
        let other = d2.clone().ok_or("a second draft could not be made")?;
        let cases = [
            ("a wrong token", d.id.clone(), format!("Bearer {}", random_hex(43))),
            ("another draft's token", d.id.clone(), format!("Bearer {}", other.token)),
            ("an unknown id", format!("{}0", other.id), format!("Bearer {}", other.token)),
        ];
        let mut answers = Vec::new();
        for (what, id, auth) in cases {
            let reply = s.api.send("GET", &format!("/signups/{id}"), "/signups/{id}", &[("Authorization", auth)], None)?;
            reply.want(404).map_err(|e| format!("{what}: {e}"))?;
            answers.push(reply.json().map(|j| (j["type"].clone(), j["title"].clone(), j["detail"].clone())));
        }
        if answers.windows(2).any(|w| w.first() != w.get(1)) {
            return Err(format!("the three 404s differ, so a token can be probed: {answers:?}"));
        }
        Ok(())
    });
    s.check("signups.patch_without_if_match_428", |s| {
        patch(s, &d, Body::Json(json!({"branding": {"site_title": "A"}})), None)?.want(428).map(|_| ())
    });
    s.check("signups.patch_200_moves_the_version", |s| {
        let before = d.version;
        let reply = patch_current(s, &mut d, json!({"branding": {"site_title": "First"}}))?;
        reply.want(200)?;
        if d.version != before + 1 || reply.header("etag") != Some(onramp_api::etag(d.version)) {
            return Err(format!("version {before} became {} with ETag {:?}", d.version, reply.header("etag")));
        }
        Ok(())
    });
    s.check("signups.patch_lost_update_409", |s| {
        let stale = d.version.saturating_sub(1);
        patch(s, &d, Body::Json(json!({"branding": {"site_title": "Second"}})), Some(stale))?.want(409).map(|_| ())
    });
    let located: [(&str, Value, &str, &str); 5] = [
        ("schema.unknown_enum_value_422", json!({"moderation": {"registrations_mode": "everyone"}}), "/moderation/registrations_mode", "unknown"),
        ("schema.wrong_type_422", json!({"plan": {"plan_id": 5, "billing": "monthly"}}), "/plan/plan_id", "invalid"),
        ("schema.unknown_section_422", json!({"plans": {}}), "/plans", "unknown"),
        ("schema.not_an_object_422", json!([]), "", "invalid"),
        ("schema.nested_wrong_type_422", json!({"moderation": {"registrations_mode": "open", "rules": [{"text": 5}]}}), "/moderation/rules/0/text", "invalid"),
    ];
    for (name, body, pointer, code) in located {
        s.check(name, |s| {
            let reply = patch(s, &d, Body::Json(body), Some(d.version))?;
            reply.want(422)?;
            let errors = reply.errors();
            if !errors.iter().any(|(p, c)| p == pointer && c == code) {
                return Err(format!("expected the error at \"{pointer}\" with code {code}, got {errors:?}"));
            }
            Ok(())
        });
    }
    s.check("schema.missing_field_422", |s| {
        let reply = patch(s, &d, Body::Json(json!({"organization": {"kind": "company"}})), Some(d.version))?;
        reply.want(422)?;
        let errors = reply.errors();
        let required = ["name", "country", "contact_email", "admin_username", "billing"];
        if !errors.iter().any(|(p, c)| c == "required" && required.iter().any(|f| p == &format!("/organization/{f}"))) {
            return Err(format!("expected a required error at a missing field of /organization, got {errors:?}"));
        }
        Ok(())
    });
    s.check("body.not_json_400", |s| patch(s, &d, Body::Raw(b"{\"plan\":".to_vec(), "application/json"), Some(d.version))?.want(400).map(|_| ()));
    s.check("body.too_large_413", |s| {
        let big = format!("{{\"branding\":{{\"site_title\":\"{}\"}}}}", "a".repeat(9 * 1024 * 1024));
        patch(s, &d, Body::Raw(big.into_bytes(), "application/json"), Some(d.version))?.want(413).map(|_| ())
    });
    s.check("signups.create_for_unknown_partner_422", |s| {
        let reply = s.api.send("POST", "/signups", "/signups", &[], Some(Body::Json(json!({"partner": format!("nobody-{}", random_hex(8))}))))?;
        reply.want(422)?;
        if !reply.errors().iter().any(|(p, _)| p == "/partner") {
            return Err(format!("expected the error at /partner, got {:?}", reply.errors()));
        }
        Ok(())
    });
}
