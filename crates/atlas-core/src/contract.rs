//! Names fixed by the data contract (docs/data-format.md) that several layers
//! need: the model reads them, problem messages quote them. A leaf module, so
//! neither has to import the other.

/// The known site categories, in legend order. Other names still load, as
/// `Category::Other`, and draw with a style slot of their own
/// (`category_style`).
pub const CATEGORY_NAMES: [&str; 8] = [
    "memorial",
    "museum",
    "revolutionary-site",
    "base",
    "event-site",
    "landmark",
    "cemetery",
    "zone",
];
