//! The Bill sheet: one row per line of the bill, each figure a formula over the parameters and the
//! Prices sheet, with the engine's figure as its cached value.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError};

use crate::engine::catalog::Pricing;
use crate::engine::pricing::{Priced, Usage};
use crate::engine::{Kind, Line, Model, Params, Quantity, Stage, Step};

use super::formula::{self, Options};
use super::prices::{PriceRefs, PricingRefs, clean};
use super::{Styles, WorkbookError, result};
use crate::export::Subject;

/// The sheet's name.
pub const SHEET: &str = "Bill";
/// The row of the column titles; lines start below it.
pub const HEADER_ROW: u32 = 3;

const HEADERS: [(&str, f64); 20] = [
    ("Stage", 10.0),
    ("Line", 34.0),
    ("Model", 34.0),
    ("Pricing", 14.0),
    ("Clip s", 8.0),
    ("Frames", 8.0),
    ("Measured", 10.0),
    ("Billed", 9.0),
    ("Rate", 11.0),
    ("Factor", 8.0),
    ("Call cost", 11.0),
    ("Unit price", 11.0),
    ("Count", 8.0),
    ("Runs/video", 10.0),
    ("Attempts", 9.0),
    ("Calls/video", 11.0),
    ("Per video", 12.0),
    ("Share", 8.0),
    ("Check", 30.0),
    ("Rule at export", 60.0),
];

const PER_VIDEO: u16 = 16;

/// Where the lines went.
pub struct Layout {
    /// The first line's row.
    pub first: u32,
    /// The row after the last line (and its fallback row).
    pub end: u32,
    /// The per-video cost cells of the lines.
    pub per_video: Vec<String>,
}

/// One call's row: the line's own, or the calls its fallback takes.
struct Call<'a> {
    row: u32,
    step: &'a Step,
    model: &'a Model,
    pricing: &'a Pricing,
    refs: &'a PricingRefs,
    usage: Usage<'a>,
    priced: Priced,
    free_taken: Option<String>,
}

/// Writes the column titles and one row per line, and says where they are.
pub fn write(
    sheet: &mut Worksheet,
    subject: &Subject<'_>,
    prices: &PriceRefs,
    styles: &Styles,
) -> Result<Layout, WorkbookError> {
    write_header(sheet, subject, styles)?;
    let mut row = HEADER_ROW + 1;
    let mut per_video = Vec::new();
    // Rows of earlier month lines per model that took from a free tier, with their gigabytes.
    let mut free_rows: Vec<(&str, u32, String)> = Vec::new();
    for line in &subject.bill.lines {
        let missing = || WorkbookError(format!("the line `{}` has no step or price to refer to", line.label));
        let step = subject.scenario.steps.get(line.step).ok_or_else(missing)?;
        let refs = prices.get(&line.model.id, line.quote).ok_or_else(missing)?;
        let pricing = line.pricing();
        let free_taken = match (pricing.free_tier(), &refs.free, &step.gb, line.stage) {
            (Some(_), Some(free), Some(gb), Stage::Month) => {
                let before: Vec<String> = free_rows
                    .iter()
                    .filter(|(id, _, _)| *id == &*line.model.id)
                    .map(|(_, r, gb)| format!("({gb}-G{})", r.saturating_add(1)))
                    .collect();
                free_rows.push((&line.model.id, row, formula::quantity(gb)));
                Some(if before.is_empty() {
                    free.clone()
                } else {
                    format!("MAX(0,{free}-{})", before.join("-"))
                })
            }
            _ => None,
        };
        let call = Call {
            row,
            step,
            model: &line.model,
            pricing,
            refs,
            usage: usage(subject.params, step, &line.model),
            priced: line.priced,
            free_taken,
        };
        write_call(sheet, &call, styles)?;
        let fallback_row = write_fallback(sheet, subject, prices, line, step, row.saturating_add(1), styles)?;
        write_quantities(sheet, subject, line, step, row, fallback_row, styles)?;
        per_video.push(format!("Q{}", row.saturating_add(1)));
        row = row.saturating_add(if fallback_row.is_some() { 2 } else { 1 });
    }
    Ok(Layout {
        first: HEADER_ROW + 1,
        end: row,
        per_video,
    })
}

