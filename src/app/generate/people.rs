//! Generated organizations and people: names, valid credit codes, phones and e-mails.
use super::rng::SeededRng;
use super::words;
use crate::domain::credit_code::{ALPHABET, compute_check_char};
use crate::domain::organization::OrganizationInput;
use crate::domain::vocab::TECH_FIELDS;
use std::collections::HashSet;

pub fn person_name(rng: &mut SeededRng) -> String {
    let (surname, _) = rng.pick(words::SURNAMES);
    format!("{surname}{}", rng.pick(words::GIVEN_NAMES))
}

/// A valid 统一社会信用代码, unique per `index`: the registration authority and kind
/// (`91` enterprise, `12` public institution), the region code, then the index in base 31.
fn credit_code(rng: &mut SeededRng, prefix: &str, region_code: &str, index: usize) -> String {
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut body = String::with_capacity(9);
    body.push(*rng.pick(&alphabet));
    let mut digits = Vec::with_capacity(8);
    let mut n = index;
    for _ in 0..8 {
        digits.push(alphabet[n % alphabet.len()]);
        n /= alphabet.len();
    }
    body.extend(digits.iter().rev());
    let first17 = format!("{prefix}{region_code}{body}");
    match compute_check_char(&first17) {
        Some(check) => format!("{first17}{check}"),
        None => String::new(),
    }
}

fn unique_name(
    rng: &mut SeededRng,
    names: &mut HashSet<String>,
    make: &mut dyn FnMut(&mut SeededRng) -> String,
    index: usize,
) -> String {
    for _ in 0..6 {
        let name = make(rng);
        if names.insert(name.clone()) {
            return name;
        }
    }
    let name = format!("{}（{}）", make(rng), index + 1);
    names.insert(name.clone());
    name
}

/// An organization of `kind` (`university`, `institute` or `enterprise`); the `index`-th
/// university or institute comes from the real lists.
pub fn organization(
    rng: &mut SeededRng,
    kind: &str,
    index: usize,
    names: &mut HashSet<String>,
) -> OrganizationInput {
    let (place, region, region_code) = *rng.pick(words::PLACES);
    let name = match kind {
        "university" => words::UNIVERSITIES[index % words::UNIVERSITIES.len()].to_string(),
        "institute" => words::INSTITUTES[(index) % words::INSTITUTES.len()].to_string(),
        _ => unique_name(
            rng,
            names,
            &mut |rng| {
                format!(
                    "{place}{}{}{}",
                    rng.pick(words::BRANDS),
                    rng.pick(words::TRADES),
                    rng.pick(words::COMPANY_SUFFIXES)
                )
            },
            index,
        ),
    };
    names.insert(name.clone());
    let authority = if kind == "enterprise" { "91" } else { "12" };
    let credit_code = if kind == "enterprise" && rng.percent(10) {
        String::new()
    } else {
        credit_code(rng, authority, region_code, index)
    };
    let (surname, pinyin) = *rng.pick(words::SURNAMES);
    let contact_name = format!("{surname}{}", rng.pick(words::GIVEN_NAMES));
    let contact_phone = if rng.percent(80) {
        format!(
            "1{}{}{:08}",
            rng.pick(&["3", "5", "8", "9"]),
            rng.below(10),
            rng.below(100_000_000)
        )
    } else {
        format!("0472-{}{:06}", 2 + rng.below(7), rng.below(1_000_000))
    };
    let contact_email = format!("{pinyin}{}@{}", index + 1, rng.pick(words::MAIL_DOMAINS));
    OrganizationInput {
        name,
        kind: kind.to_string(),
        credit_code,
        region: region.to_string(),
        industry: rng.pick(TECH_FIELDS.terms).zh.to_string(),
        contact_name,
        contact_phone,
        contact_email,
        contact_consent: rng.percent(60).to_string(),
        note: if place == "北京" || place == "天津" {
            "区外单位".into()
        } else {
            String::new()
        },
        ..OrganizationInput::default()
    }
}
