//! A chosen file's bytes, through the File API, to the loader that fits its
//! kind: one `match`, so each kind of file is one arm.

use std::sync::Arc;

use atlas_core::file_kind::DatasetFileKind;
use atlas_core::{FatalError, MAX_DATASET_BYTES};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{js_sys, File};

use crate::dataset::LoadedAtlas;
use crate::load::{load_local_file, load_local_sheet, LoadError, PendingBasemap};

/// Reads `file` and loads it as the served dataset would load (basemap
/// layers relative to `served_path`).
pub async fn read_local_file(
    file: &File,
    served_path: &str,
) -> Result<(Arc<LoadedAtlas>, PendingBasemap), LoadError> {
    let name = file.name();
    let kind = DatasetFileKind::of_file(&name, &file.type_()).ok_or(LoadError::UnsupportedFile)?;
    // Refused before reading, as the served loader refuses a long
    // Content-Length: a curator's tab never freezes on a wrong file.
    let size = file.size() as usize;
    if size > MAX_DATASET_BYTES {
        return Err(LoadError::Fatal(FatalError::TooLarge {
            bytes: size,
            limit: MAX_DATASET_BYTES,
        }));
    }
    let bytes = file_bytes(file).await?;
    match kind {
        DatasetFileKind::GeoJson => load_local_file(name, bytes, served_path).await,
        DatasetFileKind::Csv => load_local_sheet(name, bytes, served_path).await,
    }
}

/// The whole file, copied once into wasm memory.
async fn file_bytes(file: &File) -> Result<Vec<u8>, LoadError> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|error| {
        let detail = match error.dyn_ref::<js_sys::Error>() {
            Some(e) => String::from(e.to_string()),
            None => error.as_string().unwrap_or_else(|| format!("{error:?}")),
        };
        LoadError::Unreadable(detail)
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