fn write_header(sheet: &mut Worksheet, subject: &Subject<'_>, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(SHEET)?;
    sheet.write_string_with_format(0, 0, clean(&subject.scenario.name), &styles.title)?;
    sheet.write_string(
        1,
        0,
        format!(
            "Every figure is a formula over the Parameters and Prices sheets, in {}. Change a parameter there and the bill follows.",
            clean(&subject.bill.currency)
        ),
    )?;
    for (col, (title, width)) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(HEADER_ROW, col, title, &styles.header)?;
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 2)?;
    // Printed (or saved as PDF), the bill fits one page across.
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The row of the calls a line's fallback takes, below the line; returns the row and the share.
fn write_fallback(
    sheet: &mut Worksheet,
    subject: &Subject<'_>,
    prices: &PriceRefs,
    line: &Line,
    step: &Step,
    row: u32,
    styles: &Styles,
) -> Result<Option<(u32, Decimal)>, WorkbookError> {
    let Some(fb) = &line.fallback else {
        return Ok(None);
    };
    let missing = || WorkbookError(format!("the fallback of `{}` has no price to refer to", line.label));
    let refs = prices.get(&fb.model.id, None).ok_or_else(missing)?;
    let fb_usage = usage(subject.params, step, &fb.model);
    let priced = fb
        .model
        .pricing
        .price(fb.model.kind, &fb_usage)
        .map_err(|e| WorkbookError(e.to_string()))?;
    let call = Call {
        row,
        step,
        model: &fb.model,
        pricing: &fb.model.pricing,
        refs,
        usage: fb_usage,
        priced,
        free_taken: None,
    };
    // A share is at most one.
    let share = format!("{}%", fb.share.saturating_mul(Decimal::ONE_HUNDRED).normalize());
    sheet.write_string(row, 1, format!("  fallback: {share} of calls"))?;
    write_call(sheet, &call, styles)?;
    Ok(Some((row, fb.share)))
}

/// What one call of a step asks of a model, as the engine works it out before pricing.
pub fn usage<'a>(params: &'a Params, step: &'a Step, model: &Model) -> Usage<'a> {
    // The engine has evaluated every quantity already; one it refused never reaches an export.
    let value = |q: Option<&Quantity>| q.and_then(|q| q.value(params).ok());
    let whole = |q: Option<&Quantity>| value(q).and_then(|v| u64::try_from(v).ok());
    let own_seconds = value(step.seconds.as_ref());
    let mut usage = Usage {
        steps: whole(step.steps.as_ref()),
        megapixels: step.size.as_ref().and_then(|s| s.megapixels(params).ok()),
        input_tokens: whole(step.input_tokens.as_ref()),
        output_tokens: whole(step.output_tokens.as_ref()),
        gb: value(step.gb.as_ref()),
        seconds: own_seconds,
        resolution: step.resolution.as_deref(),
        audio: step.audio.unwrap_or(false),
        ..Usage::default()
    };
    if model.kind == Kind::Video {
        usage.seconds = own_seconds.or_else(|| params.seconds());
        usage.frames = match own_seconds {
            Some(s) => crate::engine::frames::whole_frames(s, params.fps).ok(),
            None => Some(params.frames),
        };
        usage.resolution = step.resolution.as_deref().or(params.resolution.as_deref());
        usage.audio = step.audio.unwrap_or(params.audio);
    }
    usage
}

