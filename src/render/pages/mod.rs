//! One module per family of pages: each holds the views of its pages and
//! the code that fills them, and renders them through its templates.

pub mod boards;
pub mod calendar;
pub mod commendations;
pub mod conferences;
pub mod decisions;
pub mod exemplars;
pub mod feeds;
pub mod home;
pub mod library;
pub mod movements;
pub mod news;
pub mod open_data;
pub mod other;
pub mod plans;
pub mod rolls;
pub mod stats;
pub mod units;
