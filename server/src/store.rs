//! The storage interface every handler and the workers use: drafts, assets, orders and their
//! steps, taken names, funnel events, and the outbox of mail and webhook events. [`crate::Db`]
//! (SQLite, the embedded default) and [`crate::pg::PgStore`] (PostgreSQL, shared by several
//! instances) implement it; no handler knows which.
//!
//! The calls are synchronous and are made off the async runtime (`routes::blocking`), as SQLite
//! needs; an implementation over an async client can wait on it there.

use onramp_api::asset::{Asset, AssetKind, ImageFormat};
use onramp_api::domain::DomainStatus;
use onramp_api::funnel::EventBatch;
use onramp_api::order::{Order, ProviderOrder, StepKind, StepState};
use onramp_api::webhook::StepReport;
use onramp_api::{CreatedSignup, DraftSections, FieldError, Signup};

use crate::delivery::mail::QueuedMail;
use crate::delivery::{Delivery, DeliveryLine, Outcome};
use crate::funnel::FunnelLine;
use crate::orders::Work;
use crate::{Db, DbError, StoredImage};

/// The rule a draft update must pass as it would be after the write (a rule spanning sections).
pub type Check<'a> = &'a dyn Fn(&DraftSections) -> Vec<FieldError>;

/// Where the reference server keeps everything.
pub trait Store: Send + Sync {
    /// Starts an empty draft, in a partner's embedded flow when `partner` is given.
    fn create_signup_for(&self, partner: Option<&str>) -> Result<CreatedSignup, DbError>;
    /// Reads a draft the token opens.
    fn get_signup(&self, id: &str, token: &str) -> Result<Signup, DbError>;
    /// Replaces the sections in `patch` if the draft is at `expected_version` and `check` passes.
    fn update_signup(&self, id: &str, token: &str, expected_version: u64, patch: DraftSections, check: Check<'_>) -> Result<Signup, DbError>;
    /// The partner whose flow made draft `id`.
    fn signup_partner(&self, id: &str) -> Result<Option<String>, DbError>;
    /// Keeps these subdomain labels back on every shared domain.
    fn reserve_labels(&self, labels: &[String]) -> Result<(), DbError>;
    /// Whether a full ASCII domain, or a label kept back on every shared domain, is taken or reserved.
    fn domain_state(&self, name: &str) -> Result<Option<DomainStatus>, DbError>;
    /// Stores a checked image for a draft the token opens.
    fn add_asset(&self, signup_id: &str, token: &str, image: StoredImage) -> Result<Asset, DbError>;
    /// Deletes the images of drafts that expired unsubmitted; how many.
    fn sweep_assets(&self) -> Result<usize, DbError>;
    /// An image of a draft the token opens.
    fn asset(&self, signup_id: &str, token: &str, asset_id: &str) -> Result<(ImageFormat, Vec<u8>), DbError>;
    /// The kind of each of a draft's assets among `ids`.
    fn asset_kinds(&self, signup_id: &str, ids: &[String]) -> Result<Vec<(String, AssetKind)>, DbError>;
    /// Turns a draft into an order exactly once (with an `order.created` event for each
    /// endpoint, in the same transaction); `true` when this call created it.
    fn submit(&self, signup_id: &str, token: &str, key: &str, sections: &DraftSections, locale: &str, payment: &crate::orders::NewPayment) -> Result<(Order, bool), DbError>;
    /// A new try at the provider's checkout (the draft's token): the order with its sections and
    /// the try's number, from 1.
    fn begin_checkout(&self, order_id: &str, token: &str) -> Result<(ProviderOrder, u32), DbError>;
    /// How many tries at the checkout the customer began.
    fn checkout_attempts(&self, order_id: &str) -> Result<u32, DbError>;
    /// The provider's report on the payment; `None` when there is no such order.
    fn report_payment(&self, order_id: &str, state: onramp_api::payment::PaymentState, reason: Option<&str>, hold: bool) -> Result<Option<Order>, DbError>;
    /// An order, for the token of the draft it came from.
    fn order(&self, order_id: &str, token: &str) -> Result<Order, DbError>;
    /// An order with its sections, for the provider.
    fn provider_order(&self, order_id: &str) -> Result<ProviderOrder, DbError>;
    /// Puts a failed step back in the queue.
    fn retry_failed(&self, order_id: &str, token: &str) -> Result<Order, DbError>;
    /// The next step of every order still provisioning, claimed for this worker (a store shared
    /// by several instances hands each step to one of them at a time).
    fn pending_work(&self) -> Result<Vec<Work>, DbError>;
    /// Gives back the claim on a step the worker looked at and left as it was.
    fn release_work(&self, order_id: &str, position: i64) -> Result<(), DbError>;
    /// Moves a step on (with an `order.step_changed` event, and `mail` queued, in the same
    /// transaction).
    fn set_step(&self, order_id: &str, position: i64, state: StepState, detail: Option<&str>, mail: Option<&QueuedMail>) -> Result<(), DbError>;
    /// The provider's report on a step; `None` when there is no such order.
    fn report_step(&self, order_id: &str, kind: StepKind, report: &StepReport) -> Result<Option<Order>, DbError>;
    /// Queues a mail under `id` (once per id).
    fn queue_mail(&self, id: &str, mail: &QueuedMail) -> Result<(), DbError>;
    /// Takes deliveries due at `now_ms` for an attempt, leased for `lease_ms`.
    fn claim_deliveries(&self, now_ms: i64, lease_ms: i64, limit: usize) -> Result<Vec<Delivery>, DbError>;
    /// Stores what an attempt came to.
    fn finish_delivery(&self, id: &str, outcome: &Outcome) -> Result<(), DbError>;
    /// Deliveries in these states, oldest first.
    fn deliveries(&self, states: &[&str]) -> Result<Vec<DeliveryLine>, DbError>;
    /// Makes a pending or failed delivery due now; `false` when there is none such.
    fn retry_delivery(&self, id: &str) -> Result<bool, DbError>;
    /// Records a resume-link mail if the limits allow one now; else how many seconds until then.
    fn reserve_mail(&self, signup_id: &str, address: &str, limits: crate::MailLimits) -> Result<Result<(), u64>, DbError>;
    /// Stores a batch of funnel events.
    fn add_events(&self, batch: &EventBatch) -> Result<(), DbError>;
    /// The funnel per partner and step.
    fn funnel(&self) -> Result<Vec<FunnelLine>, DbError>;
}

impl Store for Db {
    fn create_signup_for(&self, partner: Option<&str>) -> Result<CreatedSignup, DbError> {
        Db::create_signup_for(self, partner)
    }
    fn get_signup(&self, id: &str, token: &str) -> Result<Signup, DbError> {
        Db::get_signup(self, id, token)
    }
    fn update_signup(&self, id: &str, token: &str, expected_version: u64, patch: DraftSections, check: Check<'_>) -> Result<Signup, DbError> {
        Db::update_signup(self, id, token, expected_version, patch, check)
    }
    fn signup_partner(&self, id: &str) -> Result<Option<String>, DbError> {
        Db::signup_partner(self, id)
    }
    fn domain_state(&self, name: &str) -> Result<Option<DomainStatus>, DbError> {
        Db::domain_state(self, name)
    }
    fn reserve_labels(&self, labels: &[String]) -> Result<(), DbError> {
        Db::reserve_labels(self, labels)
    }
    fn add_asset(&self, signup_id: &str, token: &str, image: StoredImage) -> Result<Asset, DbError> {
        Db::add_asset(self, signup_id, token, image)
    }
    fn asset(&self, signup_id: &str, token: &str, asset_id: &str) -> Result<(ImageFormat, Vec<u8>), DbError> {
        Db::asset(self, signup_id, token, asset_id)
    }
    fn sweep_assets(&self) -> Result<usize, DbError> {
        Db::sweep_assets(self)
    }
    fn asset_kinds(&self, signup_id: &str, ids: &[String]) -> Result<Vec<(String, AssetKind)>, DbError> {
        Db::asset_kinds(self, signup_id, ids)
    }
    fn begin_checkout(&self, order_id: &str, token: &str) -> Result<(ProviderOrder, u32), DbError> {
        Db::begin_checkout(self, order_id, token)
    }
    fn checkout_attempts(&self, order_id: &str) -> Result<u32, DbError> {
        Db::checkout_attempts(self, order_id)
    }
    fn report_payment(&self, order_id: &str, state: onramp_api::payment::PaymentState, reason: Option<&str>, hold: bool) -> Result<Option<Order>, DbError> {
        Db::report_payment(self, order_id, state, reason, hold)
    }
    fn submit(&self, signup_id: &str, token: &str, key: &str, sections: &DraftSections, locale: &str, payment: &crate::orders::NewPayment) -> Result<(Order, bool), DbError> {
        Db::submit(self, signup_id, token, key, sections, locale, payment)
    }
    fn order(&self, order_id: &str, token: &str) -> Result<Order, DbError> {
        Db::order(self, order_id, token)
    }
    fn provider_order(&self, order_id: &str) -> Result<ProviderOrder, DbError> {
        Db::provider_order(self, order_id)
    }
    fn retry_failed(&self, order_id: &str, token: &str) -> Result<Order, DbError> {
        Db::retry_failed(self, order_id, token)
    }
    fn pending_work(&self) -> Result<Vec<Work>, DbError> {
        Db::pending_work(self)
    }
    fn release_work(&self, _order_id: &str, _position: i64) -> Result<(), DbError> {
        // One process owns the SQLite file: there is no claim to give back.
        Ok(())
    }
    fn set_step(&self, order_id: &str, position: i64, state: StepState, detail: Option<&str>, mail: Option<&QueuedMail>) -> Result<(), DbError> {
        Db::set_step(self, order_id, position, state, detail, mail)
    }
    fn report_step(&self, order_id: &str, kind: StepKind, report: &StepReport) -> Result<Option<Order>, DbError> {
        Db::report_step(self, order_id, kind, report)
    }
    fn queue_mail(&self, id: &str, mail: &QueuedMail) -> Result<(), DbError> {
        Db::queue_mail(self, id, mail)
    }
    fn claim_deliveries(&self, now_ms: i64, lease_ms: i64, limit: usize) -> Result<Vec<Delivery>, DbError> {
        Db::claim_deliveries(self, now_ms, lease_ms, limit)
    }
    fn finish_delivery(&self, id: &str, outcome: &Outcome) -> Result<(), DbError> {
        Db::finish_delivery(self, id, outcome)
    }
    fn deliveries(&self, states: &[&str]) -> Result<Vec<DeliveryLine>, DbError> {
        Db::deliveries(self, states)
    }
    fn retry_delivery(&self, id: &str) -> Result<bool, DbError> {
        Db::retry_delivery(self, id)
    }
    fn reserve_mail(&self, signup_id: &str, address: &str, limits: crate::MailLimits) -> Result<Result<(), u64>, DbError> {
        Db::reserve_mail(self, signup_id, address, limits)
    }
    fn add_events(&self, batch: &EventBatch) -> Result<(), DbError> {
        Db::add_events(self, batch)
    }
    fn funnel(&self) -> Result<Vec<FunnelLine>, DbError> {
        Db::funnel(self)
    }
}
