//! The semantic checks of a configuration file: every problem, each with its place.

use std::collections::BTreeMap;

use onramp_api::validate::check_email;

use super::file::*;
use super::locate::Path;

/// One problem with the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub path: Path,
    /// What is wrong, and how to mend it.
    pub message: String,
}

/// Collects problems.
#[derive(Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Adds one.
    pub fn add(&mut self, path: Path, message: impl Into<String>) {
        self.0.push(Problem { path, message: message.into() });
    }
}

/// Languages the app has texts for.
pub const APP_LANGUAGES: [&str; 3] = ["en", "de", "fr"];

fn is_id(id: &str) -> bool {
    (1..=40).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Checks texts given per language: the default language present, codes known, none empty.
pub fn texts(p: &mut Problems, at: Path, texts: &Texts, default_language: &str, max: usize) {
    let check_one = |p: &mut Problems, at: Path, s: &str| {
        if s.trim().is_empty() {
            p.add(at, "must not be empty");
        } else if s.chars().count() > max {
            p.add(at, format!("must be at most {max} characters"));
        } else if s.chars().any(char::is_control) {
            p.add(at, "must not hold control characters");
        }
    };
    match texts {
        Texts::One(s) => check_one(p, at, s),
        Texts::Many(map) => {
            if !map.contains_key(default_language) {
                p.add(at.clone(), format!("needs a text in the default language {default_language:?}"));
            }
            for (lang, s) in map {
                if !APP_LANGUAGES.contains(&lang.as_str()) {
                    p.add(at.key(lang), format!("is not a language the app has (one of {})", APP_LANGUAGES.join(", ")));
                }
                check_one(p, at.key(lang), s);
            }
        }
    }
}

/// Checks prices by currency: known codes, whole non-negative amounts, yearly between one and
/// twelve monthly payments.
pub fn prices(p: &mut Problems, at: Path, prices: &BTreeMap<String, PriceFile>, currencies: &[String]) {
    for (code, price) in prices {
        let here = at.key(code);
        if !currencies.contains(code) {
            p.add(here.clone(), format!("is not one of catalogue.currencies ({})", currencies.join(", ")));
        }
        if price.monthly < 0 {
            p.add(here.key("monthly"), "must not be negative");
        }
        if price.yearly < price.monthly {
            p.add(here.key("yearly"), "must be at least the monthly price");
        } else if price.yearly > price.monthly.saturating_mul(12) {
            p.add(here.key("yearly"), "must not exceed twelve monthly payments");
        }
    }
}

/// Checks `[provider]`.
pub fn provider(p: &mut Problems, f: &ProviderFile) {
    let at = Path::root().key("provider");
    for (key, value, max) in [("name", &f.name, 80), ("legal_name", &f.legal_name, 200)] {
        if value.trim().is_empty() || value.chars().count() > max || value.chars().any(char::is_control) {
            p.add(at.key(key), format!("give 1 to {max} characters, no control characters"));
        }
    }
    if !onramp_api::countries::is_country(&f.country) {
        p.add(at.key("country"), "must be an ISO 3166-1 alpha-2 code such as \"AT\"");
    }
    if let Err(e) = check_email(&f.support_email) {
        p.add(at.key("support_email"), e.detail);
    }
    for (key, value) in [("logo", &f.logo), ("favicon", &f.favicon)] {
        if value.as_deref().is_some_and(|v| !onramp_api::provider::is_image_link(v)) {
            p.add(at.key(key), "give a path on the app's origin (/brand/logo.svg), an https: URL, or a data: URL of a PNG, JPEG or WebP image of at most 48 KB");
        }
    }
    if let Some(a) = &f.appearance {
        for e in a.validate() {
            let pointer = e.pointer.strip_prefix("/appearance").unwrap_or(&e.pointer).to_owned();
            p.add(at.key("appearance").pointer(&pointer), e.detail);
        }
    }
    let links = at.key("links");
    for (key, value) in [("terms", &f.links.terms), ("dpa", &f.links.dpa), ("privacy", &f.links.privacy), ("imprint", &f.links.imprint)] {
        if !onramp_api::provider::is_link(value) {
            p.add(links.key(key), "give a path on the app's origin (/legal/terms.html) or an https: URL");
        }
    }
}

/// Checks `[catalogue]`.
pub fn catalogue(p: &mut Problems, c: &CatalogueFile) {
    let at = Path::root().key("catalogue");
    let lang = c.default_language.as_str();
    if !APP_LANGUAGES.contains(&lang) {
        p.add(at.key("default_language"), format!("must be a language the app has ({})", APP_LANGUAGES.join(", ")));
    }
    for (i, code) in c.currencies.iter().enumerate() {
        if !onramp_api::currency::is_code(code) {
            p.add(at.key("currencies").index(i), "must be an ISO 4217 code such as \"EUR\"");
        }
        if c.currencies.iter().take(i).any(|e| e == code) {
            p.add(at.key("currencies").index(i), "is listed twice");
        }
    }
    if c.currencies.is_empty() {
        p.add(at.key("currencies"), "list at least one currency");
    }
    if !c.currencies.contains(&c.default_currency) {
        p.add(at.key("default_currency"), "must be one of catalogue.currencies");
    }
    if c.shared_domains.is_empty() {
        p.add(at.key("shared_domains"), "list at least one domain customers get a subdomain of");
    }
    for (i, d) in c.shared_domains.iter().enumerate() {
        if let Err(e) = onramp_api::domain::check_ascii_domain(d) {
            p.add(at.key("shared_domains").index(i), e.detail);
        } else if onramp_api::domain::normalize(d) != *d {
            p.add(at.key("shared_domains").index(i), "write it in lower case, without a final dot");
        }
        if c.shared_domains.iter().take(i).any(|e| e == d) {
            p.add(at.key("shared_domains").index(i), "is listed twice");
        }
    }
    let ids = |kind: &str, list: Vec<&String>, p: &mut Problems| {
        for (i, id) in list.iter().enumerate() {
            if !is_id(id) {
                p.add(at.key(kind).index(i).key("id"), "use 1 to 40 of a-z, 0-9, _ and -");
            }
            if list.iter().take(i).any(|e| e == id) {
                p.add(at.key(kind).index(i).key("id"), format!("{id:?} is used by an earlier entry"));
            }
        }
    };
    ids("plans", c.plans.iter().map(|x| &x.id).collect(), p);
    ids("addons", c.addons.iter().map(|x| &x.id).collect(), p);
    ids("support_tiers", c.support_tiers.iter().map(|x| &x.id).collect(), p);
    if c.plans.is_empty() {
        p.add(at.key("plans"), "offer at least one plan");
    }
    if c.support_tiers.is_empty() {
        p.add(at.key("support_tiers"), "offer at least one support tier (the one plans include)");
    }
    let every_currency = |p: &mut Problems, here: Path, prices: &BTreeMap<String, PriceFile>| {
        for code in &c.currencies {
            if !prices.contains_key(code) {
                p.add(here.clone(), format!("needs a price in {code}, like every add-on and support tier"));
            }
        }
    };
    for (i, plan) in c.plans.iter().enumerate() {
        let here = at.key("plans").index(i);
        texts(p, here.key("name"), &plan.name, lang, 40);
        if let Some(d) = &plan.description {
            texts(p, here.key("description"), d, lang, 200);
        }
        prices(p, here.key("prices"), &plan.prices, &c.currencies);
        if !plan.prices.contains_key(&c.default_currency) {
            p.add(here.key("prices"), format!("needs a price in the default currency {}", c.default_currency));
        }
        if plan.limits.active_users == 0 {
            p.add(here.key("limits").key("active_users"), "must be at least 1");
        }
        if !c.support_tiers.iter().any(|t| t.id == plan.included_support) {
            p.add(here.key("included_support"), "must be the id of one of catalogue.support_tiers");
        }
        for (j, a) in plan.included_addons.iter().enumerate() {
            if !c.addons.iter().any(|x| &x.id == a) {
                p.add(here.key("included_addons").index(j), "must be the id of one of catalogue.addons");
            }
        }
        if plan.payment_methods.is_empty() {
            p.add(here.key("payment_methods"), "list at least one way to pay");
        }
    }
    for (i, addon) in c.addons.iter().enumerate() {
        let here = at.key("addons").index(i);
        if let Some(n) = &addon.name {
            texts(p, here.key("name"), n, lang, 60);
        }
        if let Some(d) = &addon.description {
            texts(p, here.key("description"), d, lang, 200);
        }
        prices(p, here.key("prices"), &addon.prices, &c.currencies);
        every_currency(p, here.key("prices"), &addon.prices);
    }
    for (i, tier) in c.support_tiers.iter().enumerate() {
        let here = at.key("support_tiers").index(i);
        texts(p, here.key("name"), &tier.name, lang, 40);
        if tier.response_hours == 0 {
            p.add(here.key("response_hours"), "must be at least 1");
        }
        prices(p, here.key("prices"), &tier.prices, &c.currencies);
        every_currency(p, here.key("prices"), &tier.prices);
    }
    if let Some(labels) = &c.reserved_labels {
        for (i, l) in labels.iter().enumerate() {
            if onramp_api::domain::check_subdomain_label(l).is_err() && !is_id(l) {
                p.add(at.key("reserved_labels").index(i), "must be a subdomain label such as \"www\"");
            }
        }
    }
}

/// Checks `[edge]`.
pub fn edge(p: &mut Problems, e: &EdgeFile) {
    let at = Path::root().key("edge");
    if let Err(issue) = onramp_api::domain::check_ascii_domain(&e.host) {
        p.add(at.key("host"), issue.detail);
    }
    if e.ipv4.parse::<std::net::Ipv4Addr>().is_err() {
        p.add(at.key("ipv4"), "must be an IPv4 address such as 203.0.113.10");
    }
    if e.ipv6.parse::<std::net::Ipv6Addr>().is_err() {
        p.add(at.key("ipv6"), "must be an IPv6 address such as 2001:db8::10");
    }
}

/// Checks `[server]`, `[limits]` and `[mail]`.
pub fn server(p: &mut Problems, f: &ConfigFile) {
    let at = Path::root().key("server");
    if let Some(days) = f.server.draft_ttl_days {
        if !(1..=365).contains(&days) {
            p.add(at.key("draft_ttl_days"), "keep drafts 1 to 365 days");
        }
    }
    for (key, v) in [("header_timeout_secs", f.server.header_timeout_secs), ("request_timeout_secs", f.server.request_timeout_secs), ("upload_timeout_secs", f.server.upload_timeout_secs)] {
        if v.is_some_and(|s| !(1..=3_600).contains(&s)) {
            p.add(at.key(key), "give 1 to 3600 seconds");
        }
    }
    if let Some(url) = &f.server.public_url {
        let ok = (url.starts_with("https://") || url.starts_with("http://")) && !url.ends_with('/') && !url.chars().any(char::is_whitespace);
        if !ok {
            p.add(at.key("public_url"), "give the app's address such as https://signup.example.org (no trailing slash)");
        }
    }
    let limits = Path::root().key("limits");
    for (key, v) in [("availability_per_min", f.limits.availability_per_min), ("create_per_min", f.limits.create_per_min), ("events_per_min", f.limits.events_per_min), ("reports_per_min", f.limits.reports_per_min), ("uploads_per_min", f.limits.uploads_per_min), ("uploads_per_draft_per_min", f.limits.uploads_per_draft_per_min), ("image_decodes", f.limits.image_decodes), ("uploads_in_flight", f.limits.uploads_in_flight), ("resume_mails_per_day", f.limits.resume_mails_per_day), ("instances", f.limits.instances)] {
        if v == Some(0) {
            p.add(limits.key(key), "must be at least 1");
        }
    }
    if let (Some(i), Some(per)) = (f.limits.instances, f.limits.create_per_min) {
        if i > per {
            p.add(limits.key("instances"), "more instances than requests a minute leaves an instance a share of nothing");
        }
    }
    if f.limits.max_clients.is_some_and(|m| m < 100) {
        p.add(limits.key("max_clients"), "remember at least 100 clients");
    }
    if let Some(from) = &f.mail.from {
        if let Err(e) = check_email(from) {
            p.add(Path::root().key("mail").key("from"), e.detail);
        }
    }
}

/// Whether `host` names this machine (a loopback address or `localhost`): the only place an
/// unencrypted connection is accepted, as nothing on it crosses a network.
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost") || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Checks `[mail.smtp]`.
pub fn smtp(p: &mut Problems, s: &SmtpFile) {
    let at = Path::root().key("mail").key("smtp");
    let host_ok = onramp_api::domain::check_ascii_domain(&s.host).is_ok() || s.host.parse::<std::net::IpAddr>().is_ok() || s.host == "localhost";
    if !host_ok {
        p.add(at.key("host"), "give the mail server's host name, such as smtp.example.org");
    }
    if s.port == Some(0) {
        p.add(at.key("port"), "must be a port from 1 to 65535");
    }
    if s.security == SmtpSecurity::None && !is_loopback(&s.host) {
        p.add(at.key("security"), "\"none\" sends passwords and mail in the clear: only for a relay on this machine (127.0.0.1); use \"starttls\" or \"tls\"");
    }
    if s.timeout_secs.is_some_and(|t| !(1..=600).contains(&t)) {
        p.add(at.key("timeout_secs"), "give 1 to 600 seconds");
    }
}

/// Checks a webhook endpoint: https, or http to this machine (events carry customers' data).
pub fn webhook_url(p: &mut Problems, at: Path, url: &str) {
    let host = url
        .strip_prefix("https://")
        .map(|rest| (true, rest))
        .or_else(|| url.strip_prefix("http://").map(|rest| (false, rest)));
    let Some((tls, rest)) = host else {
        p.add(at, "give the endpoint's https:// address");
        return;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !h.is_empty() => h,
        _ => authority,
    };
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        p.add(at, "give the endpoint's https:// address");
    } else if !tls && !is_loopback(host) {
        p.add(at, "events carry customers' data: use https:// (http:// only to 127.0.0.1)");
    }
}
