//! The dataset as the app uses it: immutable, validated, indexed once.

use crate::date::EventDate;
use crate::geo::{Bounds, LonLat};
use crate::shape::Shape;
use crate::text::{Lang, LocalizedText};
use crate::time::TimeFilter;

/// The kind of a site; a known set drives symbols and the legend.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// A monument or memorial.
    Memorial,
    /// A museum or memorial hall.
    Museum,
    /// A place where revolutionary history happened (old offices, schools…).
    RevolutionarySite,
    /// An education or party-building base.
    Base,
    /// Where an event (a battle, a liberation) took place.
    EventSite,
    /// A landmark that helps orientation; not itself red heritage.
    Landmark,
    /// A martyrs' cemetery.
    Cemetery,
    /// An administrative or development zone.
    Zone,
    /// Anything else; shown with a generic symbol.
    Other(String),
}

/// No category given: the generic symbol.
impl Default for Category {
    fn default() -> Self {
        Category::Other(String::new())
    }
}

impl Category {
    /// The known categories, in legend order.
    pub const KNOWN: [&'static str; 8] = crate::contract::CATEGORY_NAMES;

    /// Reads a category name from the data; unknown names are kept as `Other`.
    pub fn from_name(name: &str) -> Self {
        match name {
            "memorial" => Self::Memorial,
            "museum" => Self::Museum,
            "revolutionary-site" => Self::RevolutionarySite,
            "base" => Self::Base,
            "event-site" => Self::EventSite,
            "landmark" => Self::Landmark,
            "cemetery" => Self::Cemetery,
            "zone" => Self::Zone,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The name as written in the data (CSS class suffix too).
    pub fn name(&self) -> &str {
        match self {
            Self::Memorial => "memorial",
            Self::Museum => "museum",
            Self::RevolutionarySite => "revolutionary-site",
            Self::Base => "base",
            Self::EventSite => "event-site",
            Self::Landmark => "landmark",
            Self::Cemetery => "cemetery",
            Self::Zone => "zone",
            Self::Other(name) => name,
        }
    }

    /// The label visitors read.
    pub fn label(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            Self::Memorial => ("纪念碑", "Memorial"),
            Self::Museum => ("纪念馆·博物馆", "Museum or memorial hall"),
            Self::RevolutionarySite => ("革命旧址", "Revolutionary site"),
            Self::Base => ("教育基地", "Education base"),
            Self::EventSite => ("事件发生地", "Event site"),
            Self::Landmark => ("地标", "Landmark"),
            Self::Cemetery => ("烈士陵园", "Martyrs' cemetery"),
            // 园区 reads as an industrial park; a zone is a development zone
            // (开发区) or a district (行政区), like the High-tech Zone and Huqiu.
            Self::Zone => ("开发区·行政区", "Zone"),
            // A site with no category still gets a word in the legend, not a blank.
            Self::Other(name) if name.trim().is_empty() => ("其他", "Other"),
            Self::Other(name) => return name.clone(),
        };
        match lang {
            Lang::Zh => zh.to_owned(),
            Lang::En => en.to_owned(),
        }
    }
}

/// Something that happened at a site.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// When, to the precision the sources give.
    pub date: EventDate,
    /// A short title.
    pub title: LocalizedText,
    /// A few sentences, plain text.
    pub text: LocalizedText,
}

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Title of the source.
    pub title: String,
    /// Link (http(s) or relative only), if there is one.
    pub url: Option<String>,
    /// When the link was read, as written in the data.
    pub accessed: Option<String>,
}

/// An image of the site.
#[derive(Clone, Debug, PartialEq)]
pub struct Media {
    /// Same-origin path or http(s) URL.
    pub src: String,
    /// What the image shows, for visitors who cannot see it.
    pub alt: LocalizedText,
    /// A caption under the image.
    pub caption: LocalizedText,
    /// Who made it.
    pub credit: Option<String>,
    /// Under which licence it is shown.
    pub license: Option<String>,
}

/// How well the position is known.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Location {
    /// Uncertainty radius in metres.
    pub precision_m: Option<f64>,
    /// The point stands in for the place (a proxy or an estimate).
    pub approximate: bool,
    /// What the point is, for visitors.
    pub note: LocalizedText,
}

/// A heritage site: one feature of the dataset.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Site {
    /// Unique, URL-safe id.
    pub id: String,
    /// Index of the feature in the file, for messages.
    pub feature_index: usize,
    /// Name.
    pub name: LocalizedText,
    /// Category.
    pub category: Category,
    /// Events, in date order.
    pub events: Vec<Event>,
    /// A short summary.
    pub summary: LocalizedText,
    /// Address.
    pub address: LocalizedText,
    /// Position on the map; `None` for a site whose place is not known yet.
    /// For a route or an area this is its marker's anchor (the middle of the
    /// route, a point inside the area) and `shape` holds what to draw.
    pub position: Option<LonLat>,
    /// The route or area of a site that is more than a point.
    pub shape: Option<Shape>,
    /// How well the position is known.
    pub location: Location,
    /// Sources.
    pub sources: Vec<Source>,
    /// A longer description than the summary.
    pub description: LocalizedText,
    /// Images.
    pub media: Vec<Media>,
    /// For a place without events: what the file said about its time when
    /// that held no date ("Historic", "Late 1700s"), kept for the panel.
    pub date_as_written: Option<DateAsWritten>,
    /// For a feature written by another tool (no `events` list): its other
    /// plain properties as written (`historic: castle`, `mag: 4.4`), so the
    /// panel of an unnamed place still says what it is.
    pub other_fields: Vec<(String, String)>,
}

