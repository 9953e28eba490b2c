//! `/status/{order}`: provisioning step by step, polled with backoff (it survives a reload and
//! a lost connection), what to fix when a step fails, and the server's address and the admin
//! handle when it is live.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use onramp_api::order::{Order, OrderStatus, StepKind, StepState};

use crate::api::{ApiClient, AppError};
use crate::browser::sleep;
use crate::components::TopBar;
use crate::format;
use crate::i18n::{current_locale};
use super::StatusStrings;
use super::strings::use_strings;
use super::{OrderSummary, PaymentPanel};
use crate::wizard::{order_token, use_catalog, use_draft};

/// First pause between polls, and the longest.
const POLL_MS: (i32, i32) = (700, 10_000);

/// The pause before the next poll: short while steps move, growing while nothing changes or
/// the connection is down.
pub fn next_delay(previous: i32, changed: bool) -> i32 {
    if changed {
        POLL_MS.0
    } else {
        ((f64::from(previous) * 1.6) as i32).clamp(POLL_MS.0, POLL_MS.1)
    }
}

/// The name of the list of set-up steps: it must not say "being set up" once the server is live.
fn steps_label(status: OrderStatus, t: &StatusStrings) -> &'static str {
    if status == OrderStatus::Live { t.status_steps_done } else { t.status_steps }
}

fn step_label(kind: StepKind, t: &StatusStrings) -> &'static str {
    match kind {
        StepKind::DomainVerified => t.step_domain_verified,
        StepKind::ServerCreated => t.step_server_created,
        StepKind::TlsCertificate => t.step_tls_certificate,
        StepKind::BrandingApplied => t.step_branding_applied,
        StepKind::AdminInviteSent => t.step_admin_invite_sent,
    }
}

fn state_label(state: StepState, t: &StatusStrings) -> &'static str {
    match state {
        StepState::Pending => t.state_pending,
        StepState::Running => t.state_running,
        StepState::Done => t.state_done,
        StepState::Failed => t.state_failed,
    }
}

