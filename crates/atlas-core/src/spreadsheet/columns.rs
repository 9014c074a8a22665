//! The columns of the spreadsheet layout: their English headers (what the
//! template and `export` write), the Chinese names a curator may write
//! instead, and which part of the dataset each one fills.
//!
//! docs/spreadsheet.md lists the same table for curators; a test keeps the
//! two in step.

/// A column the importer knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// `id`: the site's id; rows with the same id are one site.
    Id,
    /// `name_zh`: the site's Chinese name.
    NameZh,
    /// `name_en`: the site's English name.
    NameEn,
    /// `category`: memorial, museum, …
    Category,
    /// `longitude`: decimal degrees or degrees-minutes-seconds.
    Longitude,
    /// `latitude`: decimal degrees or degrees-minutes-seconds.
    Latitude,
    /// `geometry`: a GeoJSON geometry as JSON, for routes and areas.
    Geometry,
    /// `address_zh`.
    AddressZh,
    /// `address_en`.
    AddressEn,
    /// `summary_zh`.
    SummaryZh,
    /// `summary_en`.
    SummaryEn,
    /// `description_zh`.
    DescriptionZh,
    /// `description_en`.
    DescriptionEn,
    /// `precision_m`: uncertainty radius in metres.
    PrecisionM,
    /// `approximate`: yes/no.
    Approximate,
    /// `location_note_zh`.
    LocationNoteZh,
    /// `location_note_en`.
    LocationNoteEn,
    /// `date`: the event's date, or the start of its period.
    Date,
    /// `end_date`: the end of the event's period.
    EndDate,
    /// `circa`: yes/no, the date is approximate.
    Circa,
    /// `event_title_zh`.
    EventTitleZh,
    /// `event_title_en`.
    EventTitleEn,
    /// `event_text_zh`.
    EventTextZh,
    /// `event_text_en`.
    EventTextEn,
    /// `source_title`.
    SourceTitle,
    /// `source_url`.
    SourceUrl,
    /// `source_accessed`.
    SourceAccessed,
    /// `media_src`.
    MediaSrc,
    /// `media_alt_zh`.
    MediaAltZh,
    /// `media_alt_en`.
    MediaAltEn,
    /// `media_caption_zh`.
    MediaCaptionZh,
    /// `media_caption_en`.
    MediaCaptionEn,
    /// `media_credit`.
    MediaCredit,
    /// `media_license`.
    MediaLicense,
    /// `dataset`: the dataset's settings (`atlas`: title, tour, …) as JSON, in one cell.
    Dataset,
}

/// What a column belongs to, which decides how blank cells are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The site: a blank cell means "as above" (carried down).
    Site,
    /// The event of this row.
    Event,
    /// A source of the site, one per row.
    Source,
    /// An image of the site, one per row.
    Media,
    /// The whole dataset, written once.
    Dataset,
}

impl Column {
    /// Every column, in the order the template and `export` write them.
    pub const ALL: [Column; 35] = [
        Column::Id,
        Column::NameZh,
        Column::NameEn,
        Column::Category,
        Column::Longitude,
        Column::Latitude,
        Column::Date,
        Column::EndDate,
        Column::Circa,
        Column::EventTitleZh,
        Column::EventTitleEn,
        Column::EventTextZh,
        Column::EventTextEn,
        Column::SummaryZh,
        Column::SummaryEn,
        Column::DescriptionZh,
        Column::DescriptionEn,
        Column::AddressZh,
        Column::AddressEn,
        Column::PrecisionM,
        Column::Approximate,
        Column::LocationNoteZh,
        Column::LocationNoteEn,
        Column::SourceTitle,
        Column::SourceUrl,
        Column::SourceAccessed,
        Column::MediaSrc,
        Column::MediaAltZh,
        Column::MediaAltEn,
        Column::MediaCaptionZh,
        Column::MediaCaptionEn,
        Column::MediaCredit,
        Column::MediaLicense,
        Column::Geometry,
        Column::Dataset,
    ];

