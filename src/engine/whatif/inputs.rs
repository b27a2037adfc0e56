//! The inputs a bill depends on, and how to move one: a numeric parameter, set by name, or a
//! unit price of a model in use, changed in a copy of the catalogs.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::engine::catalog::{Amount, Charge};
use crate::engine::params::{Kind, SALE_NAMES};
use crate::engine::{Bill, Catalogs, Model, ParamInfo, Params, Scenario, Value, describe};

/// Which figure of a rate a price input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The price per unit.
    Unit,
    /// The price per million input tokens.
    InputTokens,
    /// The price per million output tokens.
    OutputTokens,
}

/// One unit price of a model: a rate of its own pricing or of a quote.
#[derive(Debug, Clone)]
pub struct PriceInput {
    /// The model.
    pub model: Arc<Model>,
    /// `None` for the catalog's own pricing, else the quote's index.
    pub quote: Option<usize>,
    /// The rate's index in that pricing.
    pub rate: usize,
    /// Which figure of the rate.
    pub side: Side,
}

impl PriceInput {
    /// The price as the catalog gives it: one figure or a range.
    pub fn amount(&self) -> Option<Amount> {
        let pricing = match self.quote {
            Some(i) => self.model.quotes.get(i)?,
            None => &self.model.pricing,
        };
        match (&pricing.rates.get(self.rate)?.charge, self.side) {
            (Charge::PerUnit(a), Side::Unit) => Some(*a),
            (Charge::Tokens(prices), Side::InputTokens) => Some(prices.input),
            (Charge::Tokens(prices), Side::OutputTokens) => Some(prices.output),
            _ => None,
        }
    }

    /// The input's name: the model's id, with the quote, the rate's options and the token side
    /// where the model has more than one price, e.g. `kling/o3/text-to-video (1080p audio)`.
    pub fn name(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let pricing = self.quote.and_then(|i| self.model.quotes.get(i));
        if let Some(name) = pricing.and_then(|p| p.name.as_deref()) {
            parts.push(format!("quote {name}"));
        }
        let pricing = pricing.unwrap_or(&self.model.pricing);
        if let Some(rate) = pricing.rates.get(self.rate).filter(|_| pricing.rates.len() > 1) {
            if let Some(r) = &rate.resolution {
                parts.push(r.to_string());
            }
            match rate.audio {
                Some(true) => parts.push("audio".into()),
                Some(false) => parts.push("silent".into()),
                None => {}
            }
            if let Some(s) = rate.seconds() {
                parts.push(format!("{} s", s.normalize()));
            }
            if let Some(n) = rate.steps() {
                parts.push(format!("{n} steps"));
            }
        }
        match self.side {
            Side::Unit => {}
            Side::InputTokens => parts.push("input tokens".into()),
            Side::OutputTokens => parts.push("output tokens".into()),
        }
        if parts.is_empty() {
            self.model.id.to_string()
        } else {
            format!("{} ({})", self.model.id, parts.join(", "))
        }
    }

    fn same(&self, other: &Self) -> bool {
        self.model.id == other.model.id
            && self.quote == other.quote
            && self.rate == other.rate
            && self.side == other.side
    }
}

/// The unit prices the bill uses: the rate each line that runs priced by, and every rate of a
/// fallback model (the one it falls to is not recorded; a rate not in use moves nothing).
pub fn prices_in_use(bill: &Bill) -> Vec<PriceInput> {
    let mut found: Vec<PriceInput> = Vec::new();
    let mut add = |input: PriceInput| {
        if input.amount().is_some() && !found.iter().any(|f| f.same(&input)) {
            found.push(input);
        }
    };
    // A line run zero times moves nothing, whatever its price.
    for line in bill.lines.iter().filter(|l| !l.quantity.is_zero()) {
        for side in [Side::Unit, Side::InputTokens, Side::OutputTokens] {
            add(PriceInput {
                model: Arc::clone(&line.model),
                quote: line.quote,
                rate: line.priced.rate,
                side,
            });
        }
        if let Some(fb) = line.fallback.as_ref().filter(|fb| !fb.share.is_zero()) {
            for rate in 0..fb.model.pricing.rates.len() {
                for side in [Side::Unit, Side::InputTokens, Side::OutputTokens] {
                    add(PriceInput {
                        model: Arc::clone(&fb.model),
                        quote: None,
                        rate,
                        side,
                    });
                }
            }
        }
    }
    found
}

