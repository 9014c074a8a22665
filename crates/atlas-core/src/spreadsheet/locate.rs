//! Putting the loader's problems back on the sheet: its field paths
//! (`properties.events[2].date`) lead to the row and column the value came from.

use crate::problem::{Problem, ProblemKind};
use crate::text::Lang;

use super::columns::Column;
use super::problem::CellPlace;
use super::read::Places;

impl Places {
    /// The cell a loader problem is about.
    pub(crate) fn locate(&self, problem: &Problem) -> CellPlace {
        let Some(rows) = problem.feature.and_then(|i| self.features.get(i)) else {
            return if problem.field.starts_with("atlas") {
                self.cell(self.settings_row, Some(Column::Dataset))
            } else {
                self.cell(None, None)
            };
        };
        let lang = match problem.kind {
            ProblemKind::MissingTranslation(lang) => lang,
            _ => Lang::Zh,
        };
        let pick = |zh: Column, en: Column| if lang == Lang::En { en } else { zh };
        let field = problem.field.as_str();
        let in_list = |list: &str, rows_of: &[usize]| -> Option<(usize, String)> {
            let rest = field.strip_prefix(list)?.strip_prefix('[')?;
            let (index, member) = rest.split_once(']')?;
            let row = index
                .parse::<usize>()
                .ok()
                .and_then(|i| rows_of.get(i).copied())?;
            Some((row, member.trim_start_matches('.').to_owned()))
        };
        let (row, column) = if let Some((row, member)) = in_list("properties.events", &rows.events)
        {
            let column = match member.as_str() {
                "date" => Some(Column::Date),
                "end_date" => Some(Column::EndDate),
                "circa" => Some(Column::Circa),
                "title" => Some(pick(Column::EventTitleZh, Column::EventTitleEn)),
                "text" => Some(pick(Column::EventTextZh, Column::EventTextEn)),
                _ => None,
            };
            (row, column)
        } else if let Some((row, member)) = in_list("properties.sources", &rows.sources) {
            let column = match member.as_str() {
                "url" => Column::SourceUrl,
                "accessed" => Column::SourceAccessed,
                _ => Column::SourceTitle,
            };
            (row, Some(column))
        } else if let Some((row, member)) = in_list("properties.media", &rows.media) {
            let column = match member.as_str() {
                "alt" => pick(Column::MediaAltZh, Column::MediaAltEn),
                "caption" => pick(Column::MediaCaptionZh, Column::MediaCaptionEn),
                "credit" => Column::MediaCredit,
                "license" => Column::MediaLicense,
                _ => Column::MediaSrc,
            };
            (row, Some(column))
        } else {
            let column = match field {
                "properties.id" | "id" | "properties.@id" => Some(Column::Id),
                "properties.name" => Some(pick(Column::NameZh, Column::NameEn)),
                "properties.category" => Some(Column::Category),
                "properties.summary" => Some(pick(Column::SummaryZh, Column::SummaryEn)),
                "properties.description" => {
                    Some(pick(Column::DescriptionZh, Column::DescriptionEn))
                }
                "properties.address" => Some(pick(Column::AddressZh, Column::AddressEn)),
                "properties.location.precision_m" => Some(Column::PrecisionM),
                "properties.location.approximate" => Some(Column::Approximate),
                "properties.location.note" => {
                    Some(pick(Column::LocationNoteZh, Column::LocationNoteEn))
                }
                "properties.sources" => Some(Column::SourceTitle),
                "properties.media" => Some(Column::MediaSrc),
                "properties.events" => Some(Column::Date),
                f if f.starts_with("geometry") && rows.geometry_json => Some(Column::Geometry),
                f if f.starts_with("geometry") => Some(Column::Longitude),
                _ => None,
            };
            let row = column
                .and_then(|c| rows.cells.get(&c))
                .copied()
                .unwrap_or(rows.first);
            (row, column)
        };
        self.cell(Some(row), column)
    }
}
