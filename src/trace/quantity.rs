//! Kubernetes resource quantities (`500m`, `1.5`, `256Mi`, `2G`, `1e3`), exactly enough for
//! CPU in millicores and memory in bytes.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Cpu,
    Memory,
}

/// The largest magnitude [`parse`] returns, in the base unit: what a Kubernetes quantity's
/// `MilliValue`/`Value` holds (an int64). Every value from input is within ±`MAX`, so the sum or
/// difference of two of them never overflows an `i128`.
pub const MAX: i128 = i64::MAX as i128;

/// Parses a quantity into the resource's base unit: millicores for CPU, bytes for memory.
/// Fractions round up, as the API server does when it canonicalises a quantity (`1e-200` cores
/// is 1m). A magnitude beyond [`MAX`] is an error, never a wrapped or saturated value.
pub fn parse(s: &str, res: Resource) -> Result<i128, String> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-')).unwrap_or(s.len());
    let (num, suffix) = s.split_at(split);
    let (num, suffix) = match suffix.strip_prefix(['e', 'E']) {
        Some(exp) if !exp.is_empty() && exp.trim_start_matches(['+', '-']).chars().all(|c| c.is_ascii_digit()) => {
            // An exponent beyond i32 acts as i32's end on its side: out of range (or 0 for a
            // zero mantissa) when positive, one unit when negative.
            let e: i32 = exp.parse().unwrap_or(if exp.starts_with('-') { i32::MIN } else { i32::MAX });
            return scaled(num, Scale::Pow10(e), res, s);
        }
        _ => (num, suffix),
    };
    let scale = match suffix {
        "" => Scale::Pow10(0),
        "m" => Scale::Pow10(-3),
        "k" => Scale::Pow10(3),
        "M" => Scale::Pow10(6),
        "G" => Scale::Pow10(9),
        "T" => Scale::Pow10(12),
        "P" => Scale::Pow10(15),
        "E" => Scale::Pow10(18),
        "Ki" => Scale::Pow2(10),
        "Mi" => Scale::Pow2(20),
        "Gi" => Scale::Pow2(30),
        "Ti" => Scale::Pow2(40),
        "Pi" => Scale::Pow2(50),
        "Ei" => Scale::Pow2(60),
        _ => {
            return Err(format!(
                "invalid quantity {s:?}: unknown suffix {suffix:?} (use m, k, M, G, T, Ki, Mi, Gi, Ti)"
            ));
        }
    };
    scaled(num, scale, res, s)
}

enum Scale {
    Pow10(i32),
    Pow2(u32),
}

fn out_of_range(orig: &str, res: Resource) -> String {
    let max = match res {
        Resource::Cpu => "9223372036854775807m",
        Resource::Memory => "9223372036854775807 bytes (8Ei)",
    };
    format!("quantity {orig:?} is out of range (at most {max})")
}

fn scaled(num: &str, scale: Scale, res: Resource, orig: &str) -> Result<i128, String> {
    let bad = || format!("invalid quantity {orig:?}");
    let range = || out_of_range(orig, res);
    let (neg, digits) = match num.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, num.strip_prefix('+').unwrap_or(num)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    if int.len() + frac.len() > 30 {
        return Err(format!("quantity {orig:?} has too many digits"));
    }
    // value = mantissa / 10^frac_len * scale * unit, computed exactly in i128, rounded up. At most
    // 30 digits: mantissa < 10^30, times 1000 still far below i128::MAX (1.7e38).
    let mantissa: i128 = format!("{int}{frac}").parse().map_err(|_| bad())?;
    let mut numer = mantissa * if res == Resource::Cpu { 1000 } else { 1 };
    // frac.len() <= 30, so 10^frac_len fits.
    let mut denom: i128 = 10i128.pow(frac.len() as u32);
    let pow10 = |e: u32| 10i128.checked_pow(e);
    match scale {
        Scale::Pow10(e) if e >= 0 => {
            if numer != 0 {
                numer = pow10(e.unsigned_abs()).and_then(|p| numer.checked_mul(p)).ok_or_else(range)?;
            }
        }
        Scale::Pow10(e) => match pow10(e.unsigned_abs()).and_then(|p| denom.checked_mul(p)) {
            Some(d) => denom = d,
            // A divisor beyond i128 dwarfs any numerator (< 10^33): the value rounds up to one
            // unit, or is zero.
            None => return Ok(signed(neg, i128::from(numer != 0))),
        },
        Scale::Pow2(p) => numer = numer.checked_mul(1i128 << p).ok_or_else(range)?,
    }
    // Rounded up without `numer + denom - 1`, which could overflow.
    let v = numer / denom + i128::from(numer % denom != 0);
    if v > MAX {
        return Err(range());
    }
    Ok(signed(neg, v))
}

