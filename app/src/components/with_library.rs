//! Loads the content library once per page and renders it: every content page waits, and
//! says it could not load, the same way.

use leptos::prelude::*;

use crate::{content::Library, i18n::*, pages::library::load_library};

#[component]
pub fn WithLibrary(render: fn(Library) -> AnyView) -> impl IntoView {
    let i18n = use_i18n();
    let library = OnceResource::new(load_library());
    view! {
        <Suspense fallback=move || view! { <p class="hint">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match library.await {
                    Ok(library) => render(library),
                    Err(_) => view! { <p class="notice">{t!(i18n, content_unavailable)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