    /// The English header, as the template writes it.
    pub fn header(self) -> &'static str {
        self.names().0
    }

    /// The Chinese name, accepted as a header too.
    pub fn chinese(self) -> &'static str {
        self.names().1
    }

    fn names(self) -> (&'static str, &'static str) {
        use Column::*;
        match self {
            Id => ("id", "编号"),
            NameZh => ("name_zh", "名称（中文）"),
            NameEn => ("name_en", "名称（英文）"),
            Category => ("category", "类别"),
            Longitude => ("longitude", "经度"),
            Latitude => ("latitude", "纬度"),
            Geometry => ("geometry", "几何（GeoJSON）"),
            AddressZh => ("address_zh", "地址（中文）"),
            AddressEn => ("address_en", "地址（英文）"),
            SummaryZh => ("summary_zh", "简介（中文）"),
            SummaryEn => ("summary_en", "简介（英文）"),
            DescriptionZh => ("description_zh", "详细介绍（中文）"),
            DescriptionEn => ("description_en", "详细介绍（英文）"),
            PrecisionM => ("precision_m", "位置误差（米）"),
            Approximate => ("approximate", "近似位置"),
            LocationNoteZh => ("location_note_zh", "位置说明（中文）"),
            LocationNoteEn => ("location_note_en", "位置说明（英文）"),
            Date => ("date", "日期"),
            EndDate => ("end_date", "结束日期"),
            Circa => ("circa", "约数"),
            EventTitleZh => ("event_title_zh", "事件标题（中文）"),
            EventTitleEn => ("event_title_en", "事件标题（英文）"),
            EventTextZh => ("event_text_zh", "事件说明（中文）"),
            EventTextEn => ("event_text_en", "事件说明（英文）"),
            SourceTitle => ("source_title", "来源标题"),
            SourceUrl => ("source_url", "来源链接"),
            SourceAccessed => ("source_accessed", "来源访问日期"),
            MediaSrc => ("media_src", "图片地址"),
            MediaAltZh => ("media_alt_zh", "图片替代文本（中文）"),
            MediaAltEn => ("media_alt_en", "图片替代文本（英文）"),
            MediaCaptionZh => ("media_caption_zh", "图片说明（中文）"),
            MediaCaptionEn => ("media_caption_en", "图片说明（英文）"),
            MediaCredit => ("media_credit", "图片作者"),
            MediaLicense => ("media_license", "图片许可"),
            Dataset => ("dataset", "数据集设置（JSON）"),
        }
    }

    /// What the column fills.
    pub fn part(self) -> Part {
        use Column::*;
        match self {
            Date | EndDate | Circa | EventTitleZh | EventTitleEn | EventTextZh | EventTextEn => {
                Part::Event
            }
            SourceTitle | SourceUrl | SourceAccessed => Part::Source,
            MediaSrc | MediaAltZh | MediaAltEn | MediaCaptionZh | MediaCaptionEn | MediaCredit
            | MediaLicense => Part::Media,
            Dataset => Part::Dataset,
            _ => Part::Site,
        }
    }

    /// The language a text column holds, if it is one of a zh/en pair.
    pub fn lang(self) -> Option<crate::text::Lang> {
        use crate::text::Lang;
        let header = self.header();
        if header.ends_with("_zh") {
            Some(Lang::Zh)
        } else if header.ends_with("_en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Reads a header cell: the English header (any case, spaces for `_`) or
    /// the Chinese name (full- or half-width brackets).
    pub fn from_header(cell: &str) -> Option<Column> {
        let english = cell.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let chinese = cell.trim().replace('(', "（").replace(')', "）");
        Column::ALL
            .into_iter()
            .find(|c| c.header() == english || c.chinese() == chinese)
    }

    /// Every English header, for spotting a misspelt one.
    pub fn headers() -> [&'static str; 35] {
        Column::ALL.map(Column::header)
    }
}

/// `0 → "A"`, `26 → "AA"`: the letter a spreadsheet shows above a column.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_in_english_or_chinese() {
        assert_eq!(Column::from_header(" Name_ZH "), Some(Column::NameZh));
        assert_eq!(
            Column::from_header("event title en"),
            Some(Column::EventTitleEn)
        );
        assert_eq!(Column::from_header("名称(中文)"), Some(Column::NameZh));
        assert_eq!(Column::from_header("经度"), Some(Column::Longitude));
        assert_eq!(Column::from_header("nmae_zh"), None);
    }

    #[test]
    fn every_column_has_its_own_header_and_chinese_name() {
        let mut english: Vec<_> = Column::ALL.iter().map(|c| c.header()).collect();
        let mut chinese: Vec<_> = Column::ALL.iter().map(|c| c.chinese()).collect();
        english.sort();
        english.dedup();
        chinese.sort();
        chinese.dedup();
        assert_eq!(english.len(), Column::ALL.len());
        assert_eq!(chinese.len(), Column::ALL.len());
    }

    #[test]
    fn column_letters_run_like_a_spreadsheets() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
