//! The in-browser demo backend: every call of the API answered in memory over the contract's
//! sample catalogue and rules (the same validation and statuses as the reference server, with
//! small realistic delays). Nothing leaves the browser; the state is kept in this device's
//! storage (demo namespace) so a reload or Back loses nothing, and "reset demo" forgets it.

use std::sync::{Arc, Mutex, MutexGuard};

use onramp_api::asset::{Asset, AssetKind, ImageProblem};
use onramp_api::domain::{check_ascii_domain, check_subdomain_label, is_mixed_script, normalize, Availability, DomainStatus};
use onramp_api::order::{check_submittable, Order, ProvisioningStep, StepKind, StepState, SubmitRequest};
use onramp_api::{validate, Catalog, CreatedSignup, DomainMode, DraftSections, ErrorCode, FieldError, Signup};
use serde::{Deserialize, Serialize};

use super::demo_api::Answer;
use super::upload::UploadFailure;
use super::{AppError, DraftKey};
use crate::browser::{sleep, to_ascii_host};
use crate::storage;

/// Where the demo keeps its state on this device.
pub const STATE_KEY: &str = "onramp.demo.backend";

/// How long each provisioning step takes in the demo.
pub const STEP_MS: f64 = 900.0;

/// Labels taken by "other customers" on every shared domain, so a demo shows suggestions.
pub const TAKEN_LABELS: [&str; 4] = ["social", "mastodon", "news", "community"];

/// Own domains "another organization" runs.
pub const TAKEN_DOMAINS: [&str; 2] = ["social.example.org", "mastodon.example.com"];

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct DemoSignup {
    id: String,
    token: String,
    version: u64,
    sections: DraftSections,
    #[serde(default)]
    order_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DemoOrder {
    id: String,
    signup_id: String,
    key: String,
    sections: DraftSections,
    created_ms: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DemoAsset {
    id: String,
    signup_id: String,
    kind: AssetKind,
    mime: String,
    #[serde(skip)]
    bytes: Vec<u8>,
}

/// Everything the demo backend knows.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DemoState {
    signups: Vec<DemoSignup>,
    orders: Vec<DemoOrder>,
    #[serde(default)]
    assets: Vec<DemoAsset>,
}

/// A new demo backend with what this device kept of an earlier demo, shared. Called only behind
/// the split point that fetches the demo (in `main`), so that its code is in that chunk.
pub fn backend() -> super::demo_api::Demo {
    Arc::new(DemoBackend::new())
}

/// The demo backend. Clones share the state.
#[derive(Clone)]
pub struct DemoBackend {
    state: Arc<Mutex<DemoState>>,
    catalog: Arc<Catalog>,
}

/// `len` random hex digits (the browser's CSPRNG when it has one).
pub fn random_hex(len: usize) -> String {
    let mut bytes = vec![0u8; len.div_ceil(2)];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect::<String>().chars().take(len).collect()
}

fn iso(ms: f64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).to_iso_string().into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn expires() -> String {
    iso(now() + 7.0 * 86_400_000.0)
}

/// The provisioning steps of an order placed at `created_ms`, as they stand at `now_ms`: each
/// takes [`STEP_MS`], one after the other.
pub fn steps_at(created_ms: f64, now_ms: f64, iso: impl Fn(f64) -> String) -> Vec<ProvisioningStep> {
    let elapsed = (now_ms - created_ms).max(0.0);
    StepKind::ALL
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let start = STEP_MS * i as f64;
            let end = start + STEP_MS;
            let state = if elapsed >= end {
                StepState::Done
            } else if elapsed >= start {
                StepState::Running
            } else {
                StepState::Pending
            };
            ProvisioningStep {
                kind: *kind,
                state,
                started_at: (state != StepState::Pending).then(|| iso(created_ms + start)),
                finished_at: (state == StepState::Done).then(|| iso(created_ms + end)),
                detail: None,
            }
        })
        .collect()
}

