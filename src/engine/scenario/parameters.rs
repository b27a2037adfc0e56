//! Reading `[parameters]`: the built-in ones, the scenario's own (`augmentations = 35`), the
//! long form with bounds (`{ value = 35, min = 0, max = 100, step = 5, label = "..." }`) and
//! derived ones (`finished_seconds_per_scene = "voice_seconds + 0.5"`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

use super::names::Names;
use crate::engine::expr::Expression;
use crate::engine::number::{self, parse_decimal};
use crate::engine::params::schema::{Bounds, Custom, Derivation};
use crate::engine::params::{NAMES, Number, Params, Ref, SALE_NAMES};
use crate::engine::source::{Diagnostic, Origin, SourceFile};
use crate::engine::suggest;

/// A parameter's value as written: a bare value, or the long form's inline table.
#[derive(Debug)]
pub(super) enum RawParam {
    /// `name = 35`, `name = "expr"`, `name = true`.
    Short(toml::Value),
    /// `name = { value = 35, min = 0, ... }`, each entry with its place.
    Long(BTreeMap<String, Spanned<toml::Value>>),
}

impl<'de> serde::Deserialize<'de> for RawParam {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawParamVisitor)
    }
}

struct RawParamVisitor;

impl<'de> Visitor<'de> for RawParamVisitor {
    type Value = RawParam;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, text, a boolean or an inline table { value = ... }")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawParam, E> {
        Ok(RawParam::Short(toml::Value::Boolean(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawParam, E> {
        Ok(RawParam::Short(toml::Value::Integer(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawParam, E> {
        i64::try_from(v)
            .map(|v| RawParam::Short(toml::Value::Integer(v)))
            .map_err(|_| E::custom("the integer is too large for TOML, whose integers are 64-bit"))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawParam, E> {
        Ok(RawParam::Short(toml::Value::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawParam, E> {
        Ok(RawParam::Short(toml::Value::String(v.to_owned())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawParam, A::Error> {
        while seq.next_element::<toml::Value>()?.is_some() {}
        Ok(RawParam::Short(toml::Value::Array(Vec::new())))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawParam, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            entries.insert(key, map.next_value::<Spanned<toml::Value>>()?);
        }
        Ok(RawParam::Long(entries))
    }
}

/// What `[parameters]` gives.
pub(super) struct Read {
    /// The built-in values, and the scenario's own in their slots.
    pub params: Params,
    /// Where each built-in parameter is written.
    pub origins: BTreeMap<&'static str, Origin>,
    /// The names expressions bind against.
    pub names: Names,
    /// The scenario's own parameters, by slot.
    pub custom: Vec<Custom>,
    /// Long-form bounds of built-in parameters.
    pub builtin_bounds: Vec<(&'static str, Bounds)>,
    /// Derived values, in file order (ordered later, once all are known).
    pub derivations: Vec<Derivation>,
}

const LONG_KEYS: [&str; 7] = ["value", "min", "max", "step", "low", "high", "label"];

/// Reads `[parameters]`, collecting every problem into `found`.
pub(super) fn read(
    file: &Arc<SourceFile>,
    raw: BTreeMap<String, Spanned<RawParam>>,
    found: &mut Vec<Diagnostic>,
) -> Read {
    let mut entries: Vec<(String, Spanned<RawParam>)> = raw.into_iter().collect();
    // fps comes before seconds so that a clip length converts at the file's frame rate; the
    // rest keep the file's order.
    entries.sort_by_key(|(name, value)| (name != "fps", value.span().start));
    let builtin = |name: &str| NAMES.iter().copied().find(|n| *n == name);
    let names = Names {
        custom: entries
            .iter()
            .filter(|(n, _)| builtin(n).is_none())
            .map(|(n, _)| Arc::from(n.as_str()))
            .collect(),
    };
    let mut read = Read {
        params: Params::default(),
        origins: BTreeMap::new(),
        names,
        custom: Vec::new(),
        builtin_bounds: Vec::new(),
        derivations: Vec::new(),
    };
    let frames_given = entries.iter().any(|(n, _)| n == "frames");
    for (name, value) in entries {
        let origin = Origin::new(file, value.span());
        let (value, bounds) = match value.into_inner() {
            RawParam::Short(v) => (Some((v, origin.clone())), Bounds::default()),
            RawParam::Long(table) => match long_form(file, &name, &origin, table) {
                Ok(parts) => parts,
                Err(d) => {
                    found.push(d);
                    continue;
                }
            },
        };
        let Some((value, at)) = value else { continue };
        let result = match builtin(&name) {
            Some(name) => read.builtin(file, name, &value, &at, bounds, frames_given),
            None => read.own(file, &name, &value, &at, bounds),
        };
        if let Err(d) = result {
            found.push(d);
        }
    }
    read
}

/// The long form's value (with where it is written) and its bounds.
fn long_form(
    file: &Arc<SourceFile>,
    name: &str,
    origin: &Origin,
    table: BTreeMap<String, Spanned<toml::Value>>,
) -> Result<(Option<(toml::Value, Origin)>, Bounds), Diagnostic> {
    let mut bounds = Bounds::default();
    let mut value = None;
    for (key, entry) in table {
        let at = Origin::new(file, entry.span());
        let decimal = |what: &str| number::decimal(file, &entry, &format!("{name}'s {what}")).map(|l| Some(l.value));
        match key.as_str() {
            "value" => value = Some((entry.into_inner(), at)),
            "min" => bounds.min = decimal("min")?,
            "max" => bounds.max = decimal("max")?,
            "step" => bounds.step = decimal("step")?,
            "low" => bounds.low = decimal("low")?,
            "high" => bounds.high = decimal("high")?,
            "label" => match entry.get_ref() {
                toml::Value::String(label) => bounds.label = Some(label.as_str().into()),
                other => return Err(at.error(format!("{name}'s label must be text, found {}", other.type_str()))),
            },
            other => {
                let error = at.error(format!("`{other}` is not a key of a parameter's long form"));
                return Err(match suggest::closest(other, LONG_KEYS.into_iter()) {
                    Some(best) => error.with_help(format!("did you mean `{best}`?")),
                    None => error.with_help(format!("keys: {}", LONG_KEYS.join(", "))),
                });
            }
        }
    }
    if value.is_none() {
        return Err(origin
            .error(format!("{name} gives no value"))
            .with_help(format!("e.g. {name} = {{ value = 10, min = 0, max = 100 }}")));
    }
    if bounds.step.is_some_and(|s| s <= Decimal::ZERO) {
        return Err(origin.error(format!("{name}'s step must be above zero")));
    }
    if bounds.low.is_some() != bounds.high.is_some() {
        return Err(origin
            .error(format!("{name} gives one end of a range"))
            .with_help("give both low and high"));
    }
    Ok((value, bounds))
}

/// The value's text: a literal as written, or a string's content.
fn text_of(file: &SourceFile, value: &toml::Value, at: &Origin) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Integer(_) | toml::Value::Float(_) => {
            Some(file.text().get(at.span()).unwrap_or_default().to_owned())
        }
        _ => None,
    }
}

impl Read {
    fn builtin(
        &mut self,
        file: &Arc<SourceFile>,
        name: &'static str,
        value: &toml::Value,
        at: &Origin,
        bounds: Bounds,
        frames_given: bool,
    ) -> Result<(), Diagnostic> {
        self.origins.insert(name, at.clone());
        let Some(text) = text_of(file, value, at) else {
            return Err(at.error(format!("{name} must be a number or text, found {}", value.type_str())));
        };
        if bounds != Bounds::default() {
            self.builtin_bounds.push((name, bounds));
        }
        // A string a numeric parameter cannot read as its value is an expression.
        let numeric = Number::named(name);
        let is_value = parse_decimal(&text).is_ok() || (name == "reroll_rate" && text.trim().ends_with('%'));
        if let (Some(number), toml::Value::String(_), false) = (numeric, value, is_value) {
            let word = text.trim().chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if word && self.names.lookup(text.trim()).is_none() {
                return Err(at
                    .error(format!("{name} `{}` is not a number", text.trim()))
                    .with_help("a number, or an expression over parameters such as \"scenes * 2\""));
            }
            return self.derive(Ref::Builtin(number), name, &text, at);
        }
        let before = self.params.frames;
        match self.params.set_builtin(name, &text) {
            Ok(()) if name == "seconds" && frames_given && self.params.frames != before => Err(at
                .error(format!(
                    "seconds = {} disagrees with frames = {before} at {} fps",
                    text.trim(),
                    self.params.fps
                ))
                .with_help("give frames or seconds, not both")),
            Ok(()) => Ok(()),
            Err(e) => Err(at.error(format!("{} {}", e.name, e.message)).with_help(e.help)),
        }
    }

    fn own(
        &mut self,
        file: &Arc<SourceFile>,
        name: &str,
        value: &toml::Value,
        at: &Origin,
        bounds: Bounds,
    ) -> Result<(), Diagnostic> {
        if SALE_NAMES.contains(&name) {
            return Err(at
                .error(format!("`{name}` is a sale parameter"))
                .with_help(format!("write it in [sale]: {name} = ...")));
        }
        let identifier = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !identifier {
            return Err(at
                .error(format!("`{name}` cannot name a parameter"))
                .with_help("a parameter's name is letters, digits and underscores, starting with a letter"));
        }
        let slot = self.custom.len();
        Arc::make_mut(&mut self.params.values).push(Decimal::ZERO);
        self.custom.push(Custom {
            name: name.into(),
            whole: matches!(value, toml::Value::Integer(_)),
            bounds,
            derived: None,
            used: false,
            origin: at.clone(),
        });
        let text = match value {
            toml::Value::Integer(_) | toml::Value::Float(_) | toml::Value::String(_) => text_of(file, value, at),
            _ => None,
        };
        let Some(text) = text else {
            return Err(at
                .error(format!(
                    "{name} must be a number or an expression, found {}",
                    value.type_str()
                ))
                .with_help(format!("e.g. {name} = 10 or {name} = \"scenes * 2\"")));
        };
        match parse_decimal(&text) {
            Ok(v) => {
                if let Some(slot) = Arc::make_mut(&mut self.params.values).get_mut(slot) {
                    *slot = v;
                }
                if let (toml::Value::String(_), Some(c)) = (value, self.custom.get_mut(slot)) {
                    c.whole = v.fract().is_zero() && !text.contains('.');
                }
                Ok(())
            }
            Err(_) if matches!(value, toml::Value::String(_)) => self.derive(Ref::Slot(slot), name, &text, at),
            Err(why) => Err(at.error(format!("{name} {why}"))),
        }
    }

    fn derive(&mut self, target: Ref, name: &str, text: &str, at: &Origin) -> Result<(), Diagnostic> {
        let mut expression = Expression::parse(text, at.clone())?;
        self.names.bind(&mut expression)?;
        let expression = Arc::new(expression);
        if let Ref::Slot(slot) = target
            && let Some(c) = self.custom.get_mut(slot)
        {
            c.derived = Some(Arc::clone(&expression));
            c.whole = false;
        }
        self.derivations.push(Derivation {
            target,
            name: name.into(),
            expression,
        });
        Ok(())
    }
}

/// Orders derivations so each comes after those it reads; a cycle is an error at the first
/// parameter in it, naming the loop.
pub(super) fn order(derivations: Vec<Derivation>) -> Result<Vec<Derivation>, Diagnostic> {
    let mut done: Vec<Derivation> = Vec::with_capacity(derivations.len());
    let mut left = derivations;
    while !left.is_empty() {
        let ready = left
            .iter()
            .position(|d| d.expression.refs().all(|r| !left.iter().any(|other| other.target == r)));
        match ready {
            Some(i) => done.push(left.remove(i)),
            None => return Err(cycle(&left)),
        }
    }
    Ok(done)
}

fn cycle(left: &[Derivation]) -> Diagnostic {
    // Walk from the first until a parameter repeats: that stretch is the loop.
    let mut path: Vec<usize> = vec![0];
    loop {
        let current = &left[path.last().copied().unwrap_or(0)];
        let next = current
            .expression
            .refs()
            .find_map(|r| left.iter().position(|d| d.target == r))
            .unwrap_or(0);
        if let Some(start) = path.iter().position(|&p| p == next) {
            let names: Vec<&str> = path[start..]
                .iter()
                .chain(std::iter::once(&next))
                .map(|&i| &*left[i].name)
                .collect();
            let first = &left[path[start]];
            return first
                .expression
                .error(format!("{} depends on itself: {}", first.name, names.join(" -> ")))
                .with_help("compute one of them from a number or another parameter");
        }
        path.push(next);
    }
}
