//! Integration tests: fixture sites built end to end and checked as users and
//! validators see them. One test binary, a module per feature (see tests/README.md).

mod hashes;
mod helpers;
mod invalid;
mod language;
mod limits;
mod look;
mod media;
mod plans;
mod serve;
mod sheets;
mod site;
mod timeline;
mod trust;