/// A copy of the catalogs with these prices set to exact figures.
pub fn with_prices(catalogs: &Catalogs, changes: &[(&PriceInput, Decimal)]) -> Catalogs {
    let mut models: Vec<Model> = Vec::new();
    for (input, value) in changes {
        let index = match models.iter().position(|m| m.id == input.model.id) {
            Some(i) => i,
            None => {
                models.push(Model::clone(catalogs.model(&input.model.id).unwrap_or(&input.model)));
                // Just pushed: the list is not empty.
                models.len().saturating_sub(1)
            }
        };
        let model = &mut models[index];
        let pricing = match input.quote {
            Some(q) => model.quotes.get_mut(q),
            None => Some(&mut model.pricing),
        };
        let Some(rate) = pricing.and_then(|p| p.rates.get_mut(input.rate)) else {
            continue;
        };
        let exact = Amount::Exact(*value);
        match (&mut rate.charge, input.side) {
            (Charge::PerUnit(a), Side::Unit) => *a = exact,
            (Charge::Tokens(prices), Side::InputTokens) => prices.input = exact,
            (Charge::Tokens(prices), Side::OutputTokens) => prices.output = exact,
            _ => {}
        }
    }
    catalogs.with_models(models.into_iter().map(Arc::new))
}

/// What values a parameter can take, as far as an analysis needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Domain {
    /// Only whole values.
    pub whole: bool,
    /// The least value, when there is one.
    pub min: Option<Decimal>,
    /// The greatest value, when there is one; values at it may still be refused (a rate of 1).
    pub max: Option<Decimal>,
    /// The step the parameter moves by, when it declares one.
    pub step: Option<Decimal>,
}

/// A numeric parameter an analysis can move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamInput {
    /// Its name, as `--set` takes it.
    pub name: String,
    /// Its value.
    pub value: Decimal,
    /// What values it can take.
    pub domain: Domain,
    /// The range it is believed to lie in, when the scenario declares one.
    pub range: Option<(Decimal, Decimal)>,
    /// Whether changing it can change this scenario's figures.
    pub matters: bool,
    /// True for the sale's parameters (price, credits, ...), which move revenue, not cost.
    pub sale: bool,
}

/// Every numeric parameter of the scenario (built-in, the sale's and its own; not derived ones,
/// nor `seconds`, which is `frames` by another name), with its value, bounds and declared range.
pub fn param_inputs(scenario: &Scenario, catalogs: &Catalogs, params: &Params) -> Vec<ParamInput> {
    param_inputs_of(&describe(scenario, catalogs, params), params)
}

/// [`param_inputs`] from the parameters as [`describe`] gave them at `params`.
pub fn param_inputs_of(infos: &[ParamInfo], params: &Params) -> Vec<ParamInput> {
    infos
        .iter()
        .filter(|i| matches!(i.kind, Kind::Whole | Kind::Decimal | Kind::Money | Kind::Share) && i.name != "seconds")
        .filter_map(|info| {
            let floor = matches!(info.kind, Kind::Money | Kind::Share).then_some(Decimal::ZERO);
            let ceiling = (info.kind == Kind::Share).then_some(Decimal::ONE);
            Some(ParamInput {
                value: param_value(params, &info.name)?,
                domain: Domain {
                    whole: info.kind == Kind::Whole,
                    min: info.min.or(floor),
                    max: info.max.or(ceiling),
                    step: info.step,
                },
                range: info.range,
                matters: info.matters,
                sale: SALE_NAMES.contains(&info.name.as_str()),
                name: info.name.clone(),
            })
        })
        .collect()
}

/// One numeric parameter by name; `None` when there is no such parameter or it is not a number.
pub fn param_input(scenario: &Scenario, catalogs: &Catalogs, params: &Params, name: &str) -> Option<ParamInput> {
    param_inputs(scenario, catalogs, params)
        .into_iter()
        .find(|p| p.name == name)
}

/// A numeric parameter's value; `None` for text, on/off and unset parameters.
fn param_value(params: &Params, name: &str) -> Option<Decimal> {
    match params.value(name)? {
        Value::Whole(n) => Some(Decimal::from(n)),
        Value::Number(d) => Some(d),
        _ => None,
    }
}

/// These parameters with one set to a decimal value.
pub fn with_param(params: &Params, name: &str, value: Decimal) -> Result<Params, crate::engine::ParamError> {
    let mut next = params.clone();
    next.set(name, &value.normalize().to_string())?;
    Ok(next)
}
