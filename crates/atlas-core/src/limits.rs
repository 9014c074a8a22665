//! The most a dataset may hold: sizes no real heritage dataset reaches, but
//! past which a phone or a kiosk would run out of memory or freeze. Every
//! limit is here, in one place, and each has its own message naming the
//! limit, the value found and where (docs/data-format.md, "Limits").

/// Files larger than this are refused before they are read (from
/// Content-Length, or as soon as the download passes it): 50 MiB holds the
/// 360,000-site lean benchmark file, and a heritage dataset with full text
/// and events is around 450 bytes a site, so over 100,000 sites.
pub const MAX_DATASET_BYTES: usize = 50 * 1024 * 1024;

/// At most this many features: each site costs the app about a kilobyte of
/// memory once indexed, so 400,000 sites is about 400 MB on a phone, the
/// most it can hold. The 360,000-site benchmark file (`tools/synth.py
/// --lean`) stays loadable; the largest real collection we know of (a
/// national register) has about 100,000 entries.
pub const MAX_FEATURES: usize = 400_000;

/// The longest string, in bytes of UTF-8, anywhere in a feature or in the
/// `atlas` settings (object keys too): 64 KiB is about 21,000 Chinese
/// characters or 10,000 English words, far beyond any description, and
/// keeps a single text node small enough to lay out on a phone. A feature
/// with a longer string is not shown (an error naming the field); a longer
/// string in `atlas` is left out (a warning). Nothing is truncated, since a
/// truncated link or id would point somewhere else.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// The deepest nesting of lists and objects, the file's top-level object
/// counting as level 1 (a feature is at level 3, a MultiPolygon's numbers at
/// level 9). serde_json itself stops at 128 levels with a bare "recursion
/// limit exceeded"; this lower limit is checked before parsing, so the
/// message says where and how deep, and a too-deep feature is skipped
/// while the others still show.
pub const MAX_NESTING_DEPTH: usize = 64;
