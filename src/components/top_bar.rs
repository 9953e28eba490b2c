//! The page header: the skip link, the product's name and the language switcher.

use leptos::prelude::*;

use crate::components::LanguageSwitcher;
use crate::i18n::use_strings;

/// Skip link and header.
#[component]
pub fn TopBar() -> impl IntoView {
    let t = use_strings();
    view! {
        <a class="skip-link" href="#main">{t.skip_link}</a>
        <header class="topbar">
            <div class="brand">
                <span class="brand-name">{t.app_name}</span>
                <span class="brand-tagline">{t.tagline}</span>
            </div>
            <LanguageSwitcher/>
        </header>
    }
}
