//! Exactness at the extremes. The money arithmetic gives the exact product, sum or quotient, or
//! `None` only when that exact value has no `Decimal` (checked here against whole numbers of
//! any size). A bill over extreme prices, exchange rates, counts and sale values either holds
//! figures that multiply back exactly or is refused with errors that each name a line; it is
//! never rounded without a word, and nothing panics.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use proptest::prelude::*;
use reelcost::engine::money;
use reelcost::engine::ratio::Ratio;
use reelcost::engine::{SourceFile, evaluate, load_catalogs, load_scenario};
use rust_decimal::Decimal;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---- whole numbers of any size, as little-endian base-2^32 limbs held in u64s

fn big(value: u128) -> Vec<u64> {
    let mut limbs = Vec::new();
    let mut rest = value;
    while rest > 0 {
        limbs.push((rest & 0xffff_ffff) as u64);
        rest >>= 32;
    }
    limbs
}

fn trim(mut v: Vec<u64>) -> Vec<u64> {
    while v.last() == Some(&0) {
        v.pop();
    }
    v
}

fn times(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = vec![0u64; a.len() + b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        let mut carry = 0u64;
        for (j, y) in b.iter().enumerate() {
            let t = out[i + j] + x * y + carry;
            out[i + j] = t & 0xffff_ffff;
            carry = t >> 32;
        }
        let mut k = i + b.len();
        while carry > 0 {
            let t = out[k] + carry;
            out[k] = t & 0xffff_ffff;
            carry = t >> 32;
            k += 1;
        }
    }
    trim(out)
}

fn plus(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::new();
    let mut carry = 0u64;
    for i in 0..a.len().max(b.len()) {
        let t = a.get(i).copied().unwrap_or(0) + b.get(i).copied().unwrap_or(0) + carry;
        out.push(t & 0xffff_ffff);
        carry = t >> 32;
    }
    out.push(carry);
    trim(out)
}

fn pow10(k: u32) -> Vec<u64> {
    (0..k).fold(big(1), |acc, _| times(&acc, &big(10)))
}

/// `v / 10` and the remainder.
fn div10(v: &[u64]) -> (Vec<u64>, u64) {
    let mut out = vec![0; v.len()];
    let mut rest = 0u64;
    for i in (0..v.len()).rev() {
        let t = (rest << 32) | v[i];
        out[i] = t / 10;
        rest = t % 10;
    }
    (trim(out), rest)
}

/// An exact value: negative, digits, scale (value = digits / 10^scale).
type Exact = (bool, Vec<u64>, u32);

fn exact(d: Decimal) -> Exact {
    (
        d.is_sign_negative() && !d.is_zero(),
        big(d.mantissa().unsigned_abs()),
        d.scale(),
    )
}

fn product(a: Exact, b: Exact) -> Exact {
    let digits = times(&a.1, &b.1);
    (a.0 != b.0 && !digits.is_empty(), digits, a.2 + b.2)
}

/// Whether two exact values are equal.
fn same(a: &Exact, b: &Exact) -> bool {
    let scale = a.2.max(b.2);
    let left = times(&a.1, &pow10(scale - a.2));
    let right = times(&b.1, &pow10(scale - b.2));
    left == right && (left.is_empty() || a.0 == b.0)
}

/// Whether an exact value has a `Decimal`: at most 28 places once trailing zeros go, and
/// digits below 2^96.
fn representable(value: &Exact) -> bool {
    let (mut digits, mut scale) = (value.1.clone(), value.2);
    while scale > 0 {
        let (less, rest) = div10(&digits);
        if rest != 0 {
            break;
        }
        digits = less;
        scale -= 1;
    }
    scale <= 28 && digits.len() <= 3
}

