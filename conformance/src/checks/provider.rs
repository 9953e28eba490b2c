//! The provider's own calls (with `--provider-key`): an order with every section, its Mastodon
//! configuration, a step report (in provider mode; a backend that provisions by itself answers
//! 409), a payment report (refused without the key, and for an invoice order, which has nothing
//! to pay online), and the key refused when missing or wrong.

use serde_json::json;

use crate::http::Body;
use crate::suite::{random_hex, Suite};

/// Runs this group.
pub fn run(s: &mut Suite) {
    let Some((order, draft)) = s.order.clone() else {
        s.skip("provider", "needs the order of orders.submit_201");
        return;
    };
    let Some(key) = s.target.provider_key.clone() else {
        s.skip("provider", "give --provider-key KEY (the backend's provider API key) to check the provider's calls");
        return;
    };
    s.check("provider.without_a_key_401", |s| {
        s.api.send("GET", &format!("/provider/orders/{order}"), "/provider/orders/{id}", &[], None)?.want(401).map(|_| ())
    });
    s.check("provider.with_a_wrong_key_401", |s| {
        let wrong = ("Authorization", format!("Bearer {}", random_hex(40)));
        s.api.send("GET", &format!("/provider/orders/{order}"), "/provider/orders/{id}", &[wrong], None)?.want(401).map(|_| ())
    });
    let auth = ("Authorization", format!("Bearer {key}"));
    s.check("provider.order_200", |s| {
        let reply = s.api.send("GET", &format!("/provider/orders/{order}"), "/provider/orders/{id}", &[auth.clone()], None)?;
        reply.want(200)?;
        let json = reply.json().ok_or("not JSON")?;
        for section in ["plan", "organization", "domain", "branding", "moderation"] {
            if json["sections"][section].is_null() {
                return Err(format!("the order lacks its {section} section"));
            }
        }
        Ok(())
    });
    s.check("provider.mastodon_configuration_200", |s| {
        s.api.send("GET", &format!("/provider/orders/{order}/mastodon"), "/provider/orders/{id}/mastodon", &[auth.clone()], None)?.want(200).map(|_| ())
    });
    let mut simulated = false;
    s.check("provider.step_report", |s| {
        let path = format!("/provider/orders/{order}/steps/{}", onramp_api::order::StepKind::ServerCreated.as_str());
        let reply = s.api.send("POST", &path, "/provider/orders/{id}/steps/{kind}", &[auth.clone()], Some(Body::Json(json!({"state": "running", "message": "Creating the server."}))))?;
        match reply.status {
            200 => {
                let bad = s.api.send("POST", &path, "/provider/orders/{id}/steps/{kind}", &[auth.clone()], Some(Body::Json(json!({"state": "sideways"}))))?;
                bad.want(422)?;
                if !bad.errors().iter().any(|(p, _)| p == "/state") {
                    return Err(format!("an unknown state: expected the error at /state, got {:?}", bad.errors()));
                }
                Ok(())
            }
            409 => {
                simulated = true;
                Ok(())
            }
            other => Err(format!("expected 200 (provider mode) or 409 (provisioning simulated), got {other}")),
        }
    });
    s.check("provider.unknown_step_404", |s| {
        let path = format!("/provider/orders/{order}/steps/no_such_step");
        s.api.send("POST", &path, "/provider/orders/{id}/steps/{kind}", &[auth.clone()], Some(Body::Json(json!({"state": "running"}))))?.want(if simulated { 409 } else { 404 }).map(|_| ())
    });
    // Payments: the order carries where its payment stands; an invoice order has nothing to pay
    // online (checkout 409) and no card or SEPA payment to report (409); a report needs the key.
    let mut invoice = false;
    s.check("payments.the_order_says_how_it_is_paid", |s| {
        let reply = s.api.send("GET", &format!("/orders/{order}"), "/orders/{id}", &[draft.auth()], None)?;
        reply.want(200)?;
        let json = reply.json().ok_or("not JSON")?;
        let state = json["payment"]["state"].as_str().ok_or("the order has no payment.state")?;
        invoice = json["payment"]["method"] == "invoice";
        if invoice && state != "invoiced" {
            return Err(format!("an invoice order's payment is {state:?}, expected \"invoiced\""));
        }
        Ok(())
    });
    let report = format!("/provider/orders/{order}/payment");
    s.check("payments.report_without_a_key_401", |s| {
        s.api.send("POST", &report, "/provider/orders/{id}/payment", &[], Some(Body::Json(json!({"state": "paid"}))))?.want(401).map(|_| ())
    });
    if !invoice {
        s.skip("payments.invoice_orders_have_nothing_to_pay", "the suite's order is not paid by invoice");
        return;
    }
    s.check("payments.invoice_orders_have_nothing_to_pay", |s| {
        s.api.send("POST", &format!("/orders/{order}/checkout"), "/orders/{id}/checkout", &[draft.auth()], None)?.want(409)?;
        s.api.send("POST", &report, "/provider/orders/{id}/payment", &[auth.clone()], Some(Body::Json(json!({"state": "paid"}))))?.want(409).map(|_| ())
    });
}
