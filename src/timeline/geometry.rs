//! The timeline's reactive geometry, in one place: the axis fitted to the
//! data, where each event sits on it, the zoomed view, and the conversions
//! between years and screen x that marks, ticks, sliders and playback share.

use std::sync::Arc;

use atlas_core::model::EventRef;
use atlas_core::time::{self, step_precision};
use atlas_core::time_axis::{AxisView, TimeAxis};
use atlas_core::Precision;
use leptos::html::Div;
use leptos::prelude::*;

use crate::state::AtlasState;

/// Events of the chronology, in date order, as the timeline needs them.
#[derive(Debug, Default, PartialEq)]
pub struct Chronology {
    /// Which event of which site.
    pub refs: Vec<EventRef>,
    /// Start of each event on the continuous year axis (non-decreasing).
    pub starts: Vec<f64>,
    /// Position of each event's start along the axis (non-decreasing).
    pub us: Vec<f64>,
}

/// Shared by every part of the timeline (a `Copy` context).
#[derive(Clone, Copy)]
pub struct TimelineGeometry {
    /// The axis fitted to the data.
    pub axis: Memo<Arc<TimeAxis>>,
    /// The events, positioned.
    pub chronology: Memo<Arc<Chronology>>,
    /// First and last moment of the data: the sliders' ends.
    pub extent: Memo<(f64, f64)>,
    /// The part of the axis on screen.
    pub view: Memo<AxisView>,
    /// The strip the marks and sliders sit on, for pointer positions.
    pub strip: NodeRef<Div>,
    /// Width of one mark slot (CSS px): the smallest clickable size.
    pub slot_px: f64,
    /// How many events stack in a slot before they merge.
    pub lanes: u8,
}

impl TimelineGeometry {
    /// Builds the geometry for `state`'s data on a strip `width` px wide.
    pub fn new(
        state: AtlasState,
        strip: NodeRef<Div>,
        width: Signal<f64>,
        slot_px: f64,
        lanes: u8,
    ) -> Self {
        let chronology = Memo::new(move |_| {
            Arc::new(
                state
                    .with_atlas(|atlas| {
                        let refs = atlas.chronology().to_vec();
                        let starts = refs
                            .iter()
                            .map(|&r| atlas.event(r).date.start_years())
                            .collect();
                        Chronology {
                            refs,
                            starts,
                            us: Vec::new(),
                        }
                    })
                    .unwrap_or_default(),
            )
        });
        let periods = Memo::new(move |_| {
            state
                .with_atlas(|atlas| {
                    atlas
                        .chronology()
                        .iter()
                        .map(|&r| {
                            let d = atlas.event(r).date;
                            (d.start_years(), d.end_years())
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        });
        let axis = Memo::new(move |_| Arc::new(periods.with(|p| TimeAxis::fit(p.iter().copied()))));
        let positioned = Memo::new(move |_| {
            let axis = axis.get();
            let c = chronology.get();
            Arc::new(Chronology {
                refs: c.refs.clone(),
                starts: c.starts.clone(),
                us: c.starts.iter().map(|&t| axis.u(t)).collect(),
            })
        });
        let extent = Memo::new(move |_| {
            periods.with(|p| {
                let start = p.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
                let end = p.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
                if start.is_finite() && end.is_finite() {
                    // Whole years at the ends, so Home and End read as years.
                    (start.floor(), end.ceil())
                } else {
                    (1900.0, 2000.0)
                }
            })
        });
        let view = Memo::new(move |_| {
            let w = width.get().max(1.0);
            match state.timeline_view().get() {
                Some(v) => v.resized(w),
                None => AxisView::fitted(w),
            }
        });
        Self {
            axis,
            chronology: positioned,
            extent,
            view,
            strip,
            slot_px,
            lanes,
        }
    }

    /// Screen x of year `t` in the current view.
    pub fn x_of(&self, t: f64) -> f64 {
        let u = self.axis.with(|a| a.u(t));
        self.view.with(|v| v.x(u))
    }

    /// The year at screen x in the current view (untracked: for handlers).
    pub fn t_at(&self, x: f64) -> f64 {
        let u = self.view.with_untracked(|v| v.u(x));
        self.axis.with_untracked(|a| a.t(u))
    }

    /// How finely a control moves near year `t` at the current zoom.
    pub fn precision_at(&self, t: f64) -> Precision {
        let u_per_year = self.axis.with_untracked(|a| a.u_per_year_at(t));
        let px_per_year = u_per_year * self.view.with_untracked(AxisView::scale);
        step_precision(1.0 / px_per_year.max(1e-12))
    }

    /// `t` kept within the data's extent.
    pub fn clamp(&self, t: f64) -> f64 {
        let (a, b) = self.extent.get_untracked();
        t.clamp(a, b)
    }

    /// The year under a pointer at `client_x`, snapped to a clean date.
    pub fn t_at_client(&self, client_x: f64) -> Option<f64> {
        let x = crate::dom::local_point(self.strip, client_x, 0.0)?.x;
        let t = self.t_at(x);
        Some(self.clamp(time::snap(t, self.precision_at(t))))
    }

    /// Changes the zoomed view (the map of the state keeps it across redraws).
    pub fn set_view(&self, state: AtlasState, next: AxisView) {
        state.set_timeline_view(Some(next));
    }
}

/// The timeline's geometry from context.
pub fn use_geometry() -> TimelineGeometry {
    expect_context::<TimelineGeometry>()
}
