//! The application-log reader (`hike_status::applog`): any bytes in, no panic, and what it
//! reads stays within its bounds: a status in 100..=599, an inferred one only 429 from a body,
//! a body of at most `MAX_BODY` bytes, a time that formats; a line reads the same with a `\r`
//! after it and inside `read_log`, where the line is no body of the one before; `Follow` fed
//! any lines stays bounded.
#![no_main]

use hike_status::applog::{
    Context, Follow, LogExchange, MAX_BODY, SeenSecrets, Step, read_line, read_log, time,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    // Byte 0: the year syslog's times take, and a small line bound now and then.
    let mut ctx = Context::new(1990 + i32::from(first % 64));
    if first >= 0xf0 {
        ctx.max_line = usize::from(first - 0xef) * 16;
    }
    let mut follow = Follow::new();
    let mut follow_open = true;
    for line in rest.split(|&b| b == b'\n') {
        let x = read_line(line, &ctx);
        if let Some(x) = &x {
            check(x);
        }
        if line.last() != Some(&b'\r') {
            let mut cr = line.to_vec();
            cr.push(b'\r');
            assert_eq!(read_line(&cr, &ctx), x, "a line with \\r after it");
        }
        if follow_open && follow.feed(line) != Step::Take {
            follow_open = false;
        }
    }
    assert!(follow.into_body().is_none_or(|b| b.len() <= MAX_BODY));
    let all = read_log(rest, &ctx);
    for x in &all {
        check(x);
    }
    // Every line `read_line` reads is in `read_log`'s answer, but those taken as a body.
    let one_by_one = rest
        .split(|&b| b == b'\n')
        .filter_map(|l| read_line(l, &ctx))
        .count();
    assert!(all.len() <= one_by_one);
});

fn check(x: &LogExchange) {
    assert!((100..=599).contains(&x.status), "{}", x.status);
    assert!(!x.inferred || (x.status == 429 && x.body.is_some()));
    assert!(x.body.as_ref().is_none_or(|b| b.len() <= MAX_BODY));
    assert!(x.secrets.places.len() <= SeenSecrets::MAX);
    assert!(x.headers.len() <= 64);
    if let Some(t) = x.time_ms {
        let s = time::rfc3339(t);
        assert_eq!(time::parse(&s, 2000), Some(t), "{s}");
    }
    let _ = x.lacks();
    let _ = x.advice();
    let _ = x.source.name();
}