fn sum(a: &Exact, b: &Exact) -> Exact {
    let scale = a.2.max(b.2);
    let x = times(&a.1, &pow10(scale - a.2));
    let y = times(&b.1, &pow10(scale - b.2));
    if a.0 == b.0 {
        return (a.0, plus(&x, &y), scale);
    }
    // Opposite signs: the larger magnitude less the smaller, with its sign.
    let (larger, smaller, negative) = if longer_or_equal(&x, &y) {
        (x, y, a.0)
    } else {
        (y, x, b.0)
    };
    let digits = minus(&larger, &smaller);
    (negative && !digits.is_empty(), digits, scale)
}

fn longer_or_equal(a: &[u64], b: &[u64]) -> bool {
    if a.len() != b.len() {
        return a.len() > b.len();
    }
    a.iter().rev().cmp(b.iter().rev()) != std::cmp::Ordering::Less
}

fn minus(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::new();
    let mut borrow = 0i64;
    for (i, x) in a.iter().enumerate() {
        let mut t = *x as i64 - b.get(i).copied().unwrap_or(0) as i64 - borrow;
        borrow = i64::from(t < 0);
        if t < 0 {
            t += 1 << 32;
        }
        out.push(t as u64);
    }
    trim(out)
}

/// Any decimal, either sign, from 1e-28 to 7.9e28, with up to 28 digits.
fn extreme() -> impl Strategy<Value = Decimal> {
    let positive = prop_oneof![
        3 => (1i64..1_000_000, 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => Just(Decimal::new(1, 28)),
        1 => Just(Decimal::MAX),
        2 => (1u64..u64::MAX, 0u32..=28).prop_map(|(m, s)| Decimal::from_i128_with_scale(i128::from(m), s)),
        2 => (1u128..(1u128 << 96), 0u32..=28)
            .prop_map(|(m, s)| Decimal::from_i128_with_scale(i128::try_from(m).unwrap(), s)),
    ];
    (positive, any::<bool>()).prop_map(|(d, negative)| if negative { -d } else { d })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_product_is_exact_or_has_no_decimal(a in extreme(), b in extreme()) {
        let truth = product(exact(a), exact(b));
        match money::mul(a, b) {
            Some(p) => prop_assert!(same(&exact(p), &truth), "{a} x {b} gave {p}"),
            None => prop_assert!(!representable(&truth), "{a} x {b} refused, yet it has a decimal"),
        }
    }

    #[test]
    fn a_sum_is_exact_or_has_no_decimal(a in extreme(), b in extreme()) {
        let truth = sum(&exact(a), &exact(b));
        match money::add(a, b) {
            Some(s) => prop_assert!(same(&exact(s), &truth), "{a} + {b} gave {s}"),
            None => prop_assert!(!representable(&truth), "{a} + {b} refused, yet it has a decimal"),
        }
        // Subtraction is the sum with the sign turned.
        if let Some(d) = money::sub(a, b) {
            prop_assert!(same(&exact(d), &sum(&exact(a), &exact(-b))), "{a} - {b} gave {d}");
        }
    }

    #[test]
    fn a_quotient_multiplies_back_or_is_refused(a in extreme(), b in extreme()) {
        if let Some(q) = money::div(a, b) {
            prop_assert!(same(&product(exact(q), exact(b)), &exact(a)), "{a} / {b} gave {q}");
        }
    }

    #[test]
    fn a_fraction_multiplies_back(a in extreme(), b in extreme(), c in extreme()) {
        // (a / b) x b is a again, and (a / b) + (c / b) over b is a + c: no division rounds
        // until a figure is shown.
        if let Some(r) = Ratio::new(a, b) {
            if let Some(back) = r.mul_decimal(b) {
                prop_assert!(same(&exact(back.value()), &exact(a)), "({a} / {b}) x {b} = {}", back.value());
            }
            if let (Some(s), Some(whole)) = (Ratio::new(c, b).and_then(|q| r.checked_add(q)), money::add(a, c))
                && let Some(back) = s.mul_decimal(b)
            {
                prop_assert!(same(&exact(back.value()), &exact(whole)), "sum over {b}");
            }
        }
    }
}

// ---- bills

/// A positive decimal anywhere in the range.
fn price() -> impl Strategy<Value = Decimal> {
    extreme()
        .prop_map(|d| d.abs())
        .prop_filter("above zero", |d| !d.is_zero())
}

fn catalog(currency: &str, price: Decimal) -> String {
    let id = currency.to_ascii_lowercase();
    format!(
        "provider = \"{currency} Co\"\ncurrency = \"{currency}\"\n\n\
         [[model]]\nid = \"{id}/clip\"\nkind = \"video\"\nunit = \"clip\"\nprice = \"{price}\"\n"
    )
}

#[derive(Debug, Clone)]
struct Case {
    usd: Decimal,
    eur: Decimal,
    rate: Decimal,
    sale: Decimal,
    paid: Decimal,
    scenes: u32,
    per_month: u64,
}

fn case() -> impl Strategy<Value = Case> {
    (
        (price(), price(), price(), price()),
        prop_oneof![Just(Decimal::ONE), Just(Decimal::new(5, 1)), Just(Decimal::new(1, 28))],
        (
            prop_oneof![1u32..=10, Just(100_000)],
            prop_oneof![1u64..=1000, Just(1_000_000_000_000)],
        ),
    )
        .prop_map(|((usd, eur, rate, sale), paid, (scenes, per_month))| Case {
            usd,
            eur,
            rate,
            sale,
            paid,
            scenes,
            per_month,
        })
}

fn scenario(c: &Case) -> String {
    format!(
        "currency = \"USD\"\n\n[exchange]\nEUR = \"{}\"\n\n\
         [parameters]\nscenes = {}\nframes = 80\nfps = 16\nvideos_per_month = {}\n\n\
         [[scene]]\nmodel = \"usd/clip\"\n\n\
         [[scene]]\nmodel = \"eur/clip\"\n\n\
         [sale]\nprice = \"{}\"\npaid_share = \"{}\"\n",
        c.rate, c.scenes, c.per_month, c.sale, c.paid
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_bill_multiplies_back_or_names_a_line(c in case()) {
        let files = [SourceFile::new("usd.toml", catalog("USD", c.usd)), SourceFile::new("eur.toml", catalog("EUR", c.eur))];
        let catalogs = load_catalogs(&files).unwrap();
        let text = scenario(&c);
        let scenario = load_scenario(&SourceFile::new("s.toml", text.clone())).unwrap();
        match evaluate(&scenario, &catalogs, &scenario.params) {
            Ok(bill) => {
                // The euro clip's price in dollars is its price times the rate, exactly.
                let eur = &bill.lines[1];
                prop_assert!(same(&exact(eur.unit_price), &product(exact(c.eur), exact(c.rate))), "{text}");
                prop_assert_eq!(bill.lines[0].unit_price, c.usd);
                // Each line is its calls (scenes) times its price, and the total their sum.
                for line in &bill.lines {
                    let calls = Decimal::from(c.scenes);
                    prop_assert!(same(&exact(line.cost.value()), &product(exact(calls), exact(line.unit_price))));
                }
                let total = sum(&exact(bill.lines[0].per_video), &exact(bill.lines[1].per_video));
                prop_assert!(same(&exact(bill.totals.per_video), &total), "{text}");
                // The revenue is the sale price times the paid share, exactly.
                let sale = bill.totals.sale.as_ref().unwrap();
                prop_assert!(same(&exact(sale.revenue_per_video), &product(exact(c.sale), exact(c.paid))));
                let margin = sum(&exact(sale.revenue_per_video), &exact(-bill.totals.per_video));
                prop_assert!(same(&exact(sale.margin_per_video), &margin), "{text}");
            }
            Err(errors) => {
                for e in &errors.0 {
                    prop_assert!(e.position.is_some(), "unlocated: {e}\n{text}");
                    prop_assert!(e.message.contains("cannot be computed exactly"), "{e}");
                }
            }
        }
    }
}
