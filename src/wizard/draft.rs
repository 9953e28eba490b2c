//! The draft store: the sections the user sees, saved to the backend as they change and
//! mirrored on this device, so a reload or a failed save loses nothing.

use std::cell::Cell;

use leptos::prelude::*;
use leptos::task::spawn_local;
use onramp_api::{DraftSections, PlanSection, Signup};
use serde::{Deserialize, Serialize};

use crate::api::{ApiClient, AppError, DraftKey};
use crate::storage;

/// Local storage key of the [`Mirror`].
pub const MIRROR_KEY: &str = "onramp.draft";

/// Local storage keys of the answers typed on a step and not saved yet.
pub const FORM_KEYS: [&str; 3] = ["onramp.form.organization", "onramp.form.branding", "onramp.form.moderation"];

/// Where saving stands, for the status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing to save yet.
    #[default]
    Idle,
    /// A save is on its way.
    Saving,
    /// The backend has everything.
    Saved,
    /// The last save failed; the edits are kept here.
    Failed(AppError),
}

/// What this device keeps: the draft key and version, and edits the backend has not confirmed.
/// Nothing else (no catalogue, no personal data beyond what the user typed and has not saved).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mirror {
    /// The draft on the backend, once created.
    #[serde(default)]
    pub key: Option<DraftKey>,
    /// Version of the draft last seen.
    #[serde(default)]
    pub version: u64,
    /// Edits not yet confirmed by the backend.
    #[serde(default)]
    pub unsaved: DraftSections,
    /// The idempotency key of this draft's submit, made once and kept (so a retry, a reload
    /// or a second tab sends the same one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submit_key: Option<String>,
}

impl Mirror {
    /// Reads a stored mirror; anything unreadable is an empty one.
    pub fn parse(text: Option<&str>) -> Self {
        text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default()
    }

    /// Forgets the unsaved sections the backend confirmed (those still equal to what was sent;
    /// an edit made while the save was under way stays unsaved).
    pub fn acknowledge(&mut self, sent: &DraftSections) {
        let u = &mut self.unsaved;
        if u.plan.is_some() && u.plan == sent.plan {
            u.plan = None;
        }
        if u.organization.is_some() && u.organization == sent.organization {
            u.organization = None;
        }
        if u.domain.is_some() && u.domain == sent.domain {
            u.domain = None;
        }
        if u.branding.is_some() && u.branding == sent.branding {
            u.branding = None;
        }
        if u.moderation.is_some() && u.moderation == sent.moderation {
            u.moderation = None;
        }
    }

    /// What the user sees: the backend's sections with the unsaved edits on top.
    pub fn view(&self, server: &DraftSections) -> DraftSections {
        let mut view = server.clone();
        view.apply(self.unsaved.clone());
        view
    }
}

/// Something about the draft the user must be told once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftNotice {
    /// The saved draft expired; a new one was started.
    Expired,
    /// The draft changed elsewhere; those changes were loaded and the unsaved ones kept.
    MergedElsewhere,
    /// The draft opened from a resume link.
    Resumed,
}

/// Local storage key of the orders this device placed: order id → the draft's resume token.
pub const ORDERS_KEY: &str = "onramp.orders";

/// The token that opens `order_id`, if this device placed it.
pub fn order_token(order_id: &str) -> Option<String> {
    let map: std::collections::BTreeMap<String, String> =
        storage::get(ORDERS_KEY).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
    map.get(order_id).cloned()
}

fn remember_order(order_id: &str, token: &str) {
    let mut map: std::collections::BTreeMap<String, String> =
        storage::get(ORDERS_KEY).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
    map.insert(order_id.to_owned(), token.to_owned());
    if let Ok(text) = serde_json::to_string(&map) {
        storage::set(ORDERS_KEY, &text);
    }
}

/// Seconds before the `attempt`-th automatic retry of a failed save: 1, 2, 4 … 30, each
/// scaled by `jitter` (0.5 to 1.5) so many tabs do not retry in step.
pub fn backoff_ms(attempt: u32, jitter: f64) -> i32 {
    let base = 1_000f64 * 2f64.powi(attempt.min(5) as i32);
    (base.min(30_000.0) * jitter.clamp(0.5, 1.5)) as i32
}

#[derive(Default)]
struct Inner {
    mirror: Mirror,
    server: DraftSections,
    saving: bool,
    dirty: bool,
    attempt: u32,
    retry_pending: bool,
    waiters: Vec<futures_channel::oneshot::Sender<SaveStatus>>,
}

