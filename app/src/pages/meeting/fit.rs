//! Makes a part of the projector fit its box, whatever it holds: first by making the type
//! smaller, down to what is still readable from the back of a room, then by splitting the
//! items into pages that turn by themselves (a board of answers) or by showing the top and
//! counting the rest (a ranking: "+ 12 flere").
//!
//! It measures in the browser (the only place that knows the screen and the fonts): the box
//! carries `--fit`, a factor its CSS multiplies the type with, and items it does not show
//! carry `hidden`. On the server nothing is measured; the box is cut off until the page is
//! live, a moment later.

use leptos::{html, prelude::*};

/// What to do when the smallest type still does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FitMode {
    /// Split the items into pages and turn them every few seconds.
    Pages,
    /// Show the first items that fit and count the rest.
    Top,
}

/// What a fitted box shows now, for the lines around it ("Side 1 af 3", "+ 12 flere").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FitState {
    /// 0-based page shown now.
    pub page: usize,
    pub pages: usize,
    /// Items not shown at all (`FitMode::Top`).
    pub more: usize,
}

/// The type factors tried, largest first. The smallest keeps the board's type at 28 px on a
/// 1080 px screen (the CSS sets each box's full size relative to the screen's height).
#[cfg(feature = "hydrate")]
const LEVELS: [f64; 5] = [1.0, 0.88, 0.78, 0.7, 0.62];

/// How long one page of a paged board stays up.
#[cfg(feature = "hydrate")]
const PAGE_SECONDS: u64 = 12;

/// A box whose children are fitted each time `content` changes and when the window is
/// resized. Items are the elements with class `fit-item` inside it.
#[component]
pub fn FitBox<T>(
    content: Memo<T>,
    mode: FitMode,
    state: RwSignal<FitState>,
    #[prop(optional)] class: &'static str,
    children: ChildrenFn,
) -> impl IntoView
where
    T: PartialEq + Clone + Send + Sync + 'static,
{
    let node = NodeRef::<html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let pages = StoredValue::new(Vec::<std::ops::Range<usize>>::new());
        let refit = move || {
            if let Some(el) = node.get_untracked() {
                let ranges = layout(&el, mode);
                let count = ranges.len();
                let shown = ranges.first().map_or(0, |r| r.len());
                let total = ranges.last().map_or(0, |r| r.end);
                pages.set_value(ranges);
                show_page(&el, &pages.get_value(), 0);
                state.set(FitState {
                    page: 0,
                    pages: if mode == FitMode::Pages { count } else { 1 },
                    more: if mode == FitMode::Top {
                        total - shown
                    } else {
                        0
                    },
                });
            }
        };
        Effect::new(move |_| {
            content.track();
            request_animation_frame(refit);
        });
        let resize = window_event_listener(leptos::ev::resize, move |_| refit());
        on_cleanup(move || resize.remove());
        if mode == FitMode::Pages
            && let Ok(turn) = set_interval_with_handle(
                move || {
                    let Some(current) = state.try_get_untracked() else {
                        return;
                    };
                    if current.pages < 2 {
                        return;
                    }
                    let page = (current.page + 1) % current.pages;
                    if let Some(el) = node.get_untracked() {
                        show_page(&el, &pages.get_value(), page);
                    }
                    state.set(FitState { page, ..current });
                },
                std::time::Duration::from_secs(PAGE_SECONDS),
            )
        {
            on_cleanup(move || turn.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (content, mode, state);
    view! {
        <div class=format!("fit-box {class}") node_ref=node>{children()}</div>
    }
}

#[cfg(feature = "hydrate")]
fn items(el: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let Ok(list) = el.query_selector_all(".fit-item") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

#[cfg(feature = "hydrate")]
fn overflows(el: &web_sys::HtmlElement) -> bool {
    el.scroll_height() > el.client_height() + 1 || el.scroll_width() > el.client_width() + 1
}

/// Finds the largest type at which everything fits; failing that, splits the items into
/// pages at the smallest type. Returns the pages as ranges of item indices.
#[cfg(feature = "hydrate")]
fn layout(el: &web_sys::HtmlElement, _mode: FitMode) -> Vec<std::ops::Range<usize>> {
    let items = items(el);
    for item in &items {
        item.set_hidden(false);
    }
    let style = el.style();
    for level in LEVELS {
        let _ = style.set_property("--fit", &level.to_string());
        if !overflows(el) {
            // One page with every item.
            return std::iter::once(0..items.len()).collect();
        }
    }
    // Page by page: add items until one does not fit, then start the next page with it.
    for item in &items {
        item.set_hidden(true);
    }
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, item) in items.iter().enumerate() {
        item.set_hidden(false);
        if i > start && overflows(el) {
            for earlier in &items[start..i] {
                earlier.set_hidden(true);
            }
            ranges.push(start..i);
            start = i;
        }
    }
    ranges.push(start..items.len());
    ranges
}

#[cfg(feature = "hydrate")]
fn show_page(el: &web_sys::HtmlElement, pages: &[std::ops::Range<usize>], page: usize) {
    let Some(range) = pages.get(page) else {
        return;
    };
    for (i, item) in items(el).iter().enumerate() {
        item.set_hidden(!range.contains(&i));
    }
}
