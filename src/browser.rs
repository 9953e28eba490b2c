//! Small browser helpers: waiting without blocking, and the browser's own IDNA (UTS 46)
//! conversion through its URL parser, so no IDNA tables ship in the wasm.

/// Resolves after `ms` milliseconds (a timer, never a busy wait).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Removes a parameter from the address bar without a reload or a history entry.
pub fn drop_query_param(name: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(url) = web_sys::Url::new(&window.location().href().unwrap_or_default()) else { return };
    url.search_params().delete(name);
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

/// Puts `text` on the clipboard; false when the browser offers no clipboard here.
pub fn copy_to_clipboard(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return false };
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
    let write = clipboard
        .as_ref()
        .and_then(|c| js_sys::Reflect::get(c, &"writeText".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match (clipboard, write) {
        (Some(c), Some(f)) => f.call1(&c, &text.into()).is_ok(),
        _ => false,
    }
}

/// Characters that would make the URL parser read something other than a host name.
fn has_url_syntax(input: &str) -> bool {
    input.chars().any(|c| matches!(c, '/' | '?' | '#' | '@' | ':' | '[' | ']' | '\\' | '%') || c.is_whitespace())
}

/// A host name as typed (Unicode or ASCII) in its ASCII form, as the browser converts it;
/// `None` when it is not a host name at all.
pub fn to_ascii_host(input: &str) -> Option<String> {
    let input = input.trim();
    let input = input.strip_suffix('.').unwrap_or(input);
    if input.is_empty() || has_url_syntax(input) {
        return None;
    }
    if cfg!(target_arch = "wasm32") {
        let url = web_sys::Url::new(&format!("http://{input}/")).ok()?;
        Some(url.hostname())
    } else {
        input.is_ascii().then(|| input.to_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_syntax_is_never_a_host() {
        for bad in ["", " ", "a/b", "a@b.org", "a:80", "a b", "x?y", "%41.org"] {
            assert_eq!(to_ascii_host(bad), None, "{bad:?}");
        }
        assert_eq!(to_ascii_host("Example.ORG.").as_deref(), Some("example.org"));
    }
}
