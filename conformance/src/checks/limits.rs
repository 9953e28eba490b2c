//! What needs a backend set up for it (with `--limited-base-url`: a second instance whose drafts
//! expire at once and whose limits are low): an expired draft answers 410, and too many drafts
//! at once answer 429 with `Retry-After`.

use std::time::Duration;

use super::common::create;
use crate::http::Api;
use crate::suite::Suite;

/// Runs this group.
pub fn run(s: &mut Suite) {
    let Some(base) = s.target.limited_base_url.clone() else {
        let how = "give --limited-base-url URL: a second instance of the backend with drafts kept 1 second (the reference server: --draft-ttl-secs 1) and [limits] create_per_min = 3";
        s.skip("limits.expired_draft_410", how);
        s.skip("limits.rate_limited_429_with_retry_after", how);
        return;
    };
    let limited = match crate::schema::Document::contract().and_then(|doc| Api::new(&base, doc)) {
        Ok(api) => api,
        Err(e) => {
            s.skip("limits", &e);
            return;
        }
    };
    let main = std::mem::replace(&mut s.api, limited);
    s.check("limits.expired_draft_410", |s| {
        let d = create(s, None)?;
        // Expiry is kept in whole seconds: past a 1-second lifetime for sure.
        std::thread::sleep(Duration::from_millis(2_100));
        s.api.send("GET", &format!("/signups/{}", d.id), "/signups/{id}", &[d.auth()], None)?.want(410).map(|_| ())
    });
    s.check("limits.rate_limited_429_with_retry_after", |s| {
        for _ in 0..50 {
            let reply = s.api.send("POST", "/signups", "/signups", &[], None)?;
            if reply.status == 429 {
                let wait = reply.header("retry-after").ok_or("429 without Retry-After")?;
                return wait.parse::<u64>().map(|_| ()).map_err(|_| format!("Retry-After {wait:?} is not a number of seconds"));
            }
            if reply.status != 201 {
                return Err(format!("expected 201 until the limit, then 429; got {}", reply.status));
            }
        }
        Err("50 drafts in a row were all accepted: no rate limit".into())
    });
    s.api = main;
}