/// What the demo says of a name: the rules of the contract, the browser's IDNA, the reserved
/// labels of the sample, and the demo's taken names. Without the public suffix list in the
/// browser, the registrable domain is taken to be the last two labels.
pub fn check_name(name: &str, base: Option<&str>, shared: &[String], taken: &[String]) -> Availability {
    let shown = match base {
        Some(base) => format!("{}.{base}", name.trim().to_lowercase()),
        None => name.trim().trim_end_matches('.').to_lowercase(),
    };
    let answer = |ascii: String, status, detail: Option<&str>| Availability {
        mixed_script: is_mixed_script(&shown),
        unicode: shown.clone(),
        ascii,
        status,
        suggestions: Vec::new(),
        detail: detail.map(str::to_owned),
        registrable: None,
    };
    let is_taken = |full: &str, label: Option<&str>| {
        taken.iter().any(|t| t == full)
            || TAKEN_DOMAINS.contains(&full)
            || label.is_some_and(|l| TAKEN_LABELS.contains(&l))
    };
    if let Some(base) = base {
        if !shared.iter().any(|d| d == base) {
            return answer(name.to_owned(), DomainStatus::NotAllowed, Some("Choose one of the offered domains."));
        }
        let Some(full) = to_ascii_host(&format!("{}.{base}", name.trim())) else {
            return answer(name.to_owned(), DomainStatus::Invalid, Some("This is not a valid domain name."));
        };
        let label = full.strip_suffix(&format!(".{base}")).unwrap_or_default().to_owned();
        if let Err(issue) = check_subdomain_label(&label) {
            return answer(full, DomainStatus::Invalid, Some(&issue.detail));
        }
        let status = if onramp_api::sample::RESERVED_LABELS.contains(&label.as_str()) {
            DomainStatus::Reserved
        } else if is_taken(&full, Some(&label)) {
            DomainStatus::Taken
        } else {
            return answer(full, DomainStatus::Available, None);
        };
        let mut a = answer(full, status, Some("This name is not free; try one of the suggestions."));
        a.suggestions = onramp_api::domain::suggestion_candidates(&label)
            .into_iter()
            .filter(|c| check_subdomain_label(c).is_ok() && !is_taken(&format!("{c}.{base}"), Some(c)))
            .map(|c| format!("{c}.{base}"))
            .take(5)
            .collect();
        return a;
    }
    let Some(ascii) = to_ascii_host(name) else {
        return answer(name.trim().to_owned(), DomainStatus::Invalid, Some("This is not a valid domain name."));
    };
    if let Err(issue) = check_ascii_domain(&ascii) {
        return answer(ascii, DomainStatus::Invalid, Some(&issue.detail));
    }
    if shared.iter().any(|d| ascii == *d || ascii.ends_with(&format!(".{d}"))) {
        return answer(ascii, DomainStatus::NotAllowed, Some("This is one of our shared domains; choose a subdomain instead."));
    }
    if !ascii.contains('.') {
        return answer(ascii, DomainStatus::NotAllowed, Some("This is a public suffix that nobody can own; enter your own domain."));
    }
    let labels: Vec<&str> = ascii.split('.').collect();
    let registrable = (labels.len() > 2).then(|| labels.iter().skip(labels.len() - 2).copied().collect::<Vec<_>>().join("."));
    let mut a = if is_taken(&ascii, None) {
        answer(ascii, DomainStatus::Taken, Some("Another organization already runs a server at this domain."))
    } else {
        answer(ascii, DomainStatus::Available, None)
    };
    a.registrable = registrable;
    a
}

/// What only a backend can check of a domain section, as the demo knows it.
fn domain_checks(section: &onramp_api::DomainSection, shared: &[String], taken: &[String]) -> Vec<FieldError> {
    let web = normalize(&section.web_domain);
    let base_and_label = shared.iter().find_map(|b| web.strip_suffix(&format!(".{b}")).map(|l| (b.as_str(), l)));
    let status = match (section.mode, base_and_label) {
        (DomainMode::Subdomain, Some((base, label))) => check_name(label, Some(base), shared, taken).status,
        _ => check_name(&web, None, shared, taken).status,
    };
    match status {
        DomainStatus::Reserved => vec![FieldError::new("/domain/web_domain", ErrorCode::Reserved, "This name is reserved; choose another.")],
        DomainStatus::Taken => vec![FieldError::new("/domain/web_domain", ErrorCode::Taken, "Another organization has this address; choose another.")],
        _ => Vec::new(),
    }
}

/// Images up to this size are kept on the device across reloads (storage is small).
const KEEP_IMAGE_BYTES: usize = 512 * 1024;

fn image_key(id: &str) -> String {
    format!("onramp.demo.image.{id}")
}

