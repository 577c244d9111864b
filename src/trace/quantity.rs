//! Kubernetes resource quantities (`500m`, `1.5`, `256Mi`, `2G`, `1e3`), exactly enough for
//! CPU in millicores and memory in bytes.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Cpu,
    Memory,
}

/// Parses a quantity into the resource's base unit: millicores for CPU, bytes for memory.
/// Fractions round up, as the API server does when it canonicalises a quantity.
pub fn parse(s: &str, res: Resource) -> Result<i128, String> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-')).unwrap_or(s.len());
    let (num, suffix) = s.split_at(split);
    let (num, suffix) = match suffix.strip_prefix(['e', 'E']) {
        Some(exp) if !exp.is_empty() && exp.trim_start_matches(['+', '-']).chars().all(|c| c.is_ascii_digit()) => {
            let e: i32 = exp.parse().map_err(|_| format!("invalid quantity {s:?}"))?;
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

fn scaled(num: &str, scale: Scale, res: Resource, orig: &str) -> Result<i128, String> {
    let bad = || format!("invalid quantity {orig:?}");
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
    // value = mantissa / 10^frac_len * scale * unit, computed exactly in i128, rounded up.
    let mantissa: i128 = format!("{int}{frac}").parse().map_err(|_| bad())?;
    let unit: i128 = if res == Resource::Cpu { 1000 } else { 1 };
    let mut numer = mantissa * unit;
    let mut denom: i128 = 10i128.pow(frac.len() as u32);
    match scale {
        Scale::Pow10(e) if e >= 0 => numer = numer.checked_mul(10i128.pow(e as u32)).ok_or_else(bad)?,
        Scale::Pow10(e) => denom = denom.checked_mul(10i128.pow((-e) as u32)).ok_or_else(bad)?,
        Scale::Pow2(p) => numer = numer.checked_mul(1i128 << p).ok_or_else(bad)?,
    }
    let v = (numer + denom - 1) / denom;
    Ok(if neg { -v } else { v })
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
    use super::*;
    use Resource::*;

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
