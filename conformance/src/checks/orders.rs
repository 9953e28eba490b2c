//! Submitting exactly once (`Idempotency-Key`: the same key gives the same order, the same key on
//! another draft is refused, parallel submits give one order), the order and its steps, and the
//! availability of an address before and after it is taken.

use serde_json::json;

use super::common::{complete_draft, create, fill, label};
use crate::http::{Api, Body};
use crate::suite::{random_hex, Draft, Suite};

fn submit(api: &Api, d: &Draft, key: Option<&str>, accept: bool) -> Result<crate::http::Reply, String> {
    let mut headers = vec![d.auth(), ("Accept-Language", "en".to_owned())];
    if let Some(k) = key {
        headers.push(("Idempotency-Key", k.to_owned()));
    }
    api.send("POST", &format!("/signups/{}/submit", d.id), "/signups/{id}/submit", &headers, Some(Body::Json(json!({"accept_terms": accept}))))
}

fn order_id(reply: &crate::http::Reply) -> Result<String, String> {
    reply.json().and_then(|j| j["id"].as_str().map(str::to_owned)).ok_or_else(|| "no order id".to_owned())
}

fn availability(s: &Suite, name: &str, base: &str) -> Result<serde_json::Value, String> {
    let path = format!("/domains/availability?name={name}&base={base}");
    let reply = s.api.send("GET", &path, "/domains/availability", &[], None)?;
    reply.want(200)?;
    reply.json().ok_or_else(|| "not JSON".to_owned())
}

/// Runs this group.
pub fn run(s: &mut Suite) {
    let shared = s.catalog.as_ref().and_then(|c| c.shared_domains.first().cloned()).unwrap_or_default();
    s.check("domains.availability_of_a_free_name", |s| {
        let a = availability(s, &label(), &shared)?;
        if a["status"] != "available" {
            return Err(format!("a name nobody has is {}", a["status"]));
        }
        Ok(())
    });
    s.check("domains.availability_of_an_invalid_name", |s| {
        let a = availability(s, "-bad-", &shared)?;
        if a["status"] != "invalid" {
            return Err(format!("\"-bad-\" is {}", a["status"]));
        }
        Ok(())
    });
    s.check("orders.submit_without_idempotency_key_428", |s| {
        let d = complete_draft(s)?;
        submit(&s.api, &d, None, true)?.want(428).map(|_| ())
    });
    s.check("orders.submit_incomplete_draft_422", |s| {
        let d = create(s, None)?;
        let reply = submit(&s.api, &d, Some(&random_hex(32)), true)?;
        reply.want(422)?;
        if reply.errors().is_empty() {
            return Err("no field errors say what is missing".into());
        }
        Ok(())
    });
    s.check("orders.submit_without_accepting_the_terms_422", |s| {
        let d = complete_draft(s)?;
        let reply = submit(&s.api, &d, Some(&random_hex(32)), false)?;
        reply.want(422)?;
        if !reply.errors().iter().any(|(p, _)| p == "/accept_terms") {
            return Err(format!("expected the error at /accept_terms, got {:?}", reply.errors()));
        }
        Ok(())
    });
    let key = random_hex(32);
    s.check("orders.submit_201", |s| {
        let d = complete_draft(s)?;
        let reply = submit(&s.api, &d, Some(&key), true)?;
        reply.want(201)?;
        s.order = Some((order_id(&reply)?, d));
        Ok(())
    });
    let Some((order, d)) = s.order.clone() else { return };
    s.check("orders.same_key_same_order", |s| {
        let reply = submit(&s.api, &d, Some(&key), true)?;
        if !matches!(reply.status, 200 | 201) || order_id(&reply)? != order {
            return Err(format!("the same key answered {} with another order", reply.status));
        }
        Ok(())
    });
    s.check("orders.same_key_on_another_draft_422", |s| {
        let other = fill(s, &label())?;
        submit(&s.api, &other, Some(&key), true)?.want(422).map(|_| ())
    });
    s.check("orders.parallel_submits_make_one_order", |s| {
        let d = fill(s, &label())?;
        let keys: Vec<String> = (0..6).map(|_| random_hex(32)).collect();
        let apis: Vec<Api> = keys.iter().map(|_| s.api.fork()).collect::<Result<_, _>>()?;
        let d = &d;
        let answers: Vec<Result<(u16, Option<String>), String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = apis.into_iter().zip(&keys).map(|(api, k)| scope.spawn(move || submit(&api, d, Some(k), true).map(|r| (r.status, order_id(&r).ok())))).collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err("a submit thread failed".into()))).collect()
        });
        let answers: Vec<(u16, Option<String>)> = answers.into_iter().collect::<Result<_, _>>()?;
        let created = answers.iter().filter(|(status, _)| *status == 201).count();
        let ids: std::collections::BTreeSet<_> = answers.iter().filter_map(|(_, id)| id.clone()).collect();
        if created != 1 || ids.len() != 1 || answers.iter().any(|(status, _)| !matches!(status, 200 | 201)) {
            return Err(format!("six parallel submits of one draft gave {answers:?}: expected one 201 and the same order for all"));
        }
        Ok(())
    });
    s.check("orders.a_submitted_draft_cannot_change_409", |s| {
        let reply = s.api.send("PATCH", &format!("/signups/{}", d.id), "/signups/{id}", &[d.auth(), ("If-Match", onramp_api::etag(d.version))], Some(Body::Json(json!({"branding": {"site_title": "Later"}}))))?;
        reply.want(409).map(|_| ())
    });
    s.check("orders.read_200", |s| {
        let reply = s.api.send("GET", &format!("/orders/{order}"), "/orders/{id}", &[d.auth()], None)?;
        reply.want(200)?;
        let steps = reply.json().and_then(|j| j["steps"].as_array().map(Vec::len)).unwrap_or(0);
        if steps == 0 {
            return Err("the order lists no provisioning steps".into());
        }
        Ok(())
    });
    s.check("orders.read_with_another_token_404", |s| {
        let other = create(s, None)?;
        s.api.send("GET", &format!("/orders/{order}"), "/orders/{id}", &[other.auth()], None)?.want(404).map(|_| ())
    });
    s.check("domains.availability_of_a_taken_name_with_suggestions", |s| {
        let reply = s.api.send("GET", &format!("/signups/{}", d.id), "/signups/{id}", &[d.auth()], None)?;
        let domain = reply.json().and_then(|j| j["sections"]["domain"]["web_domain"].as_str().map(str::to_owned)).ok_or("the draft has no domain")?;
        let name = domain.split('.').next().unwrap_or_default().to_owned();
        let a = availability(s, &name, &shared)?;
        if a["status"] != "taken" {
            return Err(format!("the ordered name {name} is {}", a["status"]));
        }
        if a["suggestions"].as_array().is_none_or(Vec::is_empty) {
            return Err("a taken name comes with no free alternatives".into());
        }
        Ok(())
    });
}
