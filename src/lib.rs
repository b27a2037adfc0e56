//! reelcost: the unit economics of generative-media pipelines, from TOML price catalogs and
//! scenarios to an itemised bill per video.
//!
//! [`engine`] is the one cost model; [`report`], [`cli`] and the dashboard ([`tui`]) are its clients.

pub mod builtin;
pub mod cli;
pub mod engine;
pub mod export;
pub mod live;
pub mod project;
pub mod report;
pub mod save;
pub mod tui;
