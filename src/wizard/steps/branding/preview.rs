//! The branding step's live preview: the server's about page and one of its posts as another
//! server shows it, drawn from the answers so far. Everything typed is rendered as text.

use leptos::prelude::*;
use onramp_api::color::{dark_variant, is_accessible, suggestion, Rgb};
use onramp_api::{DomainSection, Theme};

use super::strings::use_strings;

use super::form::{BrandingForm, BrandingFormStoreFields, DEFAULT_ACCENT};
use reactive_stores::Store;

/// The accent the preview paints with: the typed colour when it parses and reads on the page;
/// a colour too faint is shown as its nearest readable shade (the step refuses it anyway), and
/// the dark mode of an automatic theme takes its lighter shade. Unparsable: the default.
pub fn preview_accent(typed: &str, theme: Theme, dark: bool) -> String {
    let color = Rgb::parse(typed).or_else(|| Rgb::parse(DEFAULT_ACCENT)).unwrap_or(Rgb(0x43, 0x38, 0xca));
    let shown = if dark && theme == Theme::Auto { dark_variant(color) } else { suggestion(color, theme) };
    shown.to_hex()
}

/// `@name@domain`, with stand-ins for what is not chosen yet.
pub fn handle(admin: &str, domain: Option<&DomainSection>) -> String {
    let name = if admin.trim().is_empty() { "admin" } else { admin.trim() };
    let domain = domain.map(|d| d.handle_domain.as_str()).filter(|d| !d.is_empty()).unwrap_or("example.org");
    format!("@{name}@{domain}")
}

/// The preview beside (or below) the form.
#[component]
pub fn BrandingPreview(
    /// What the step's form holds.
    form: Store<BrandingForm>,
    #[prop(into)] domain: Signal<Option<DomainSection>>,
    #[prop(into)] admin: Signal<String>,
) -> impl IntoView {
    let t = use_strings();
    let (title, description, contact, thumbnail, logo, accent, theme) =
        (form.title(), form.description(), form.contact(), form.thumbnail(), form.logo(), form.accent(), form.theme());
    // With an automatic theme the reader's system decides; the preview shows either.
    let dark_chosen = RwSignal::new(false);
    let dark = move || match theme.get() {
        Theme::Light => false,
        Theme::Dark => true,
        Theme::Auto => dark_chosen.get(),
    };
    let color = move || preview_accent(&accent.get(), theme.get(), dark());
    let shown_title = move || {
        let v = title.get();
        if v.trim().is_empty() { t.preview_title_placeholder.to_owned() } else { v.trim().to_owned() }
    };
    let web = move || domain.get().map(|d| d.web_domain).filter(|d| !d.is_empty()).unwrap_or_else(|| "example.org".into());
    let handle_text = move || handle(&admin.get(), domain.get().as_ref());
    let thumb_url = move || thumbnail.get().and_then(|u| u.url);
    let logo_url = move || logo.get().and_then(|u| u.url);
    let initial = move || shown_title().chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();

    view! {
        <aside class="branding-preview" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t.preview_heading}</h2>
            {move || (theme.get() == Theme::Auto).then(|| view! {
                <div class="preview-mode" role="group" aria-label=t.preview_mode_label>
                    <button type="button" aria-pressed=move || (!dark_chosen.get()).to_string() on:click=move |_| dark_chosen.set(false)>
                        {t.theme_light}
                    </button>
                    <button type="button" aria-pressed=move || dark_chosen.get().to_string() on:click=move |_| dark_chosen.set(true)>
                        {t.theme_dark}
                    </button>
                </div>
            })}
            {move || {
                let typed = accent.get();
                Rgb::parse(&typed)
                    .filter(|c| !is_accessible(*c, theme.get()))
                    .map(|_| view! { <p class="hint">{(t.preview_uses_shade)(&preview_accent(&typed, theme.get(), false))}</p> })
            }}
            <div class="mock" class:mock-dark=dark style:--mock-accent=color>
                <h3 class="mock-caption">{t.preview_about}</h3>
                <div class="mock-about">
                    <div class="mock-banner">
                        {move || thumb_url().map(|url| view! { <img src=url alt=""/> })}
                    </div>
                    <div class="mock-body">
                        <div class="mock-identity">
                            {move || logo_url().map(|url| view! { <img class="mock-logo" src=url alt=""/> })}
                            <div>
                                <p class="mock-title" data-preview="title">{shown_title}</p>
                                <p class="mock-domain">{web}</p>
                            </div>
                        </div>
                        <p class="mock-description" data-preview="description">{move || description.get().trim().to_owned()}</p>
                        <p class="mock-meta">{move || (t.preview_admin)(&handle_text())}</p>
                        {move || {
                            let c = contact.get();
                            (!c.trim().is_empty()).then(|| view! {
                                <p class="mock-meta" data-preview="contact">{(t.preview_contact)(c.trim())}</p>
                            })
                        }}
                        <span class="mock-button">{t.preview_create_account}</span>
                    </div>
                </div>
                <h3 class="mock-caption">{t.preview_post}</h3>
                <article class="mock-post">
                    <div class="mock-post-head">
                        {move || match logo_url() {
                            Some(url) => view! { <img class="mock-avatar" src=url alt=""/> }.into_any(),
                            None => view! { <span class="mock-avatar" aria-hidden="true">{initial}</span> }.into_any(),
                        }}
                        <div class="mock-author">
                            <span class="mock-name">{shown_title}</span>
                            <span class="mock-handle">{handle_text}</span>
                        </div>
                        <span class="mock-time">{t.preview_just_now}</span>
                    </div>
                    <p class="mock-text">
                        {move || (t.preview_post_text)(&shown_title())}
                        " "
                        <span class="mock-link">"#introduction"</span>
                    </p>
                    <div class="mock-card">
                        {move || thumb_url().map(|url| view! { <img src=url alt=""/> })}
                        <div class="mock-card-text">
                            <span class="mock-card-domain">{web}</span>
                            <span class="mock-card-title">{shown_title}</span>
                            <span class="mock-card-description">{move || description.get().trim().to_owned()}</span>
                        </div>
                    </div>
                    <span class="mock-button mock-follow">{t.preview_follow}</span>
                </article>
            </div>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_has_stand_ins_and_shades() {
        assert_eq!(handle("", None), "@admin@example.org");
        let d = DomainSection { handle_domain: "stadt.example".into(), ..Default::default() };
        assert_eq!(handle(" presse ", Some(&d)), "@presse@stadt.example");
        assert_eq!(preview_accent("nonsense", Theme::Light, false), DEFAULT_ACCENT);
        assert_eq!(preview_accent("#8ab4f8", Theme::Dark, true), "#8ab4f8", "dark theme: as chosen");
        assert_ne!(preview_accent("#ffcc00", Theme::Light, false), "#ffcc00", "too faint: a readable shade");
        assert_ne!(preview_accent("#1a1a80", Theme::Auto, true), "#1a1a80", "auto in dark: lighter");
    }
}