fn signed(neg: bool, v: i128) -> i128 {
    if neg { -v } else { v }
}

/// Formats millicores (`500m`, `2`) or bytes (`256Mi`, `1Gi`, `1500`).
pub fn format(v: i128, res: Resource) -> String {
    match res {
        Resource::Cpu if v % 1000 == 0 => format!("{}", v / 1000),
        Resource::Cpu => format!("{v}m"),
        Resource::Memory => {
            // The shortest exact spelling; binary suffixes win ties (256Mi, but 512M).
            let mut best = v.to_string();
            let suffixes: [(&str, i128); 10] = [
                ("Ei", 1 << 60),
                ("Pi", 1 << 50),
                ("Ti", 1 << 40),
                ("Gi", 1 << 30),
                ("Mi", 1 << 20),
                ("Ki", 1 << 10),
                ("T", 1_000_000_000_000),
                ("G", 1_000_000_000),
                ("M", 1_000_000),
                ("k", 1_000),
            ];
            for (suffix, d) in suffixes {
                if v != 0 && v % d == 0 {
                    let s = format!("{}{suffix}", v / d);
                    if s.len() < best.len() {
                        best = s;
                    }
                }
            }
            best
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use Resource::*;

    #[test]
    fn exponents_at_every_edge_round_up_or_are_out_of_range() {
        // 1e-200 cores: a divisor beyond i128, one millicore (the API server rounds up too).
        assert_eq!(parse("1e-200", Cpu), Ok(1));
        assert_eq!(parse("1e-200", Memory), Ok(1));
        assert_eq!(parse("-1e-200", Cpu), Ok(-1));
        assert_eq!(parse("0e-200", Cpu), Ok(0));
        assert_eq!(parse("1e-2147483648", Cpu), Ok(1), "i32::MIN: its negation overflows");
        assert_eq!(parse("1e-99999999999", Cpu), Ok(1), "beyond i32");
        assert_eq!(parse("0e99999999999", Cpu), Ok(0));
        for s in ["1e39", "1e2147483647", "1e99999999999", "99999999999999999999E", "9Ei", "16Ei"] {
            assert!(parse(s, Memory).unwrap_err().contains("out of range"), "{s}");
        }
        assert_eq!(parse("9223372036854775807m", Cpu), Ok(MAX));
        assert!(parse("9223372036854775808m", Cpu).is_err());
        assert_eq!(parse("-9223372036854775807", Memory), Ok(-MAX));
        assert_eq!(parse("7Ei", Memory), Ok(7 << 60));
        // The largest mantissa and a fraction: no `numer + denom - 1` overflow.
        assert_eq!(parse("0.00000000000000000000000000017e34", Cpu), Ok(1_700_000_000));
        assert!(parse("0.00000000000000000000000000017e35", Cpu).unwrap_err().contains("out of range"));
        assert_eq!(parse("999999999999999999999999999.999e-30", Cpu), Ok(1));
    }

    /// Any value parse returns, formatted canonically.
    fn base_value() -> impl Strategy<Value = i128> {
        prop_oneof![-MAX..=MAX, -10_000i128..10_000, Just(MAX), Just(-MAX), Just(0)]
    }

    fn quantity_like() -> impl Strategy<Value = String> {
        // Built from the pieces a quantity is made of, so most inputs get past the first check.
        let num = "[+-]?[0-9]{0,32}(\\.[0-9]{0,8})?";
        let suffix = prop_oneof![
            Just(String::new()),
            prop::sample::select(vec![
                "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "x", "e", "E+"
            ])
            .prop_map(String::from),
            "[eE][+-]?[0-9]{1,12}",
        ];
        (num, suffix).prop_map(|(n, s)| format!("{n}{s}"))
    }

    proptest! {
        #[test]
        fn parse_never_panics_on_any_string(s in any::<String>()) {
            for r in [Cpu, Memory] {
                if let Ok(v) = parse(&s, r) {
                    prop_assert!((-MAX..=MAX).contains(&v));
                }
            }
        }

        #[test]
        fn parse_never_panics_and_stays_in_range_on_quantity_like_strings(s in quantity_like()) {
            for r in [Cpu, Memory] {
                if let Ok(v) = parse(&s, r) {
                    prop_assert!((-MAX..=MAX).contains(&v), "{s} -> {v}");
                }
            }
        }

        #[test]
        fn format_then_parse_is_the_identity(v in base_value()) {
            for r in [Cpu, Memory] {
                prop_assert_eq!(parse(&format(v, r), r), Ok(v), "{}", format(v, r));
            }
        }

        #[test]
        fn parse_keeps_the_order_of_the_numbers(a in 0u64..1_000_000_000, b in 0u64..1_000_000_000, fa in 0u32..1000, fb in 0u32..1000, suffix in prop::sample::select(vec!["", "m", "k", "Mi", "e-5", "e3"])) {
            // Two decimals with the same suffix: parse is monotone (not strictly: rounding up).
            let (x, y) = (format!("{a}.{fa:03}{suffix}"), format!("{b}.{fb:03}{suffix}"));
            for r in [Cpu, Memory] {
                let (px, py) = (parse(&x, r).unwrap(), parse(&y, r).unwrap());
                let (nx, ny) = (u64::from(fa) + a * 1000, u64::from(fb) + b * 1000);
                if nx <= ny {
                    prop_assert!(px <= py, "{x} {px} vs {y} {py}");
                }
            }
        }
    }

    #[test]
    fn parses_kubernetes_quantities() {
        assert_eq!(parse("500m", Cpu), Ok(500));
        assert_eq!(parse("2", Cpu), Ok(2000));
        assert_eq!(parse("1.5", Cpu), Ok(1500));
        assert_eq!(parse("0.1", Cpu), Ok(100));
        assert_eq!(parse("5.556655340828402", Cpu), Ok(5557));
        assert_eq!(parse("-500m", Cpu), Ok(-500));
        assert_eq!(parse("1e3", Cpu), Ok(1_000_000));
        assert_eq!(parse("256Mi", Memory), Ok(256 << 20));
        assert_eq!(parse("1Gi", Memory), Ok(1 << 30));
        assert_eq!(parse("512M", Memory), Ok(512_000_000));
        assert_eq!(parse("1.5Gi", Memory), Ok(3 << 29));
        assert_eq!(parse("17.41550499759833Gi", Memory), Ok(18_699_756_103));
        assert_eq!(parse("128974848", Memory), Ok(128_974_848));
        assert_eq!(parse("2k", Memory), Ok(2000));
        assert!(parse("12x", Cpu).is_err());
        assert!(parse("", Cpu).is_err());
        assert!(parse("Mi", Memory).is_err());
        assert!(parse("1.2.3", Cpu).is_err());
    }

    #[test]
    fn formats_canonically() {
        assert_eq!(format(500, Cpu), "500m");
        assert_eq!(format(2000, Cpu), "2");
        assert_eq!(format(1500, Cpu), "1500m");
        assert_eq!(format(256 << 20, Memory), "256Mi");
        assert_eq!(format(768 << 20, Memory), "768Mi");
        assert_eq!(format(1 << 30, Memory), "1Gi");
        assert_eq!(format(512_000_000, Memory), "512M");
        assert_eq!(format(1500, Memory), "1500");
        for (s, r) in [("750m", Cpu), ("16", Cpu), ("64Mi", Memory), ("32Gi", Memory)] {
            assert_eq!(format(parse(s, r).unwrap(), r), s);
        }
    }
}
