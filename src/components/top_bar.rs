//! The page header: the skip link, the demo banner in a demo, the provider's name and logo (with the
//! partner's when embedded), a way out of an embedded flow, and the language switcher.

use leptos::prelude::*;
use onramp_api::embed::AppMessage;

use crate::components::{DemoBannerView, LanguageSwitcher};
use crate::embed::{self, PartnerContext};
use crate::i18n::use_strings;

/// Skip link and header.
#[component]
pub fn TopBar() -> impl IntoView {
    let t = use_strings();
    let brand = crate::brand::use_brand();
    let partner = use_context::<PartnerContext>().map(|p| p.0);
    let partner_name = move || partner.and_then(|p| p.get()).map(|p| p.name);
    // Only a logo that passes the contract's check (a small PNG, JPEG or WebP by its bytes).
    let partner_logo = move || partner.and_then(|p| p.get()).and_then(|p| p.logo).filter(|l| onramp_api::embed::is_logo(l));
    view! {
        <a class="skip-link" href="#main">{t.skip_link}</a>
        {use_context::<DemoBannerView>().map(|banner| (banner.0)())}
        <header class="topbar">
            <div class="brand">
                {move || brand.get().logo.map(|src| view! { <img class="provider-logo" src=src alt="" height="32"/> })}
                <span class="brand-name">{move || brand.get().name}</span>
                <span class="brand-tagline">{t.tagline}</span>
                {move || partner_name().map(|n| view! {
                    <span class="offered-with">
                        {partner_logo().map(|src| view! { <img class="partner-logo" src=src alt="" height="24"/> })}
                        {(t.offered_with)(&n)}
                    </span>
                })}
            </div>
            <div class="topbar-actions">
                {move || (partner_name().is_some() && embed::is_bridged()).then(|| view! {
                    <button type="button" class="button button-secondary" on:click=move |_| embed::post(&AppMessage::Exit)>
                        {t.embed_exit}
                    </button>
                })}
                <LanguageSwitcher/>
            </div>
        </header>
    }
}
