//! A large generated catalog, the shape of BENCHMARKS.md's 63 MB one.

/// A catalog of about `bytes` bytes: video models with two rates and a multiplier each.
pub fn large_catalog(bytes: usize) -> String {
    use std::fmt::Write;
    let mut text = String::from("provider = \"Generated\"\ncurrency = \"USD\"\n");
    let mut i = 0;
    while text.len() < bytes {
        let _ = write!(
            text,
            "\n[[model]]\nid = \"generated/model-{i}\"\nname = \"Model {i}\"\nkind = \"video\"\nunit = \"clip\"\n\
             rates = [\n  {{ resolution = \"480p\", price = 0.20 }},\n  {{ resolution = \"720p\", price = 0.40 }},\n]\n\
             multipliers = [{{ frames_above = 81, factor = 1.25 }}]\n"
        );
        i += 1;
    }
    text
}