fn write_call(sheet: &mut Worksheet, call: &Call<'_>, styles: &Styles) -> Result<(), XlsxError> {
    let r = call.row;
    let here = |col: &str| format!("{col}{}", r.saturating_add(1));
    let (p, priced) = (call.pricing, &call.priced);
    sheet.write_string(r, 2, clean(&call.model.id))?;
    sheet.write_string(r, 3, p.name.as_deref().map_or("catalog".to_owned(), clean))?;
    let options = Options::of(call.step, call.model, here("E"), here("F"));
    let mut checks = Vec::new();
    if options.timed {
        let seconds = call.usage.seconds.unwrap_or_default();
        let clip = formula::clip_seconds(call.step, &call.model.limits, &here("F"), options.video);
        sheet.write_formula_with_format(r, 4, result(&clip, seconds), &styles.quantity)?;
    }
    if options.video {
        let frames = Decimal::from(call.usage.frames.unwrap_or_default());
        sheet.write_formula(r, 5, result(&formula::clip_frames(call.step), frames))?;
        if call.step.seconds.is_some() {
            checks.push((
                here("F"),
                "the clip's length is not a whole number of frames at this fps".to_owned(),
            ));
        }
        if let Some(limits) = formula::describe_limits(&call.model.limits) {
            checks.push((
                here("E"),
                format!("outside {}'s limits: {limits}", clean(&call.model.name)),
            ));
        }
    }
    let measured = formula::measured(p, call.step, &options, call.free_taken.clone());
    sheet.write_formula_with_format(r, 6, result(&measured, priced.measured), &styles.quantity)?;
    let billed = format!("={}", formula::rounded(p.round, &here("G")));
    sheet.write_formula_with_format(r, 7, result(&billed, priced.billed), &styles.quantity)?;
    // The rate and the call's cost are in the model's own currency, before any exchange.
    let own = Format::new().set_num_format(crate::export::money_format(call.model.currency(), 2, 6));
    let rate = formula::rate(p, call.model.kind, call.step, &options, call.refs);
    sheet.write_formula_with_format(r, 8, result(&rate, priced.unit_price), &own)?;
    let offered: Vec<String> = p.resolutions().iter().map(|r| r.to_string()).collect();
    checks.push((
        here("I"),
        if offered.is_empty() {
            "no price for these options".to_owned()
        } else {
            format!("no price for these options (resolutions: {})", offered.join(", "))
        },
    ));
    let factor = formula::factor(p, &options, call.refs);
    sheet.write_formula_with_format(r, 9, result(&factor, priced.factor), &styles.factor)?;
    let limited = options.video && formula::describe_limits(&call.model.limits).is_some();
    let clip = here("E");
    let cost = formula::call_cost(
        p,
        &here("H"),
        &here("I"),
        &here("J"),
        call.refs,
        limited.then_some(clip.as_str()),
    );
    sheet.write_formula_with_format(r, 10, result(&cost, priced.cost), &own)?;
    // The first failing check says why the row shows #N/A; a row that computes says OK.
    let mut check = "\"OK\"".to_owned();
    for (cell, message) in checks.iter().rev() {
        check = format!("IF(ISNA({cell}),{},{check})", formula::text(message));
    }
    sheet.write_formula(r, 18, Formula::new(format!("={check}")).set_result("OK"))?;
    let currency = crate::format::Currency::of(call.model.currency());
    let mut rule = crate::format::rule::explain(call.pricing, priced, &currency);
    if call.free_taken.is_some() {
        rule.push_str("; the free tier is shared by the month's steps on this model, in order");
    }
    sheet.write_string(r, 19, clean(&rule))?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn write_quantities(
    sheet: &mut Worksheet,
    subject: &Subject<'_>,
    line: &Line,
    step: &Step,
    r: u32,
    fallback: Option<(u32, Decimal)>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let n = r.saturating_add(1);
    sheet.write_string(r, 0, line.stage.name())?;
    sheet.write_string(r, 1, clean(&line.label))?;
    let own = exchange(subject, &line.model);
    let unit = match (fallback, &line.fallback) {
        (Some((fb_row, _)), Some(fb)) => {
            let theirs = exchange(subject, &fb.model);
            let share = step
                .fallback
                .as_ref()
                .map_or_else(|| formula::number(fb.share), |f| formula::quantity(&f.share));
            format!("=K{n}*{own}*(1-{share})+K{}*{theirs}*{share}", fb_row.saturating_add(1))
        }
        _ => format!("=K{n}*{own}"),
    };
    sheet.write_formula_with_format(r, 11, result(&unit, line.unit_price), &styles.price)?;
    let count = step
        .count
        .value(subject.params)
        .map_err(|e| XlsxError::ParameterError(e.headline()))?;
    sheet.write_formula_with_format(r, 12, result(&formula::count(step), count), &styles.quantity)?;
    let runs = runs(subject.params, line.stage);
    sheet.write_formula_with_format(r, 13, result(formula::runs(line.stage), runs), &styles.quantity)?;
    let attempts = formula::attempts(step, &line.model);
    sheet.write_formula_with_format(r, 14, result(&attempts, line.attempts), &styles.quantity)?;
    let calls = format!("=M{n}*N{n}*O{n}");
    sheet.write_formula_with_format(r, 15, result(&calls, line.quantity), &styles.quantity)?;
    let cost = format!("=L{n}*P{n}");
    sheet.write_formula_with_format(r, PER_VIDEO, result(&cost, line.per_video), &styles.line_money)?;
    let share = Formula::new(format!("=IF(per_video=0,\"\",Q{n}/per_video)")).set_result(
        subject
            .bill
            .share(line)
            .map_or(String::new(), |s| s.normalize().to_string()),
    );
    sheet.write_formula_with_format(r, 17, share, &styles.percent)?;
    if subject.params.video_model.is_some() && line.stage == Stage::Scene && line.model.kind == Kind::Video {
        let note = Format::new().set_italic();
        sheet.write_string_with_format(r, 2, clean(&line.model.id), &note)?;
    }
    Ok(())
}

/// The factor from a model's currency to the bill's: 1, or the `exchange_xxx` parameter.
fn exchange(subject: &Subject<'_>, model: &Model) -> String {
    if *model.currency() == subject.bill.currency {
        "1".to_owned()
    } else {
        super::exchange_name(model.currency())
    }
}

/// Runs of a stage per video at these parameters, as the engine counts them: the cached result
/// of a formula the spreadsheet recomputes, so a third may round at the 28th place.
fn runs(params: &Params, stage: Stage) -> Decimal {
    // Whole counts over a divisor of at least one: the quotient always fits.
    let per = |count: Decimal, videos: Decimal| count.checked_div(videos.max(Decimal::ONE)).unwrap_or(count);
    match stage {
        Stage::Scene => Decimal::from(params.scenes),
        Stage::Character => per(params.characters.into(), params.videos_per_character.into()),
        Stage::Video => Decimal::ONE,
        Stage::Month => per(Decimal::ONE, params.videos_per_month.into()),
    }
}

/// True when a line makes the scene's video, so the bill counts generated seconds.
pub fn makes_video(line: &Line) -> bool {
    line.stage == Stage::Scene && line.model.kind == Kind::Video
}
