//! The bench baseline: a Leptos CSR page with the router that fetches `/api/v1/catalog` with
//! gloo-net, decodes it with serde_json and shows one enabled radio per plan. Nothing else.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use serde::Deserialize;

#[derive(Clone, Deserialize)]
struct Plan {
    id: String,
    name: String,
}

#[derive(Clone, Deserialize)]
struct Catalog {
    plans: Vec<Plan>,
}

async fn catalog() -> Option<Catalog> {
    let text = gloo_net::http::Request::get("/api/v1/catalog").send().await.ok()?.text().await.ok()?;
    serde_json::from_str(&text).ok()
}

#[component]
fn Plans() -> impl IntoView {
    let plans = LocalResource::new(catalog);
    view! {
        <main>
            <h1>"Choose your plan"</h1>
            <Suspense fallback=|| view! { <p>"Loading"</p> }>
                {move || plans.get().flatten().map(|c| c.plans.into_iter().map(|p| view! {
                    <label><input type="radio" name="plan" value=p.id/>{p.name}</label>
                }).collect_view())}
            </Suspense>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(|| view! {
        <Router>
            <Routes fallback=|| "Not found">
                <Route path=path!("plan") view=Plans/>
            </Routes>
        </Router>
    });
}
