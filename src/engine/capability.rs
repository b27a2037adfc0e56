//! What a step needs of the model that makes it: a clip made from a keyframe needs a model
//! that takes an image, however cheap a text-only model would be.

use super::catalog::{Catalogs, Kind, Model};
use super::params::{Params, step_model};
use super::scenario::Scenario;

/// What a step's model must take in, beyond a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The step starts from an image: a keyframe made before it, or the image its own model
    /// is written to start from.
    Image,
}

impl Need {
    /// Whether a model meets the need.
    pub fn met_by(self, model: &Model) -> bool {
        match self {
            Self::Image => model.takes_image(),
        }
    }
}

/// What the model of step `index` must take in, at these parameters. A video step needs an
/// image when an image step of the same stage comes before it (a keyframe feeds the clip), or
/// when the model the scenario itself writes there starts from an image.
pub fn need_of(scenario: &Scenario, catalogs: &Catalogs, params: &Params, index: usize) -> Option<Need> {
    let step = scenario.steps.get(index)?;
    let own = catalogs.model(&step.model);
    let now = step_model(scenario, catalogs, params, index)?;
    if now.kind != Kind::Video {
        return None;
    }
    let keyframe = scenario
        .steps
        .iter()
        .enumerate()
        .take(index)
        .filter(|(_, s)| s.stage == step.stage)
        .any(|(i, _)| step_model(scenario, catalogs, params, i).is_some_and(|m| m.kind == Kind::Image));
    (keyframe || own.is_some_and(|m| m.takes_image())).then_some(Need::Image)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{SourceFile, load_catalogs, load_scenario};

    fn need(steps: &str) -> Option<Need> {
        let catalog = SourceFile::new(
            "c.toml",
            "provider = \"P\"\ncurrency = \"USD\"\n\
             [[model]]\nid = \"p/image\"\nkind = \"image\"\nunit = \"image\"\nprice = 1\n\
             [[model]]\nid = \"p/text-to-video\"\nkind = \"video\"\nunit = \"second\"\nprice = 1\n\
             [[model]]\nid = \"p/image-to-video\"\nkind = \"video\"\nunit = \"second\"\nprice = 1\n",
        );
        let catalogs = load_catalogs(&[catalog]).expect("catalog loads");
        let text = format!("name = \"s\"\n[parameters]\nscenes = 1\n{steps}");
        let scenario = load_scenario(&SourceFile::new("s.toml", text)).expect("scenario loads");
        let clip = scenario.steps.len() - 1;
        need_of(&scenario, &catalogs, &scenario.params, clip)
    }

    #[test]
    fn a_clip_after_a_keyframe_or_on_an_image_model_needs_an_image() {
        let keyframe = "[[scene]]\nmodel = \"p/image\"\n[[scene]]\nmodel = \"p/text-to-video\"\n";
        assert_eq!(need(keyframe), Some(Need::Image));
        assert_eq!(need("[[scene]]\nmodel = \"p/image-to-video\"\n"), Some(Need::Image));
        assert_eq!(need("[[scene]]\nmodel = \"p/text-to-video\"\n"), None);
        let other_stage = "[[character]]\nmodel = \"p/image\"\n[[scene]]\nmodel = \"p/text-to-video\"\n";
        assert_eq!(need(other_stage), None, "a character's image is no keyframe");
    }
}
