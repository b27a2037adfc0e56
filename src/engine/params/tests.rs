//! Parameters: setting, reading back, merging.

use super::merge;
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

fn scenario(text: &str) -> crate::engine::Scenario {
    crate::engine::load_scenario(&crate::engine::SourceFile::new("s.toml", text)).expect("valid")
}

const OWN: &str = r#"
[parameters]
characters = 2
augmentations = { value = 35, min = 0, max = 100, step = 5, label = "Augmentation images" }
guidance = 3.5
reroll_rate = { value = 0.11, low = 0.10, high = 0.12 }
images = "augmentations + 1"

[[character]]
label = "Training augmentations (35 images)"
model = "fal-ai/flux-pro/kontext"
count = "images"

[[video]]
id = "brief"
model = "anthropic/claude-3-5-haiku"
count = "guidance * 2"

[sale]
credits = 2
pack = "Pro"
[[sale.packs]]
name = "Pro"
credits = 500
price = 20
"#;

#[test]
fn the_scenarios_own_parameters_read_and_set_like_built_in_ones() {
    let mut p = scenario(OWN).params;
    assert_eq!(p.value("augmentations"), Some(Value::Whole(35)));
    assert_eq!(p.value("guidance"), Some(Value::Number(Decimal::new(35, 1))));
    assert_eq!(p.value("images"), Some(Value::Number(Decimal::from(36))));
    p.set("augmentations", "10").expect("within bounds");
    assert_eq!(p.get("images").as_deref(), Some("11"), "derived values follow");
    let err = p.set("augmentations", "105").expect_err("above max");
    assert_eq!(
        (err.message.as_str(), err.help.as_str()),
        ("105 is outside its bounds", "from 0 to 100")
    );
    assert!(p.set("augmentations", "2.5").is_err(), "written whole, it stays whole");
    p.set_decimal("guidance", Decimal::new(42, 1)).expect("a decimal");
    assert_eq!(p.get("guidance").as_deref(), Some("4.2"));
    assert!(
        p.set("images", "3")
            .expect_err("derived")
            .message
            .contains("computed from")
    );
    let err = p.set("augmentatoins", "3").expect_err("typo");
    assert!(err.help.contains("did you mean `augmentations`?"), "{}", err.help);
}

#[test]
fn step_models_and_packs_are_parameters() {
    let file = scenario(OWN).params;
    let mut p = file.clone();
    assert_eq!(p.get("brief.model").as_deref(), Some("anthropic/claude-3-5-haiku"));
    p.set(
        "training-augmentations-35-images.model",
        "fal-ai/flux-pro/kontext/multi",
    )
    .expect("a step");
    assert_ne!(p, file);
    p.set("training-augmentations-35-images.model", "fal-ai/flux-pro/kontext")
        .expect("its own model again");
    assert_eq!(p, file, "the file's own model is no swap");
    let err = p.set("breif.model", "x").expect_err("no such step");
    assert!(err.help.contains("did you mean `brief.model`?"), "{}", err.help);
    let err = p.set("pack", "Por").expect_err("no such pack");
    assert!(err.help.contains("packs: Pro"), "{}", err.help);
    assert_eq!(p.credit_price(), Some(Decimal::new(4, 2)));
    p.set("credit_price", "0.05").expect("a credit price");
    assert_eq!(p.sale.pack, None, "a credit price replaces the pack");
    p.set("paid_share", "25%").expect("a share");
    assert_eq!(p.sale.paid_share, Decimal::new(25, 2));
    p.set("reroll_rate", "0.1").expect("ten per cent");
    let tenth = p.reroll_rate;
    p.set("reroll_rate", "10%").expect("ten per cent");
    assert_eq!(p.reroll_rate, tenth, "0.1 and 10% are the same share");
}

#[test]
fn describe_lists_every_parameter_with_what_a_client_needs() {
    let s = scenario(OWN);
    let catalogs: Vec<_> = crate::builtin::CATALOGS
        .iter()
        .map(|(name, text)| crate::engine::SourceFile::new(*name, *text))
        .collect();
    let catalogs = crate::engine::load_catalogs(&catalogs).expect("valid");
    let list = describe(&s, &catalogs, &s.params);
    let names: Vec<&str> = list.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(&names[..12], &NAMES[..]);
    assert_eq!(
        &names[12..],
        [
            "price",
            "credits",
            "credit_price",
            "pack",
            "target_margin",
            "paid_share",
            "augmentations",
            "guidance",
            "images",
            "training-augmentations-35-images.model",
            "brief.model"
        ]
    );
    let info = |name: &str| list.iter().find(|i| i.name == name).expect(name);
    let aug = info("augmentations");
    assert_eq!((aug.kind, aug.label.as_str()), (Kind::Whole, "Augmentation images"));
    assert_eq!(
        (aug.min, aug.max, aug.step),
        (Some(0.into()), Some(100.into()), Some(5.into()))
    );
    assert!(aug.matters);
    assert_eq!(info("images").kind, Kind::Derived);
    assert_eq!(info("images").expression.as_deref(), Some("augmentations + 1"));
    assert_eq!(
        info("reroll_rate").range,
        Some((Decimal::new(10, 2), Decimal::new(12, 2)))
    );
    assert_eq!(info("guidance").kind, Kind::Decimal);
    assert_eq!(info("pack").choices, vec![Arc::<str>::from("Pro")]);
    assert_eq!(info("brief.model").step_index, Some(1));
    // No scene steps, no clip: scenes and the clip's parameters change nothing here.
    for quiet in ["scenes", "frames", "resolution", "video_model", "price"] {
        assert!(!info(quiet).matters, "{quiet}");
    }
    for loud in ["characters", "videos_per_character", "credits", "pack", "paid_share"] {
        assert!(info(loud).matters, "{loud}");
    }
}

#[test]
fn a_file_change_keeps_tweaks_to_the_scenarios_own_parameters() {
    let old = scenario(OWN).params;
    let new = scenario(&OWN.replace("guidance = 3.5", "guidance = 4")).params;
    let mut mine = old.clone();
    mine.set("augmentations", "20").expect("valid");
    let (merged, kept) = merge(&old, &new, &mine);
    assert_eq!(merged.get("augmentations").as_deref(), Some("20"));
    assert_eq!(merged.get("guidance").as_deref(), Some("4"));
    assert!(kept.is_empty());
}

#[test]
fn a_share_finer_than_a_decimal_holds_is_refused_not_rounded() {
    let mut params = Params::default();
    // 1e-27 per cent is 1e-29 as a share: a 29th decimal place, which would round to zero.
    let error = params.set("paid_share", "0.000000000000000000000000001%").unwrap_err();
    assert!(error.message.contains("more decimal places"), "{error:?}");
    params.set("paid_share", "12.5%").unwrap();
    assert_eq!(params.sale.paid_share, Decimal::new(125, 3));
}