/// The one draft of this tab, shared by the steps through context.
#[derive(Clone, Copy)]
pub struct DraftStore {
    /// The sections as the user sees them.
    pub sections: RwSignal<DraftSections>,
    /// Where saving stands.
    pub status: RwSignal<SaveStatus>,
    /// Whether the saved draft has been read (steps wait for it before accepting input).
    pub loaded: RwSignal<bool>,
    /// The order the draft became, once submitted.
    pub order: RwSignal<Option<String>>,
    /// What the user must be told about the draft.
    pub notice: RwSignal<Option<DraftNotice>>,
    inner: StoredValue<Inner>,
    client: StoredValue<ApiClient>,
}

impl DraftStore {
    /// A store talking to `client`; call [`DraftStore::load`] once.
    pub fn new(client: ApiClient) -> Self {
        Self {
            sections: RwSignal::new(DraftSections::default()),
            status: RwSignal::new(SaveStatus::Idle),
            loaded: RwSignal::new(false),
            order: RwSignal::new(None),
            notice: RwSignal::new(None),
            inner: StoredValue::new(Inner::default()),
            client: StoredValue::new(client),
        }
    }

    fn persist(&self) {
        let text = self.inner.with_value(|i| serde_json::to_string(&i.mirror).unwrap_or_default());
        storage::set(MIRROR_KEY, &text);
    }

    fn publish(&self) {
        let view = self.inner.with_value(|i| i.mirror.view(&i.server));
        self.sections.set(view);
    }

    /// Reads the draft this device knows of, then saves any edits left unsaved last time. A
    /// device that keeps nothing (a first visit) needs none of the sync code: the steps open at
    /// once, and the code comes when the first answer is saved (see [`Sync`]).
    pub fn load(self) {
        if storage::get(MIRROR_KEY).is_none() {
            self.loaded.set(true);
            return;
        }
        self.with_sync(move |ops| (ops.load)(self));
    }

