//! Which reader a curator's file goes to, decided from its name (and, for a
//! name without an extension, the media type a browser reports), so the
//! page's "Open file" and the command line agree on what a file is.
//!
//! The name decides first: browsers report an empty media type for most
//! `.geojson` files, and `text/csv` or `application/vnd.ms-excel` for the
//! same `.csv` depending on the system, so the type is only a fallback.

/// The kinds of file that hold a dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatasetFileKind {
    /// GeoJSON (`.geojson`, `.json`), read by [`crate::load_bytes`].
    GeoJson,
    /// A spreadsheet saved as CSV (`.csv`): one row per event.
    Csv,
}

impl DatasetFileKind {
    /// The kind of the file named `name`, by its extension in any case; a
    /// name without a known extension falls back on `media_type` (the
    /// browser's `File.type`, often empty). `None`: not a dataset file.
    pub fn of_file(name: &str, media_type: &str) -> Option<Self> {
        let extension = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.trim().to_ascii_lowercase());
        match extension.as_deref() {
            Some("geojson" | "json") => Some(Self::GeoJson),
            Some("csv") => Some(Self::Csv),
            _ => Self::of_media_type(media_type),
        }
    }

    /// The kind a media type names (parameters such as `; charset=utf-8`
    /// ignored); `None` for any other type.
    fn of_media_type(media_type: &str) -> Option<Self> {
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "application/geo+json" | "application/json" => Some(Self::GeoJson),
            "text/csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_extension_decides_in_any_case() {
        assert_eq!(
            DatasetFileKind::of_file("sites.geojson", ""),
            Some(DatasetFileKind::GeoJson)
        );
        assert_eq!(
            DatasetFileKind::of_file("Sites.GeoJSON", ""),
            Some(DatasetFileKind::GeoJson)
        );
        assert_eq!(
            DatasetFileKind::of_file("export.geo.json", ""),
            Some(DatasetFileKind::GeoJson)
        );
        assert_eq!(
            DatasetFileKind::of_file("红色遗址.CSV", ""),
            Some(DatasetFileKind::Csv)
        );
    }

    #[test]
    fn a_known_extension_wins_over_a_misleading_media_type() {
        // Windows reports .csv files as Excel's.
        assert_eq!(
            DatasetFileKind::of_file("sites.csv", "application/vnd.ms-excel"),
            Some(DatasetFileKind::Csv)
        );
        assert_eq!(
            DatasetFileKind::of_file("sites.json", "text/plain"),
            Some(DatasetFileKind::GeoJson)
        );
    }

    #[test]
    fn a_name_without_a_known_extension_falls_back_on_the_media_type() {
        assert_eq!(
            DatasetFileKind::of_file("sites", "application/geo+json"),
            Some(DatasetFileKind::GeoJson)
        );
        assert_eq!(
            DatasetFileKind::of_file("sites", "text/csv; charset=utf-8"),
            Some(DatasetFileKind::Csv)
        );
        assert_eq!(DatasetFileKind::of_file("sites", ""), None);
    }

    #[test]
    fn other_files_are_not_datasets() {
        for name in [
            "sites.xlsx",
            "photo.jpg",
            "notes.txt",
            "sites.geojson.zip",
            "geojson",
            ".csv.bak",
        ] {
            assert_eq!(DatasetFileKind::of_file(name, ""), None, "{name}");
        }
        assert_eq!(DatasetFileKind::of_file("notes.txt", "text/plain"), None);
    }

    proptest! {
        #[test]
        fn any_stem_with_a_dataset_extension_is_that_kind(stem in "\\PC{0,40}", upper in any::<bool>()) {
            let ext = |e: &str| if upper { e.to_ascii_uppercase() } else { e.to_owned() };
            prop_assert_eq!(DatasetFileKind::of_file(&format!("{stem}.{}", ext("geojson")), ""), Some(DatasetFileKind::GeoJson));
            prop_assert_eq!(DatasetFileKind::of_file(&format!("{stem}.{}", ext("csv")), "application/json"), Some(DatasetFileKind::Csv));
        }

        #[test]
        fn no_name_or_type_makes_it_panic(name in "\\PC{0,60}", media in "\\PC{0,30}") {
            let _ = DatasetFileKind::of_file(&name, &media);
        }
    }
}
