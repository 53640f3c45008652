//! A browser bundle: the app's hydration, exported to the page's script.

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    app::hydrate();
}
