//! The provider's brand as the app shows it: name, logo and colours from the catalogue (the
//! server also writes the name into the page before the wasm runs, which is read at start so the
//! header never shows another name first).

use leptos::prelude::*;
use onramp_api::Provider;
use wasm_bindgen::JsCast;

/// The provider, once the catalogue is in; the name the page was served with until then.
#[derive(Clone, Copy)]
pub struct BrandContext(pub Signal<Brand>);

/// What the header shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Brand {
    /// The provider's name.
    pub name: String,
    /// Its logo, when it passes the contract's check.
    pub logo: Option<String>,
}

impl Brand {
    /// The brand of a provider from the catalogue.
    pub fn of(provider: &Provider) -> Self {
        Self { name: provider.name.clone(), logo: provider.logo.clone().filter(|l| onramp_api::provider::is_image_link(l)) }
    }
}

/// The page's title as served (the server puts the provider's name there).
pub fn served_name() -> String {
    web_sys::window().and_then(|w| w.document()).map(|d| d.title()).unwrap_or_default()
}

/// The brand in context (empty name outside the app).
pub fn use_brand() -> Signal<Brand> {
    use_context::<BrandContext>().map(|b| b.0).unwrap_or_else(|| Signal::derive(|| Brand { name: String::new(), logo: None }))
}

/// Sets the provider's design tokens on the root element (values built from parsed colours
/// only). A partner's theme, applied later in an embedded frame, takes precedence.
pub fn apply_theme(provider: &Provider) {
    let Some(props) = provider.appearance.as_ref().and_then(|a| a.css_properties()) else { return };
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else { return };
    let style = root.style();
    for (name, value) in props {
        let _ = style.set_property(name, &value);
    }
}