    /// Runs `f` with the sync code: at once if its chunk is here, else once it is fetched
    /// (tried again with a growing pause while it cannot be: what was typed stays in the
    /// signals and the steps' own mirrors meanwhile, and the save status says so).
    /// However many calls wait, one task fetches the code and then runs them in order.
    fn with_sync(self, f: impl FnOnce(&'static Sync) + 'static) {
        if let Some(ops) = SYNC_HERE.with(Cell::get) {
            return f(ops);
        }
        let first = SYNC_WAITING.with(|w| {
            let mut w = w.borrow_mut();
            w.push(Box::new(f));
            w.len() == 1
        });
        if !first {
            // Asked again while the first fetch waits to try again ("Save again"): one try now.
            spawn_local(async {
                if let Ok(ops) = sync_code().await {
                    run_waiting(ops);
                }
            });
            return;
        }
        spawn_local(async move {
            let mut attempt = 0;
            let ops = loop {
                match sync_code().await {
                    Ok(ops) => break ops,
                    Err(_) => {
                        self.status.set(SaveStatus::Failed(AppError::Network));
                        crate::browser::sleep(backoff_ms(attempt, 0.5 + js_sys::Math::random())).await;
                        attempt += 1;
                    }
                }
            };
            run_waiting(ops);
        });
    }

    /// How the frame judges the organization section: by the contract's rules once the sync code
    /// is here. Before that the draft has no organization section to judge (only the sync code
    /// reads one in, and an edit brings the code), so none counts as complete.
    pub fn organization_check(self) -> super::OrganizationCheck {
        match SYNC_HERE.with(Cell::get) {
            Some(ops) => ops.organization_valid,
            None => |_| false,
        }
    }

    fn load_now(self) {
        let mirror = Mirror::parse(storage::get(MIRROR_KEY).as_deref());
        self.inner.update_value(|i| i.mirror = mirror.clone());
        self.publish();
        spawn_local(async move {
            if let Some(key) = mirror.key.clone() {
                let client = self.client.get_value();
                match client.signup(&key).await {
                    Ok(signup) => self.accept(signup),
                    Err(e @ (AppError::NotFound | AppError::Expired)) => {
                        self.inner.update_value(|i| {
                            i.mirror.key = None;
                            i.mirror.version = 0;
                            i.mirror.submit_key = None;
                        });
                        self.persist();
                        if e == AppError::Expired {
                            self.notice.set(Some(DraftNotice::Expired));
                        }
                    }
                    Err(e) => self.status.set(SaveStatus::Failed(e)),
                }
            }
            self.publish();
            self.loaded.set(true);
            if !mirror.unsaved.is_empty() {
                self.save_now();
            }
        });
    }

    fn accept(&self, signup: Signup) {
        if let Some(order) = &signup.order_id {
            if let Some(key) = self.key() {
                remember_order(order, &key.token);
            }
            self.order.set(Some(order.clone()));
        }
        self.inner.update_value(|i| {
            i.mirror.version = signup.version;
            i.server = signup.sections;
        });
    }

    /// The idempotency key of this draft's submit: made on first use, stored before it is sent.
    pub fn submit_key(self) -> String {
        if let Some(k) = self.inner.with_value(|i| i.mirror.submit_key.clone()) {
            return k;
        }
        // Another tab may have made one already: the stored mirror is the truth.
        let stored = Mirror::parse(storage::get(MIRROR_KEY).as_deref());
        let same_draft = stored.key.is_some() && stored.key == self.key();
        let key = stored
            .submit_key
            .filter(|_| same_draft)
            .or_else(|| web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()))
            .unwrap_or_else(|| format!("k{}-{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e12) as u64));
        self.inner.update_value(|i| i.mirror.submit_key = Some(key.clone()));
        self.persist();
        key
    }

    /// After a submit: the order is remembered with the token that opens it, and this device
    /// forgets the draft (and any answers mirrored for its steps).
    pub fn finish(self, order_id: &str) {
        if let Some(key) = self.key() {
            remember_order(order_id, &key.token);
        }
        self.inner.update_value(|i| {
            i.mirror = Mirror::default();
            i.server = DraftSections::default();
        });
        self.persist();
        for key in FORM_KEYS {
            storage::remove(key);
        }
        // This tab starts afresh if the user comes back to the steps.
        self.publish();
        self.status.set(SaveStatus::Idle);
    }

    /// Opens the draft `key` on this device (a resume link), in place of the one it had.
    pub fn adopt(self, key: DraftKey) {
        self.open(key);
        self.notice.set(Some(DraftNotice::Resumed));
    }

    /// Opens the draft `key` in place of the one this device had, and loads it.
    pub fn open(self, key: DraftKey) {
        // Not loaded from now on: nothing may act on the draft this device had meanwhile.
        self.loaded.set(false);
        self.with_sync(move |ops| (ops.open)(self, key));
    }

    fn open_now(self, key: DraftKey) {
        self.inner.update_value(|i| {
            i.mirror = Mirror { key: Some(key), ..Default::default() };
            i.server = DraftSections::default();
        });
        self.persist();
        for key in FORM_KEYS {
            storage::remove(key);
        }
        self.order.set(None);
        self.loaded.set(false);
        self.load_now();
    }

    /// The key of the draft on the backend, once it exists.
    pub fn key(self) -> Option<DraftKey> {
        self.inner.with_value(|i| i.mirror.key.clone())
    }

    /// Replaces the plan section and saves it.
    pub fn set_plan(self, plan: PlanSection) {
        self.edit(|u| u.plan = Some(plan));
    }

    /// Records an edit as unsaved, shows it, and saves it.
    pub fn edit(self, f: impl FnOnce(&mut DraftSections)) {
        self.inner.update_value(|i| f(&mut i.mirror.unsaved));
        self.publish();
        self.with_sync(move |ops| (ops.after_edit)(self));
    }

    fn after_edit_now(self) {
        self.persist();
        self.save_now();
    }

    /// Saves the unsaved edits now (again, after a failure).
    pub fn save(self) {
        self.with_sync(move |ops| (ops.save)(self));
    }

    fn save_now(self) {
        let busy = self.inner.try_update_value(|i| {
            if i.saving {
                i.dirty = true;
                true
            } else {
                i.saving = true;
                i.dirty = false;
                false
            }
        });
        if busy != Some(false) {
            return;
        }
        spawn_local(async move {
            self.save_loop().await;
            let waiters = self.inner.try_update_value(|i| {
                i.saving = false;
                std::mem::take(&mut i.waiters)
            });
            let status = self.status.get_untracked();
            for waiter in waiters.unwrap_or_default() {
                let _ = waiter.send(status.clone());
            }
        });
    }

    /// Saves whatever is unsaved and waits for the outcome: `Saved`, or `Failed` with the reason
    /// (field errors from the backend included).
    pub async fn settle(self) -> SaveStatus {
        let (tx, rx) = futures_channel::oneshot::channel();
        self.inner.update_value(|i| i.waiters.push(tx));
        self.save_now();
        rx.await.unwrap_or(SaveStatus::Failed(AppError::Network))
    }

    /// Replaces the sections present in `patch` and saves them.
    pub fn set_sections(self, patch: DraftSections) {
        self.edit(|u| u.apply(patch));
    }

    /// Saves again after a pause that grows with each failure (with jitter), until it works.
    fn retry_later(self) {
        let Some(attempt) = self.inner.try_update_value(|i| {
            if i.retry_pending {
                return None;
            }
            i.retry_pending = true;
            i.attempt += 1;
            Some(i.attempt)
        }).flatten() else {
            return;
        };
        let delay = backoff_ms(attempt - 1, 0.5 + js_sys::Math::random());
        spawn_local(async move {
            crate::browser::sleep(delay).await;
            let _ = self.inner.try_update_value(|i| i.retry_pending = false);
            if matches!(self.status.try_get_untracked(), Some(SaveStatus::Failed(ref e)) if e.is_transient()) {
                self.save_now();
            }
        });
    }

    async fn save_loop(self) {
        loop {
            let Some((key, version, patch)) = self.inner.try_update_value(|i| {
                i.dirty = false;
                (i.mirror.key.clone(), i.mirror.version, i.mirror.unsaved.clone())
            }) else {
                return;
            };
            if patch.is_empty() {
                if matches!(self.status.get_untracked(), SaveStatus::Saving | SaveStatus::Idle) {
                    self.status.set(SaveStatus::Saved);
                }
                return;
            }
            self.status.set(SaveStatus::Saving);
            match self.push(key, version, &patch).await {
                Ok((key, signup)) => {
                    self.inner.update_value(|i| {
                        i.mirror.key = Some(key);
                        i.mirror.acknowledge(&patch);
                    });
                    self.accept(signup);
                    self.inner.update_value(|i| i.attempt = 0);
                    self.persist();
                    self.publish();
                    let again = self.inner.with_value(|i| i.dirty || !i.mirror.unsaved.is_empty());
                    if !again {
                        self.status.set(SaveStatus::Saved);
                        return;
                    }
                }
                Err(AppError::Submitted) => {
                    // Another tab submitted: the draft leads to its order now.
                    if let (Some(key), Some(client)) = (self.key(), Some(self.client.get_value())) {
                        if let Ok(signup) = client.signup(&key).await {
                            self.accept(signup);
                        }
                    }
                    self.status.set(SaveStatus::Failed(AppError::Submitted));
                    return;
                }
                Err(e) => {
                    let transient = e.is_transient();
                    self.status.set(SaveStatus::Failed(e));
                    if transient {
                        self.retry_later();
                    }
                    return;
                }
            }
        }
    }

    /// Sends `patch`, creating the draft first if needed; a lost update is retried once on the
    /// latest version, and a draft the backend no longer has is started anew.
    async fn push(
        &self,
        key: Option<DraftKey>,
        version: u64,
        patch: &DraftSections,
    ) -> Result<(DraftKey, Signup), AppError> {
        let client = self.client.get_value();
        let (key, version) = match key {
            Some(key) => (key, version),
            None => self.create(&client).await?,
        };
        match client.update_signup(&key, version, patch).await {
            Ok(signup) => Ok((key, signup)),
            Err(AppError::Conflict) => {
                // Changed elsewhere: take that version, put this device's unsaved answers on
                // top, and say so.
                let latest = client.signup(&key).await?;
                let changed = self.inner.with_value(|i| i.server != latest.sections);
                let signup = client.update_signup(&key, latest.version, patch).await?;
                if changed {
                    self.notice.set(Some(DraftNotice::MergedElsewhere));
                }
                Ok((key, signup))
            }
            Err(AppError::NotFound) => {
                let (key, version) = self.create(&client).await?;
                // A new draft starts empty: send everything the user sees, not just the edits.
                let all = self.inner.with_value(|i| i.mirror.view(&i.server));
                let signup = client.update_signup(&key, version, &all).await?;
                Ok((key, signup))
            }
            Err(e) => Err(e),
        }
    }

    async fn create(&self, client: &ApiClient) -> Result<(DraftKey, u64), AppError> {
        let created = client.create_signup().await?;
        let key = DraftKey { id: created.id, token: created.resume_token };
        self.inner.update_value(|i| {
            i.mirror.key = Some(key.clone());
            i.mirror.version = created.version;
            i.server = DraftSections::default();
        });
        self.persist();
        Ok((key, created.version))
    }
}

/// The draft's sync code: reading the draft and its mirror, saving, merging, retrying. Behind a
/// split point, so a first visit's first step loads none of it (nor the JSON readers and writers
/// of every section); it is fetched while the browser is idle, or on the first save.
pub struct Sync {
    load: fn(DraftStore),
    open: fn(DraftStore, DraftKey),
    after_edit: fn(DraftStore),
    save: fn(DraftStore),
    organization_valid: super::OrganizationCheck,
}

#[allow(dead_code)]
static SYNC: Sync = Sync {
    load: DraftStore::load_now,
    open: DraftStore::open_now,
    after_edit: DraftStore::after_edit_now,
    save: DraftStore::save_now,
    organization_valid: super::organization_valid,
};

crate::split_point!(draft_sync, sync, &'static Sync, &SYNC);

/// Something to run once the sync code is here.
type Waiting = Box<dyn FnOnce(&'static Sync)>;

thread_local! {
    /// The sync code once its chunk is here. Asking the split point itself would start fetching
    /// the chunk, so the frame (which asks on every render) asks this instead.
    static SYNC_HERE: Cell<Option<&'static Sync>> = const { Cell::new(None) };
    /// What waits for the sync code while it is fetched (see [`DraftStore::with_sync`]).
    static SYNC_WAITING: std::cell::RefCell<Vec<Waiting>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs what waited for the sync code, in the order it asked.
fn run_waiting(ops: &'static Sync) {
    for waiting in SYNC_WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
        waiting(ops);
    }
}

/// The sync code, fetched if it is not here yet.
async fn sync_code() -> Result<&'static Sync, crate::chunks::ChunkError> {
    if let Some(ops) = SYNC_HERE.with(Cell::get) {
        return Ok(ops);
    }
    let ops = sync::build().await?;
    SYNC_HERE.with(|s| s.set(Some(ops)));
    Ok(ops)
}

/// Fetches the sync code while the browser is idle (see `crate::routes::prefetch_after`), so the
/// first answer is saved at once.
pub fn prefetch_sync() -> crate::chunks::Loading<()> {
    Box::pin(async { sync_code().await.map(|_| ()) })
}

/// The draft store of the app.
pub fn use_draft() -> Option<DraftStore> {
    use_context::<DraftStore>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use onramp_api::Billing;

    fn plan(id: &str) -> Option<PlanSection> {
        Some(PlanSection { plan_id: id.into(), billing: Billing::Yearly, ..Default::default() })
    }

    #[test]
    fn backoff_grows_with_jitter_and_a_ceiling() {
        assert_eq!(backoff_ms(0, 1.0), 1_000);
        assert_eq!(backoff_ms(1, 1.0), 2_000);
        assert_eq!(backoff_ms(3, 1.0), 8_000);
        assert_eq!(backoff_ms(10, 1.0), 30_000);
        assert_eq!(backoff_ms(0, 0.5), 500);
        assert_eq!(backoff_ms(10, 9.0), 45_000, "jitter is clamped");
    }

    #[test]
    fn unreadable_mirrors_are_empty() {
        assert_eq!(Mirror::parse(None), Mirror::default());
        assert_eq!(Mirror::parse(Some("{oops")), Mirror::default());
        assert_eq!(Mirror::parse(Some("[1,2]")), Mirror::default());
        let m = Mirror { version: 3, ..Default::default() };
        let text = serde_json::to_string(&m).unwrap_or_default();
        assert_eq!(Mirror::parse(Some(&text)), m);
    }

    #[test]
    fn acknowledging_keeps_edits_made_meanwhile() {
        let mut m = Mirror::default();
        m.unsaved.plan = plan("starter");
        let sent = m.unsaved.clone();
        m.unsaved.plan = plan("enterprise");
        m.acknowledge(&sent);
        assert_eq!(m.unsaved.plan, plan("enterprise"));
        let sent = m.unsaved.clone();
        m.acknowledge(&sent);
        assert!(m.unsaved.is_empty());
    }

    #[test]
    fn unsaved_edits_show_over_the_server_draft() {
        let server = DraftSections { plan: plan("starter"), ..Default::default() };
        let mut m = Mirror::default();
        assert_eq!(m.view(&server).plan, plan("starter"));
        m.unsaved.plan = plan("organization");
        assert_eq!(m.view(&server).plan, plan("organization"));
    }
}
