//! Parameters: setting, reading back, merging.

use super::*;

#[test]
fn a_file_change_keeps_the_users_tweaks() {
    let old_file = Params {
        scenes: 4,
        frames: 100,
        fps: 16,
        ..Params::default()
    };
    let mut new_file = old_file.clone();
    new_file.scenes = 6;
    new_file.frames = 90;
    let mut mine = old_file.clone();
    mine.frames = 80;
    let (merged, kept) = merge(&old_file, &new_file, &mine);
    assert_eq!(merged.scenes, 6, "untouched: the file's new value");
    assert_eq!(merged.frames, 80, "tweaked: the user's value");
    assert_eq!(kept, vec!["frames".to_owned()]);
}

#[test]
fn seconds_sets_frames() {
    let mut p = Params {
        fps: 16,
        frames: 100,
        ..Params::default()
    };
    p.set("seconds", "5").expect("5 s");
    assert_eq!(p.frames, 80);
    let err = p.set("seconds", "5.1").expect_err("81.6 frames");
    assert!(err.message.contains("81.6 frames"), "{err}");
    assert_eq!(p.frames, 80, "a refused value changes nothing");
}

#[test]
fn reroll_rate_must_leave_room_for_success() {
    let mut p = Params::default();
    p.set("reroll_rate", "20%").expect("20%");
    assert_eq!(p.reroll_rate, Decimal::new(2, 1));
    assert!(p.set("reroll_rate", "1").is_err());
    assert!(p.set("reroll_rate", "-0.1").is_err());
}

#[test]
fn unknown_names_get_a_suggestion() {
    let err = Params::default().set("frams", "80").expect_err("unknown");
    assert!(err.help.contains("did you mean `frames`?"), "{}", err.help);
}

#[test]
fn zero_is_refused_where_it_is_meaningless() {
    let mut p = Params::default();
    for name in ["fps", "videos_per_character", "scenes", "frames", "videos_per_month"] {
        assert!(p.set(name, "0").is_err(), "{name}");
    }
    p.set("characters", "0").expect("no characters is fine");
}

#[test]
fn every_name_reads_back_what_was_set() {
    let mut p = Params {
        fps: 16,
        frames: 100,
        resolution: Some("720p".into()),
        ..Params::default()
    };
    for name in NAMES {
        let value = p.get(name).expect("known name");
        if !value.is_empty() {
            let before = p.clone();
            p.set(name, &value).expect(name);
            assert_eq!(p, before, "setting {name} to its own value changes nothing");
        }
    }
}
