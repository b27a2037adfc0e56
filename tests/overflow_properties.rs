//! Extreme prices, exchange rates, sales and counts: the engine and every report either give a
//! bill or refuse with errors that each point at a line of a file. Nothing panics.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use reelcost::engine::{Params, SourceFile, evaluate, load_catalogs, load_scenario};
use reelcost::report::{self, Format};
use rust_decimal::Decimal;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A positive decimal anywhere in a Decimal's range: from 1e-28 to 7.9e28, with up to 28 digits.
fn extreme() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (1i64..1_000_000, 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => Just(Decimal::new(1, 28)),
        1 => Just(Decimal::MAX),
        1 => (1u64..u64::MAX, 0u32..=28).prop_map(|(m, s)| Decimal::from_i128_with_scale(i128::from(m), s)),
        1 => (1u128..(1u128 << 96), 0u32..=28)
            .prop_map(|(m, s)| Decimal::from_i128_with_scale(i128::try_from(m).unwrap(), s)),
    ]
}

/// A share in [0, 1) anywhere from 0 to 1 - 1e-28.
fn share() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (0i64..100, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s).min(Decimal::new(99, 2))),
        1 => Just(Decimal::ZERO),
        1 => Just(Decimal::new(1, 28)),
        1 => Just(Decimal::ONE - Decimal::new(1, 28)),
        1 => (0u64..1_000_000_000_000_000_000, 18u32..=28).prop_map(|(m, s)| {
            let d = Decimal::from_i128_with_scale(i128::from(m), s);
            if d >= Decimal::ONE { Decimal::new(5, 1) } else { d }
        }),
    ]
}

#[derive(Debug, Clone)]
struct Case {
    usd: Decimal,
    eur: Decimal,
    rate: Decimal,
    sale: Decimal,
    paid: Decimal,
    margin: Decimal,
    reroll: Decimal,
    retry: Decimal,
    scenes: u32,
    per_month: u64,
    characters: u32,
}

fn case() -> impl Strategy<Value = Case> {
    (
        (extreme(), extreme(), extreme(), extreme()),
        (share(), share(), share(), share()),
        (
            prop_oneof![1u32..=10, Just(100_000)],
            prop_oneof![1u64..=1000, Just(1_000_000_000_000)],
            prop_oneof![0u32..=10, Just(100_000)],
        ),
    )
        .prop_map(
            |((usd, eur, rate, sale), (paid, margin, reroll, retry), (scenes, per_month, characters))| Case {
                usd,
                eur,
                rate,
                sale,
                paid,
                margin,
                reroll,
                retry,
                scenes,
                per_month,
                characters,
            },
        )
}

const CATALOGS: [(&str, &str); 2] = [("usd.toml", "USD"), ("eur.toml", "EUR")];

fn catalog(currency: &str, price: Decimal) -> String {
    let id = currency.to_ascii_lowercase();
    format!(
        "provider = \"{currency} Co\"\ncurrency = \"{currency}\"\n\n\
         [[model]]\nid = \"{id}/clip\"\nkind = \"video\"\nunit = \"clip\"\nprice = \"{price}\"\n\n\
         [[model]]\nid = \"{id}/month\"\nkind = \"fixed\"\nunit = \"month\"\nprice = \"{price}\"\n"
    )
}

fn scenario(c: &Case) -> String {
    format!(
        "currency = \"USD\"\n\n[exchange]\nEUR = \"{}\"\n\n\
         [parameters]\nscenes = {}\nframes = 80\nfps = 16\ncharacters = {}\nvideos_per_character = 3\n\
         reroll_rate = \"{}\"\nvideos_per_month = {}\n\n\
         [[scene]]\nmodel = \"usd/clip\"\n\n\
         [[scene]]\nmodel = \"eur/clip\"\nretry_rate = \"{}\"\nfailed_billed = true\n\n\
         [[character]]\nmodel = \"eur/clip\"\n\n\
         [[month]]\nmodel = \"eur/month\"\n\n\
         [sale]\nprice = \"{}\"\npaid_share = \"{}\"\ntarget_margin = \"{}\"\n",
        c.rate, c.scenes, c.characters, c.reroll, c.per_month, c.retry, c.sale, c.paid, c.margin
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn extreme_money_is_a_bill_or_a_located_error(c in case()) {
        let files: Vec<_> = CATALOGS
            .iter()
            .zip([c.usd, c.eur])
            .map(|((name, currency), price)| SourceFile::new(*name, catalog(currency, price)))
            .collect();
        let catalogs = load_catalogs(&files).unwrap();
        let text = scenario(&c);
        let scenario = match load_scenario(&SourceFile::new("s.toml", text.clone())) {
            Ok(s) => s,
            Err(errors) => {
                // A value the loader refuses (a share of 1, say) is refused where it is written.
                for e in &errors.0 {
                    prop_assert!(e.position.is_some(), "unlocated: {e}\n{text}");
                }
                return Ok(());
            }
        };
        let params: &Params = &scenario.params;
        match evaluate(&scenario, &catalogs, params) {
            Ok(bill) => {
                for format in [Format::Table, Format::Json, Format::Csv, Format::Markdown] {
                    let _ = report::render(format, &scenario, params, &bill);
                }
                prop_assert!(bill.totals.per_video >= Decimal::ZERO);
            }
            Err(errors) => {
                for e in &errors.0 {
                    prop_assert!(e.position.is_some(), "unlocated: {e}\n{text}");
                    let _ = e.to_string();
                }
            }
        }
    }
}