/// The status page.
#[component]
pub fn StatusPage() -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let params = use_params_map();
    let order_id = params.with_untracked(|p| p.get("order")).unwrap_or_default();
    let token = order_token(&order_id)
        .or_else(|| use_draft().and_then(|d| d.order.get_untracked().filter(|o| *o == order_id).and(d.key())).map(|k| k.token));
    let client = StoredValue::new_local(use_context::<ApiClient>());
    let order = RwSignal::new(None::<Order>);
    // What was ordered: the draft it came from, read once with the same token.
    let ordered = RwSignal::new(None::<onramp_api::DraftSections>);
    let trouble = RwSignal::new(false);
    let missing = RwSignal::new(token.is_none());
    let alive = Arc::new(AtomicBool::new(true));
    let generation = StoredValue::new(0u32);
    {
        let alive = alive.clone();
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    }

    // Back from the provider's checkout: the signed value it returned with; the server says
    // whether it is the current try's (a forged or replayed one shows nothing more).
    let payment_return = crate::query_param("payment_return");
    let poll = {
        let (alive, order_id, token) = (alive.clone(), order_id.clone(), token.clone());
        move || {
            let (Some(client), Some(token)) = (client.get_value(), token.clone()) else { return };
            let (alive, order_id, payment_return) = (alive.clone(), order_id.clone(), payment_return.clone());
            // A newer poll loop (after "Check again") replaces this one.
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            spawn_local(async move {
                let mut delay = POLL_MS.0;
                while alive.load(Ordering::Relaxed) && generation.try_get_value() == Some(mine) {
                    match client.order(&token, &order_id, payment_return.as_deref()).await {
                        Ok(o) => {
                            if ordered.try_get_untracked().flatten().is_none() {
                                let key = crate::api::DraftKey { id: o.signup_id.clone(), token: token.clone() };
                                if let Ok(signup) = client.signup(&key).await {
                                    let _ = ordered.try_set(Some(signup.sections));
                                }
                            }
                            let changed = order.try_get_untracked().flatten().as_ref() != Some(&o);
                            let done = o.status != OrderStatus::Provisioning;
                            let _ = trouble.try_set(false);
                            let _ = order.try_set(Some(o));
                            if done {
                                return;
                            }
                            delay = next_delay(delay, changed);
                        }
                        Err(AppError::NotFound) => {
                            let _ = missing.try_set(true);
                            return;
                        }
                        Err(_) => {
                            let _ = trouble.try_set(true);
                            delay = next_delay(delay, false);
                        }
                    }
                    sleep(delay).await;
                }
            });
        }
    };
    let poll = StoredValue::new_local(poll);
    poll.with_value(|p| p());

    let retry = {
        let (order_id, token) = (order_id.clone(), token.clone());
        move |_| {
            let (Some(client), Some(token)) = (client.get_value(), token.clone()) else { return };
            let order_id = order_id.clone();
            spawn_local(async move {
                if let Ok(o) = client.retry_order(&token, &order_id).await {
                    let _ = order.try_set(Some(o));
                }
                let _ = poll.try_with_value(|p| p());
            });
        }
    };

    // Pay now: the provider's checkout page, by top-level navigation; from an embedded frame in
    // a new tab, while this page goes on polling.
    let opened = RwSignal::new(false);
    let pay_failure = RwSignal::new(None::<AppError>);
    let checkout = {
        let (order_id, token) = (order_id.clone(), token.clone());
        Action::new_local(move |_: &()| {
            let (client, token, order_id) = (client.get_value(), token.clone(), order_id.clone());
            async move {
                let (Some(client), Some(token)) = (client, token) else { return };
                match client.checkout(&token, &order_id).await {
                    Ok(session) => {
                        let Some(window) = web_sys::window() else { return };
                        let framed = window.parent().ok().flatten().is_some_and(|p| p != window);
                        if framed {
                            let _ = window.open_with_url_and_target_and_features(&session.url, "_blank", "noopener");
                            let _ = opened.try_set(true);
                            let _ = poll.try_with_value(|p| p());
                        } else {
                            let _ = window.location().assign(&session.url);
                        }
                    }
                    Err(e) => {
                        let _ = pay_failure.try_set(Some(e));
                    }
                }
            }
        })
    };
    let paying = checkout.pending();
    let pay = Callback::new(move |()| {
        if paying.get_untracked() {
            return;
        }
        pay_failure.set(None);
        checkout.dispatch_local(());
    });
    let provider = use_context::<crate::brand::BrandContext>().map(|b| b.0.get_untracked().name).unwrap_or_default();
    // What was ordered, from the draft it came from (read once the draft store has it).
    let sections = Memo::new(move |_| ordered.get().filter(|s| s.plan.is_some() && s.organization.is_some()));
    let catalog = use_catalog();
    let invoice_to = move || {
        sections
            .get()
            .and_then(|s| s.organization)
            .map(|o| o.billing.email.filter(|e| !e.trim().is_empty()).unwrap_or(o.contact_email))
            .unwrap_or_default()
    };
    let summary = move || {
        let catalog = catalog.and_then(|c| c.get()).and_then(Result::ok)?;
        Some(view! { <OrderSummary sections=sections.get()? catalog=catalog/> })
    };

    let heading = move || match order.get().map(|o| o.status) {
        Some(OrderStatus::Live) => t.status_heading_live,
        Some(OrderStatus::NeedsAttention) => t.status_heading_attention,
        _ => t.status_heading,
    };
    let heading_ref = NodeRef::<leptos::html::H1>::new();
    Effect::new(move || {
        if let (Some(h), true) = (heading_ref.get(), crate::embed::may_move_focus()) {
            let _ = h.focus();
        }
    });
    let intro = (t.status_intro)(&order_id);

    view! {
        <TopBar/>
        <main id="main" class="status-page step" tabindex="-1">
            <h1 class="step-heading" tabindex="-1" node_ref=heading_ref aria-live="polite">{heading}</h1>
            {move || missing.get().then(|| view! { <p class="notice notice-error" role="alert">{t.status_unknown_order}</p> })}
            <p class="lead">{intro}</p>
            {move || trouble.get().then(|| view! { <p class="notice" role="status">{t.status_reconnecting}</p> })}
            {move || order.get().and_then(|o| o.payment).map(|payment| view! {
                <PaymentPanel payment=payment invoice_to=invoice_to() provider=provider.clone() on_pay=pay busy=paying opened=opened failure=pay_failure/>
            })}
            {move || order.get().map(|o| {
                let live = (o.status == OrderStatus::Live).then(|| {
                    let url = format!("https://{}", o.web_domain);
                    view! {
                        <div class="notice live">
                            <p><strong>{(t.live_address)(&url)}</strong></p>
                            <p>{(t.live_admin)(&o.admin_handle)}</p>
                        </div>
                        <h2 class="section-heading">{t.next_steps_heading}</h2>
                        <ol class="next-steps">
                            <li>{t.next_invite}</li>
                            <li>{t.next_signin}</li>
                            <li>{t.next_help}</li>
                        </ol>
                    }
                });
                view! {
                    <ol class="provisioning" aria-label=steps_label(o.status, t)>
                        {o.steps.into_iter().map(|s| {
                            let class = format!("provisioning-step state-{}", s.state.as_str());
                            let when = s.finished_at.clone().or(s.started_at.clone()).map(|w| (t.state_at)(&format::time(&w, locale)));
                            let failed = s.state == StepState::Failed;
                            view! {
                                <li class=class>
                                    <span class="provisioning-name">{step_label(s.kind, t)}</span>
                                    <span class="provisioning-state">{state_label(s.state, t)}</span>
                                    {when.map(|w| view! { <span class="provisioning-time">{w}</span> })}
                                    {(!failed).then_some(s.detail.clone()).flatten().map(|d| view! { <p class="provisioning-detail">{d}</p> })}
                                    {failed.then(|| view! {
                                        <p class="field-error">{s.detail.clone().unwrap_or_default()}</p>
                                        <button type="button" class="button button-secondary" on:click=retry.clone()>{t.check_again}</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    {live}
                }
            })}
            {summary}
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_server_is_not_being_set_up() {
        for l in crate::i18n::Locale::ALL {
            let t = super::super::strings::of(l);
            assert_eq!(steps_label(OrderStatus::Live, t), t.status_steps_done);
            assert_ne!(steps_label(OrderStatus::Live, t), t.status_heading);
            assert_eq!(steps_label(OrderStatus::Provisioning, t), t.status_steps);
        }
    }

    #[test]
    fn polling_backs_off_while_nothing_changes() {
        assert_eq!(next_delay(700, true), 700);
        assert_eq!(next_delay(700, false), 1_120);
        assert_eq!(next_delay(9_000, false), 10_000);
        assert_eq!(next_delay(5_000, true), 700);
    }
}