/// A time value from another tool's field that holds no date the viewer can place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateAsWritten {
    /// The property it was written in (`founded`, `start_date`…).
    pub field: String,
    /// The value as written.
    pub text: String,
}

impl Site {
    /// A place with no event: shown on the map, not on the timeline.
    pub fn is_undated(&self) -> bool {
        self.events.is_empty()
    }

    /// The earliest event's date: when the site enters history.
    pub fn first_date(&self) -> Option<EventDate> {
        self.events.first().map(|e| e.date)
    }
}

/// A basemap layer the dataset asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BasemapLayerRef {
    /// Layer id.
    pub id: String,
    /// Same-origin path, relative to the dataset file.
    pub url: String,
    /// What it draws: "water", "river"…
    pub kind: String,
}

/// Dataset settings from the top-level `atlas` member.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AtlasSettings {
    /// Title of the dataset.
    pub title: LocalizedText,
    /// What the dataset shows.
    pub description: LocalizedText,
    /// The language to open in when the visitor has not chosen one.
    pub default_language: Option<Lang>,
    /// Offline basemap layers.
    pub basemap: Vec<BasemapLayerRef>,
    /// Credit line for the basemap.
    pub basemap_attribution: Option<String>,
    /// Optional raster tiles under the vector layers; `None` means no network at all.
    pub tiles: Option<TileSettings>,
    /// The guided tour (`atlas.tour`); empty when the dataset has none.
    pub tour: crate::tour::Tour,
    /// Kiosk settings (`atlas.kiosk`); defaults when the dataset has none.
    pub kiosk: crate::kiosk::KioskSettings,
}

/// The dataset's `atlas.tiles` setting: an XYZ tile source.
#[derive(Clone, Debug, PartialEq)]
pub struct TileSettings {
    /// URL template with `{z}`, `{x}`, `{y}` (http(s) only).
    pub url: String,
    /// Credit line the provider requires.
    pub attribution: String,
    /// The datum the provider draws in.
    pub datum: crate::tiles::Datum,
    /// The deepest zoom the provider serves.
    pub max_zoom: u8,
}

/// A reference to one event of one site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EventRef {
    /// Index into `Atlas::sites`.
    pub site: usize,
    /// Index into that site's `events`.
    pub event: usize,
}

/// A loaded dataset: settings, valid sites, and a chronology index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Atlas {
    /// Settings.
    pub settings: AtlasSettings,
    /// The sites that passed validation, in file order.
    pub sites: Vec<Site>,
    chronology: Vec<EventRef>,
}

impl Atlas {
    /// Builds the indexes over `sites`.
    pub fn new(settings: AtlasSettings, sites: Vec<Site>) -> Self {
        // Each event's date as one integer beside it: comparing dates reached
        // through their sites was a tenth of a 36k load.
        let mut keyed: Vec<(u128, EventRef)> = sites
            .iter()
            .enumerate()
            .flat_map(|(s, site)| {
                site.events
                    .iter()
                    .enumerate()
                    .map(move |(e, event)| (event.date.order_key(), EventRef { site: s, event: e }))
            })
            .collect();
        // Stable: events on the same date keep file order, so the timeline never reshuffles.
        keyed.sort_by_key(|(key, _)| *key);
        let chronology = keyed.into_iter().map(|(_, r)| r).collect();
        Self {
            settings,
            sites,
            chronology,
        }
    }

    /// Every event of every site, in date order.
    pub fn chronology(&self) -> &[EventRef] {
        &self.chronology
    }

    /// The event behind a reference.
    pub fn event(&self, r: EventRef) -> &Event {
        &self.sites[r.site].events[r.event]
    }

    /// The site with this id.
    pub fn site_index(&self, id: &str) -> Option<usize> {
        self.sites.iter().position(|s| s.id == id)
    }

    /// Bounds of the located sites, whole routes and areas included (so a
    /// fitted map shows all of them), or `None` if no site is located.
    pub fn bounds(&self) -> Option<Bounds> {
        Bounds::around(self.sites.iter().flat_map(|s| {
            s.position
                .into_iter()
                .chain(s.shape.iter().flat_map(|shape| shape.positions()))
        }))
    }
}

// The time filter reads sites, so its site rules live with the model: the
// filter itself (time.rs) stays below the model and the tour that uses it.
impl TimeFilter {
    /// Whether `site` shows under this filter. A place without a date has
    /// no time to filter by, so it always shows (the timeline says how many).
    pub fn admits(&self, site: &Site) -> bool {
        if site.is_undated() {
            return true;
        }
        match *self {
            TimeFilter::All => true,
            TimeFilter::AsOf(t) => site.first_date().is_some_and(|d| d.start_years() <= t),
            TimeFilter::Between(from, to) => site
                .events
                .iter()
                .any(|e| e.date.start_years() < to && e.date.end_years() > from),
        }
    }
}

impl Atlas {
    /// Indexes of the sites that pass `filter`, in file order.
    pub fn visible_sites(&self, filter: TimeFilter) -> Vec<usize> {
        self.sites
            .iter()
            .enumerate()
            .filter(|(_, s)| filter.admits(s))
            .map(|(i, _)| i)
            .collect()
    }
}