impl Default for DemoBackend {
    fn default() -> Self {
        Self::new()
    }
}

impl DemoBackend {
    /// The demo backend with what this device kept of an earlier demo.
    pub fn new() -> Self {
        let state = storage::get(STATE_KEY).and_then(|t| serde_json::from_str::<DemoState>(&t).ok()).unwrap_or_default();
        Self { state: Arc::new(Mutex::new(state)), catalog: Arc::new(onramp_api::sample::catalog()) }
    }

    /// The state; a lock is never held across an await (one thread), so it is never poisoned
    /// for long, and a poisoned one is still consistent (each change is one assignment).
    fn state(&self) -> MutexGuard<'_, DemoState> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn persist(&self) {
        let text = serde_json::to_string(&*self.state());
        if let Ok(text) = text {
            storage::set(STATE_KEY, &text);
        }
    }

    fn taken(&self) -> Vec<String> {
        let state = self.state();
        state.orders.iter().filter_map(|o| o.sections.domain.as_ref().map(|d| d.web_domain.clone())).collect()
    }

    fn with_signup<T>(&self, key: &DraftKey, f: impl FnOnce(&mut DemoSignup) -> Result<T, AppError>) -> Result<T, AppError> {
        let result = {
            let mut state = self.state();
            let signup = state.signups.iter_mut().find(|s| s.id == key.id && s.token == key.token).ok_or(AppError::NotFound)?;
            f(signup)
        };
        self.persist();
        result
    }

    fn view(s: &DemoSignup) -> Signup {
        Signup { id: s.id.clone(), version: s.version, expires_at: expires(), sections: s.sections.clone(), order_id: s.order_id.clone() }
    }

    /// The sample catalogue.
    pub async fn catalog(&self) -> Result<Catalog, AppError> {
        sleep(150).await;
        Ok((*self.catalog).clone())
    }

    /// Availability of a name.
    pub async fn availability(&self, name: &str, base: Option<&str>) -> Result<Availability, AppError> {
        sleep(250).await;
        Ok(check_name(name, base, &self.catalog.shared_domains, &self.taken()))
    }

    /// The records an own domain needs, all found (a demo cannot look up DNS).
    pub async fn verify_domain(&self, key: &DraftKey) -> Result<onramp_api::dns::Verification, AppError> {
        use onramp_api::dns::{plan_records, CheckedRecord, RecordStatus, Verification};
        sleep(700).await;
        let domain = self.with_signup(key, |s| Ok(s.sections.domain.clone()))?;
        let Some(domain) = domain.filter(|d| d.mode == DomainMode::Custom) else {
            return Err(AppError::Invalid(vec![FieldError::new("/domain", ErrorCode::Required, "Choose an own domain first.")]));
        };
        let apex = domain.web_domain.matches('.').count() == 1;
        let records = plan_records(&domain, apex, &onramp_api::sample::edge(), &format!("onramp-demo-{}", key.id))
            .into_iter()
            .map(|record| CheckedRecord { record, status: RecordStatus::Ok, found: Vec::new() })
            .collect();
        Ok(Verification { records, verified: true, lookup_error: None })
    }

    /// A new draft.
    pub async fn create_signup(&self) -> Result<CreatedSignup, AppError> {
        sleep(120).await;
        let signup = DemoSignup { id: format!("su_{}", random_hex(20)), token: random_hex(40), version: 1, ..Default::default() };
        let created = CreatedSignup { id: signup.id.clone(), resume_token: signup.token.clone(), version: 1, expires_at: expires() };
        self.state().signups.push(signup);
        self.persist();
        Ok(created)
    }

    /// A draft, prefilled (for a preset scenario); its key.
    pub fn seed(&self, sections: DraftSections) -> DraftKey {
        let signup = DemoSignup { id: format!("su_{}", random_hex(20)), token: random_hex(40), version: 1, sections, order_id: None };
        let key = DraftKey { id: signup.id.clone(), token: signup.token.clone() };
        self.state().signups.push(signup);
        self.persist();
        key
    }

    /// A draft.
    pub async fn signup(&self, key: &DraftKey) -> Result<Signup, AppError> {
        sleep(100).await;
        self.with_signup(key, |s| Ok(Self::view(s)))
    }

    /// Writes sections, as the server does: version, each section's rules, the domain's
    /// availability, the images, then the rules across sections.
    pub async fn update_signup(&self, key: &DraftKey, version: u64, patch: &DraftSections) -> Result<Signup, AppError> {
        sleep(180).await;
        let mut errors = validate::validate_sections(patch, &self.catalog);
        if let (true, Some(domain)) = (errors.is_empty(), patch.domain.as_ref()) {
            errors = domain_checks(domain, &self.catalog.shared_domains, &self.taken());
        }
        if let (true, Some(branding)) = (errors.is_empty(), patch.branding.as_ref()) {
            errors = self.asset_checks(&key.id, branding);
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let catalog = self.catalog.clone();
        self.with_signup(key, |s| {
            if s.order_id.is_some() {
                return Err(AppError::Submitted);
            }
            if s.version != version {
                return Err(AppError::Conflict);
            }
            let mut next = s.sections.clone();
            next.apply(patch.clone());
            let mut errors = validate::validate_across(&next, &catalog);
            errors.retain(|e| patch.domain.is_some() || !e.pointer.starts_with("/domain"));
            if !errors.is_empty() {
                return Err(AppError::Invalid(errors));
            }
            s.sections = next;
            s.version += 1;
            Ok(Self::view(s))
        })
    }

    fn asset_checks(&self, signup_id: &str, branding: &onramp_api::BrandingSection) -> Vec<FieldError> {
        let state = self.state();
        [("/branding/thumbnail", branding.thumbnail.as_ref(), AssetKind::Thumbnail), ("/branding/logo", branding.logo.as_ref(), AssetKind::Logo)]
            .into_iter()
            .filter_map(|(pointer, id, kind)| {
                let id = id?;
                let known = state.assets.iter().any(|a| &a.id == id && a.signup_id == signup_id && a.kind == kind);
                (!known).then(|| FieldError::new(pointer, ErrorCode::Unknown, "Upload the image again."))
            })
            .collect()
    }

    /// Takes an image after checking it by content and dimensions, as the server does.
    pub async fn upload_asset(&self, key: &DraftKey, kind: AssetKind, file: &web_sys::Blob, progress: impl Fn(f64) + 'static) -> Result<Asset, UploadFailure> {
        self.with_signup(key, |_| Ok(())).map_err(UploadFailure::Failed)?;
        let inspected = crate::image_check::inspect(file, kind).await.map_err(UploadFailure::Refused)?;
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|_| UploadFailure::Refused(ImageProblem::Damaged))?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        let onramp_api::asset::Sniffed::Image(format) = onramp_api::asset::sniff(&bytes) else {
            return Err(UploadFailure::Refused(ImageProblem::Format));
        };
        for step in 1..=4 {
            sleep(80).await;
            progress(f64::from(step) / 4.0);
        }
        let asset = Asset { id: format!("as_{}", random_hex(24)), kind, format, width: inspected.width, height: inspected.height, bytes: bytes.len() as u64 };
        if bytes.len() <= KEEP_IMAGE_BYTES {
            storage::set(&image_key(&asset.id), &onramp_api::base64::encode(&bytes));
        }
        self.state().assets.push(DemoAsset { id: asset.id.clone(), signup_id: key.id.clone(), kind, mime: format.media_type().to_owned(), bytes });
        self.persist();
        Ok(asset)
    }

    /// An image as a `blob:` URL.
    pub async fn asset_url(&self, key: &DraftKey, id: &str) -> Result<String, AppError> {
        let (mime, bytes) = {
            let state = self.state();
            let asset = state.assets.iter().find(|a| a.id == id && a.signup_id == key.id).ok_or(AppError::NotFound)?;
            let bytes = if asset.bytes.is_empty() {
                storage::get(&image_key(id)).and_then(|t| onramp_api::base64::decode(&t)).ok_or(AppError::NotFound)?
            } else {
                asset.bytes.clone()
            };
            (asset.mime.clone(), bytes)
        };
        let array = js_sys::Uint8Array::from(bytes.as_slice());
        let parts = js_sys::Array::of1(&array);
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(&mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| AppError::Malformed)?;
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| AppError::Malformed)
    }

    /// Places the order once per draft and key, as the server does.
    pub async fn submit(&self, key: &DraftKey, idempotency_key: &str) -> Result<Order, AppError> {
        sleep(400).await;
        let existing = {
            let state = self.state();
            let signup = state.signups.iter().find(|s| s.id == key.id && s.token == key.token).ok_or(AppError::NotFound)?;
            if let Some(o) = state.orders.iter().find(|o| o.key == idempotency_key) {
                if o.signup_id != key.id {
                    return Err(AppError::Invalid(vec![FieldError::new("/", ErrorCode::Invalid, "This key was used for another draft.")]));
                }
                Some(o.id.clone())
            } else {
                signup.order_id.clone()
            }
        };
        if let Some(order_id) = existing {
            return self.order_now(&order_id).ok_or(AppError::NotFound);
        }
        let sections = self.with_signup(key, |s| Ok(s.sections.clone()))?;
        let mut errors = check_submittable(&sections, &SubmitRequest { accept_terms: true });
        errors.extend(validate::validate_sections(&sections, &self.catalog));
        errors.extend(validate::validate_across(&sections, &self.catalog));
        if let (true, Some(domain)) = (errors.is_empty(), sections.domain.as_ref()) {
            errors = domain_checks(domain, &self.catalog.shared_domains, &self.taken());
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let order = DemoOrder { id: format!("or_{}", random_hex(20)), signup_id: key.id.clone(), key: idempotency_key.to_owned(), sections, created_ms: now() };
        let id = order.id.clone();
        {
            let mut state = self.state();
            state.orders.push(order);
            if let Some(s) = state.signups.iter_mut().find(|s| s.id == key.id) {
                s.order_id = Some(id.clone());
            }
        }
        self.persist();
        self.order_now(&id).ok_or(AppError::NotFound)
    }

    fn order_now(&self, order_id: &str) -> Option<Order> {
        let state = self.state();
        let o = state.orders.iter().find(|o| o.id == order_id)?;
        let steps = steps_at(o.created_ms, now(), iso);
        let domain = o.sections.domain.clone().unwrap_or_default();
        let admin = o.sections.organization.as_ref().map(|g| g.admin_username.clone()).unwrap_or_default();
        Some(Order {
            id: o.id.clone(),
            signup_id: o.signup_id.clone(),
            created_at: iso(o.created_ms),
            terms_accepted_at: iso(o.created_ms),
            status: Order::status_of(&steps),
            steps,
            admin_handle: format!("@{admin}@{}", domain.handle_domain),
            web_domain: domain.web_domain,
            handle_domain: domain.handle_domain,
            // No payment provider behind a demo: a card or SEPA order says the provider will be
            // in touch, and nothing waits for it.
            payment: o.sections.organization.as_ref().map(|g| {
                let method = g.billing.payment_method;
                onramp_api::payment::Payment {
                    method,
                    state: onramp_api::payment::initial_state(method),
                    reason: None,
                    holds_provisioning: false,
                    pay_online: false,
                    returned: false,
                }
            }),
        })
    }

    /// An order, for the token of its draft.
    pub async fn order(&self, token: &str, order_id: &str) -> Result<Order, AppError> {
        sleep(80).await;
        let owned = {
            let state = self.state();
            state.orders.iter().any(|o| o.id == order_id && state.signups.iter().any(|s| s.id == o.signup_id && s.token == token))
        };
        if !owned {
            return Err(AppError::NotFound);
        }
        self.order_now(order_id).ok_or(AppError::NotFound)
    }

    /// Nothing fails in the demo: the order as it stands.
    pub async fn retry_order(&self, token: &str, order_id: &str) -> Result<Order, AppError> {
        self.order(token, order_id).await
    }

    /// Nothing is mailed in the demo.
    pub async fn send_resume_link(&self, key: &DraftKey) -> Result<(), AppError> {
        sleep(200).await;
        self.with_signup(key, |_| Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_one_after_the_other() {
        let states = |t: f64| steps_at(0.0, t, |ms| ms.to_string()).iter().map(|s| s.state).collect::<Vec<_>>();
        assert_eq!(states(0.0).first(), Some(&StepState::Running));
        assert!(states(0.0).iter().skip(1).all(|s| *s == StepState::Pending));
        assert_eq!(states(STEP_MS * 2.5), [StepState::Done, StepState::Done, StepState::Running, StepState::Pending, StepState::Pending]);
        assert!(states(STEP_MS * 5.0).iter().all(|s| *s == StepState::Done));
        assert_eq!(Order::status_of(&steps_at(0.0, -5.0, |ms| ms.to_string())), onramp_api::order::OrderStatus::Provisioning);
    }

    #[test]
    fn names_are_checked_like_the_server_does() {
        let shared = vec!["social-host.example".to_owned()];
        let status = |n: &str, base: Option<&str>| check_name(n, base, &shared, &["taken.example.net".to_owned()]).status;
        assert_eq!(status("acme", Some("social-host.example")), DomainStatus::Available);
        assert_eq!(status("www", Some("social-host.example")), DomainStatus::Reserved);
        assert_eq!(status("social", Some("social-host.example")), DomainStatus::Taken);
        assert_eq!(status("a", Some("social-host.example")), DomainStatus::Invalid);
        assert_eq!(status("acme", Some("evil.example")), DomainStatus::NotAllowed);
        assert_eq!(status("social.acme.org", None), DomainStatus::Available);
        assert_eq!(status("taken.example.net", None), DomainStatus::Taken);
        assert_eq!(status("x.social-host.example", None), DomainStatus::NotAllowed);
        assert_eq!(status("bad domain", None), DomainStatus::Invalid);
        let a = check_name("social", Some("social-host.example"), &shared, &[]);
        assert!(!a.suggestions.is_empty() && a.suggestions.iter().all(|s| s.ends_with(".social-host.example")));
        assert_eq!(check_name("social.acme.ac.at", None, &shared, &[]).registrable.as_deref(), Some("ac.at"), "the demo's guess without the PSL");
    }
}

impl super::demo_api::DemoApi for DemoBackend {
    fn catalog(&self) -> Answer<'_, Result<Catalog, AppError>> {
        Box::pin(Self::catalog(self))
    }
    fn availability<'a>(&'a self, name: &'a str, base: Option<&'a str>) -> Answer<'a, Result<Availability, AppError>> {
        Box::pin(Self::availability(self, name, base))
    }
    fn verify_domain<'a>(&'a self, key: &'a DraftKey) -> Answer<'a, Result<onramp_api::dns::Verification, AppError>> {
        Box::pin(Self::verify_domain(self, key))
    }
    fn create_signup(&self) -> Answer<'_, Result<CreatedSignup, AppError>> {
        Box::pin(Self::create_signup(self))
    }
    fn seed_scenario(&self, name: &str) -> Option<DraftKey> {
        onramp_api::sample::scenario(name).map(|sections| self.seed(sections))
    }
    fn signup<'a>(&'a self, key: &'a DraftKey) -> Answer<'a, Result<Signup, AppError>> {
        Box::pin(Self::signup(self, key))
    }
    fn update_signup<'a>(&'a self, key: &'a DraftKey, version: u64, patch: &'a DraftSections) -> Answer<'a, Result<Signup, AppError>> {
        Box::pin(Self::update_signup(self, key, version, patch))
    }
    fn upload_asset<'a>(&'a self, key: &'a DraftKey, kind: AssetKind, file: &'a web_sys::Blob, progress: Box<dyn Fn(f64)>) -> Answer<'a, Result<Asset, UploadFailure>> {
        Box::pin(Self::upload_asset(self, key, kind, file, progress))
    }
    fn asset_url<'a>(&'a self, key: &'a DraftKey, id: &'a str) -> Answer<'a, Result<String, AppError>> {
        Box::pin(Self::asset_url(self, key, id))
    }
    fn submit<'a>(&'a self, key: &'a DraftKey, idempotency_key: &'a str) -> Answer<'a, Result<Order, AppError>> {
        Box::pin(Self::submit(self, key, idempotency_key))
    }
    fn order<'a>(&'a self, token: &'a str, order_id: &'a str) -> Answer<'a, Result<Order, AppError>> {
        Box::pin(Self::order(self, token, order_id))
    }
    fn retry_order<'a>(&'a self, token: &'a str, order_id: &'a str) -> Answer<'a, Result<Order, AppError>> {
        Box::pin(Self::retry_order(self, token, order_id))
    }
    fn send_resume_link<'a>(&'a self, key: &'a DraftKey) -> Answer<'a, Result<(), AppError>> {
        Box::pin(Self::send_resume_link(self, key))
    }
    fn partner(&self, id: &str) -> Result<onramp_api::embed::Partner, AppError> {
        onramp_api::sample::partners().into_iter().find(|p| p.id == id).ok_or(AppError::NotFound)
    }
}
