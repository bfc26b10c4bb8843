//! Any bytes → intake (`Photo::decode`) → a small render: must never panic, hang or blow memory.
//! Run: `cargo +nightly fuzz run intake_render -- -max_total_time=600 -rss_limit_mb=2048
//! -max_len=200000 -jobs=1` (see fuzz/README.md).
#![no_main]

use campaign_kit::photo::Photo;
use campaign_kit::render::{render, Inputs};
use campaign_kit::template::builtin_frames;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(photo) = Photo::decode(data) {
        let inputs = Inputs {
            photo: Some(&photo),
            ..Default::default()
        };
        let image = render(&builtin_frames()[0], &inputs, 128).expect("128 px always renders");
        assert_eq!(image.dimensions(), (128, 128));
    }
});
