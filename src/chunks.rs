//! Lazily loaded code: split points, polling a loaded chunk at once, and fetching chunks while the
//! browser is idle (the view that waits for a step is `crate::components::LazyStep`).
//!
//! With the cargo feature `split` each [`split_point!`] is a `#[wasm_split]` function: the
//! release build (`cargo xtask dist`, `Trunk-split.toml`) moves what only it reaches into a chunk
//! that the page fetches on first use. Without the feature (dev builds, wasm-bindgen tests) the
//! same functions are plain `async fn`s that are ready at once; lazy code must never run unsplit.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;

/// A chunk could not be fetched or compiled (offline, a 5xx, a cut connection). Not cached: the
/// next call tries again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Self
    }
}

/// What a chunk's loader returns: a boxed future, so loaders of different chunks share a type.
pub type Loading<T> = Pin<Box<dyn Future<Output = Result<T, ChunkError>>>>;

/// A function behind a split point: `split_point!(chunk, name, T, body)` declares a module
/// `name` with `async fn build() -> Result<T, ChunkError>`, which fetches `chunk` first (once; a
/// failure is retried on the next call) and then runs `body`, and `async fn fetch()`, which only
/// fetches it. `body` sees the caller's imports (`use super::*`).
#[macro_export]
macro_rules! split_point {
    ($chunk:ident, $name:ident, $ret:ty, $body:expr) => {
        #[allow(dead_code)]
        pub mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[cfg(feature = "split")]
            #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload(raw_fetch))]
            pub fn build() -> ::core::result::Result<$ret, $crate::chunks::ChunkError> {
                ::core::result::Result::Ok($body)
            }

            #[cfg(not(feature = "split"))]
            pub async fn build() -> ::core::result::Result<$ret, $crate::chunks::ChunkError> {
                ::core::result::Result::Ok($body)
            }

            /// Fetches the chunk without running anything in it.
            pub async fn fetch() -> ::core::result::Result<(), $crate::chunks::ChunkError> {
                #[cfg(feature = "split")]
                {
                    raw_fetch().await.map_err($crate::chunks::ChunkError::from)
                }
                #[cfg(not(feature = "split"))]
                {
                    ::core::result::Result::Ok(())
                }
            }

            /// [`fetch`] and [`build`] boxed, for [`LazyStep`](crate::components::LazyStep) and the prefetcher.
            pub fn boxed_fetch() -> $crate::chunks::Loading<()> {
                ::std::boxed::Box::pin(fetch())
            }

            /// See [`boxed_fetch`].
            pub fn boxed_build() -> $crate::chunks::Loading<$ret> {
                ::std::boxed::Box::pin(build())
            }
        }
    };
}

/// A lazily loaded view: how to fetch its chunk, and how to build the view once it is there.
#[derive(Clone, Copy)]
pub struct LazyView {
    /// Fetches the chunk without building anything.
    pub fetch: fn() -> Loading<()>,
    /// Builds the view (after `fetch` succeeded this completes at once).
    pub build: fn() -> Loading<AnyView>,
}

/// Polls a future once; `None` if it is not ready yet.
pub fn now<T>(mut future: Pin<Box<dyn Future<Output = T>>>) -> Option<T> {
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => Some(v),
        Poll::Pending => None,
    }
}

/// Fetches `chunks` one after another while the browser is idle (`requestIdleCallback`, or a
/// short timeout where there is none); a failure is left for the step's own view to retry.
pub fn prefetch_when_idle(chunks: Vec<fn() -> Loading<()>>) {
    if !cfg!(feature = "split") || chunks.is_empty() {
        return;
    }
    leptos::task::spawn_local(async move {
        for fetch in chunks {
            idle().await;
            let _ = fetch().await;
        }
    });
}

/// Resolves when the browser is next idle.
async fn idle() {
    let (tx, rx) = futures_channel::oneshot::channel::<()>();
    let mut tx = Some(tx);
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(tx) = tx.take() {
            let _ = tx.send(());
        }
    });
    let scheduled = web_sys::window().and_then(|w| {
        let f: &js_sys::Function = wasm_bindgen::JsCast::unchecked_ref(&callback);
        w.request_idle_callback(f).map(|_| ()).or_else(|_| w.set_timeout_with_callback_and_timeout_and_arguments_0(f, 50).map(|_| ())).ok()
    });
    if scheduled.is_some() {
        let _ = rx.await;
    }
}
