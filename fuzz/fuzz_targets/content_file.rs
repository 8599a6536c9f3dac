//! Any bytes as a content file: decoding, front-matter splitting and parsing
//! as every kind of entity (and as a decision file, and as site.toml) must
//! never panic, whatever the input; problems become diagnostics, and
//! rendering each of them must not panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    bangvang::testing::read_content_file(data);
});
