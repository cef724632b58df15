//! HTTP dates (RFC 9110 §5.6.7 IMF-fixdate), for the `date` header Node adds to responses.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `Sun, 06 Nov 1994 08:49:37 GMT` for a time.
pub fn http_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        DAYS[(days % 7) as usize],
        d,
        MONTHS[(m - 1) as usize],
        y,
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// The current time as an HTTP date.
pub fn http_date_now() -> String {
    http_date(SystemTime::now())
}

/// The current time as an HTTP date, formatted once per second and shared (every response
/// carries one; Node caches it the same way). `loop_now` is the event loop's time of this
/// turn: until it passes the end of the second the cached date was made in, the clock is not
/// read at all (Node's cache is likewise reset by a timer, between turns).
/// The date is 29 bytes, so it is held inline: handing it out copies 40 bytes, no count.
pub fn http_date_bytes_at(loop_now: Instant) -> crate::hpack::FieldBytes {
    thread_local! {
        static CACHE: std::cell::RefCell<Option<(Instant, crate::hpack::FieldBytes)>> = const { std::cell::RefCell::new(None) };
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some((until, date)) = &*c {
            if loop_now < *until {
                return date.clone();
            }
        }
        let now = SystemTime::now();
        let into_second = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        // The end of this second, on the loop's clock (early by however far the loop's time
        // lags the clock, never late).
        let until = loop_now + Duration::from_nanos(u64::from(1_000_000_000 - into_second));
        let date = crate::hpack::FieldBytes::from(http_date(now));
        *c = Some((until, date.clone()));
        date
    })
}

/// Parses an IMF-fixdate (the form `http_date` writes and `If-Modified-Since` carries).
pub fn parse_http_date(s: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() != 6 || parts[5] != "GMT" {
        return None;
    }
    let d: u32 = parts[1].parse().ok()?;
    let m = MONTHS.iter().position(|&x| x == parts[2])? as u32 + 1;
    let y: i64 = parts[3].parse().ok()?;
    let hms: Vec<u64> = parts[4].split(':').map(|x| x.parse().ok()).collect::<Option<Vec<u64>>>()?;
    if hms.len() != 3 || hms[0] > 23 || hms[1] > 59 || hms[2] > 60 || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    let secs = u64::try_from(days).ok()? * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2];
    Some(UNIX_EPOCH + std::time::Duration::from_secs(secs))
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date Node adds to responses: the clock's date, shared within a second of the
    /// loop's time, made again once the loop's time passes the second's end.
    #[test]
    fn date_is_cached_until_the_loop_time_passes_the_second() {
        let start = Instant::now();
        let before = SystemTime::now();
        let a = http_date_bytes_at(start);
        let after = SystemTime::now();
        assert!(a == http_date(before).as_bytes() || a == http_date(after).as_bytes());
        // Into the clock's next second: the loop's time of the turn has not moved, so the
        // cached date is still the one handed out.
        let into_second = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos();
        std::thread::sleep(Duration::from_nanos(u64::from(1_000_000_000 - into_second)) + Duration::from_millis(5));
        let b = http_date_bytes_at(start);
        assert_eq!(a, b, "the same date within the loop's second");
        let c = http_date_bytes_at(start + Duration::from_secs(2));
        assert_ne!(a, c, "made again after the second");
        let now = SystemTime::now();
        assert!(c == http_date(now).as_bytes() || c == http_date(now - Duration::from_secs(1)).as_bytes());
    }

    #[test]
    fn rfc9110_5_6_7_imf_fixdate() {
        let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        let now = SystemTime::now();
        let secs = now.duration_since(UNIX_EPOCH).unwrap().as_secs();
        assert_eq!(parse_http_date(&http_date(now)), Some(UNIX_EPOCH + Duration::from_secs(secs)));
    }
}
