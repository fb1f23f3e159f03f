//! Sentences about what an input showed: redirects, Retry-After without a Date, curl's and
//! wget's failures, credentials at the token endpoint, HTML error pages, cut transfers.

use super::*;

// 3. 305 is deprecated and following it fetches the proxy; 306 is unused; a 300 may have
// no Location.
#[test]
fn item_03_305_306_and_300_are_not_redirects_to_follow() {
    let v = explain("curl-v-305-use-proxy.txt");
    assert_eq!(
        finding(&v, "redirect-not-followed"),
        "a 305 names a proxy (http://proxy.example.test:3128/); 305 is deprecated and clients \
         ignore it: following it (curl -L) would fetch the proxy's address, not the answer, so \
         look for a misconfigured proxy or intermediary instead"
    );
    let on = |name: &str| finding(&explain(name), "redirect-without-location");
    assert_eq!(
        on("curl-i-306-switch-proxy.txt"),
        "306 is unused (reserved since an early draft of HTTP): no server should send it, so \
         treat it as a broken proxy or server"
    );
    assert_eq!(
        on("curl-i-300-no-location.txt"),
        "a 300 without a Location, as the standard allows: pick one of the alternatives the \
         body lists, or ask with a more specific Accept header"
    );
    assert_eq!(
        retry_line("300"),
        "no: pick one of the alternatives (the Location header or the body), or ask with a \
         more specific Accept header"
    );
}

// 4. Without a Date header: a Retry-After date is measured from the time of the analysis,
// and said so; a number of seconds gets no clock time.
#[test]
fn item_04_retry_after_without_a_date_header() {
    let v = explain("curl-i-503-retry-after-date-no-date.txt");
    assert_eq!(v["retry_at"], "2026-11-25T13:00:00Z");
    assert_eq!(
        next_steps(&v)[0],
        "wait until 2026-11-25T13:00:00Z, as Retry-After asks, then send the request again; \
         the response has no Date header, so the wait was measured from the time of this \
         analysis: 3600 s (60 min)"
    );
    assert_eq!(
        fields(&explain_text("curl-i-503-retry-after-date-no-date.txt"))["retry after"],
        "until 2026-11-25T13:00:00Z (3600 s from the time of this analysis: no Date header)"
    );

    let v = explain("curl-i-503-retry-after-decimal-no-date.txt");
    assert_eq!(v["retry_after_seconds"], 3);
    assert_eq!(v["retry_at"], Value::Null);
    assert_eq!(
        next_steps(&v)[0],
        "wait 3 s as Retry-After asks, then send the request again"
    );

    let v = explain("curl-i-503-retry-after-past-no-date.txt");
    assert_eq!(v["retry_at"], Value::Null);
    assert_eq!(
        finding(&v, "retry-after-passed"),
        "the time Retry-After names, 2026-11-25T11:00:00Z, is past at the time of this \
         analysis; the response has no Date header, so whether it had passed when the \
         response was sent is not known"
    );
    // With a Date header, the comparison is with it, and the finding says so.
    let v = explain("curl-i-429-retry-after-date-past.txt");
    assert!(finding(&v, "retry-after-passed").contains("had passed when the response was sent"));
}

const CONNECT_TIMEOUT: &str = "no connection was made in time, so no request was sent: check \
     the host and port, any firewall or proxy between, or allow more time (--connect-timeout, \
     and --max-time when it is set)";

// 5. "Timeout was reached" is curl's text for error 28, also on a `* ` line.
#[test]
fn item_05_failed_to_connect_timeout_was_reached_is_curl_error_28() {
    assert_eq!(
        no_response("curl-sv-no-S-connect-timeout.txt"),
        format!(
            "hike-status: error: no response: curl error 28: Failed to connect to 127.0.0.1 \
             port 18093 after 2001 ms: Timeout was reached; {CONNECT_TIMEOUT}"
        )
    );
}

// 6. 104 is IANA's temporary registration for draft-ietf-httpbis-resumable-upload.
#[test]
fn item_06_104_is_a_temporary_registration() {
    let v = lookup("104");
    assert_eq!(v.name, "Upload Resumption Supported");
    assert!(v.assigned);
    assert_eq!(
        v.rfc.as_deref(),
        Some("draft-ietf-httpbis-resumable-upload")
    );
    let meaning = v.meaning;
    assert!(
        meaning.contains(
            "A temporary IANA registration (registered 2024-11-13, extension registered \
             2025-09-15, expires 2026-11-13) for draft-ietf-httpbis-resumable-upload"
        ),
        "{meaning}"
    );
    assert!(
        meaning.contains("the registry may extend it again"),
        "{meaning}"
    );
    let out = text(&["104"]);
    assert!(
        out.starts_with(
            "104 Upload Resumption Supported  1xx · not documented by Hike: temporary \
             registration, draft-ietf-httpbis-resumable-upload\n"
        ),
        "{out}"
    );
    assert!(!out.contains("assigns no status 104"));
}

// 7. A 28 that timed out resolving or connecting sent no request.
#[test]
fn item_07_curl_28_connect_and_resolve_timeouts_point_at_connect_timeout() {
    // The first was made with --connect-timeout 2, the second with -m 2: curl 7.88 says
    // `Connection timed out after` when --max-time runs out while connecting, where more
    // --connect-timeout alone would not help.
    for name in [
        "curl-error-28-connect-timeout.txt",
        "curl-error-28-connection-timed-out.txt",
    ] {
        let e = no_response(name);
        assert!(e.ends_with(CONNECT_TIMEOUT), "{name}: {e}");
        assert!(!e.contains("ask for less"), "{name}: {e}");
    }
    assert!(no_response("curl-error-28-resolving.txt").ends_with(
        "Resolving timed out after 2000 milliseconds; the host name could not be looked up in \
         time, so no request was sent: check DNS and any proxy setting, or give the lookup and \
         connection more time (--connect-timeout, and --max-time when it is set)"
    ));
    // A transfer that timed out did send its request: asking for less may help.
    assert!(no_response("curl-error-28-timeout.txt").ends_with(
        "the server did not answer in time: check the network, raise --max-time, and ask for \
         less at once (smaller pages, batches of up to 50)"
    ));
}

const WRONG_HOST: &str = "the server's certificate is for another host name than the URL's: \
     call the API by its name (api.hikeup.com), not by an IP address or another alias, and \
     check any TLS-intercepting proxy; switching verification off hides a wrong host";
const UNTRUSTED: &str = "the server's certificate was not trusted: check the system clock, the \
     CA bundle and any TLS-intercepting proxy; do not switch verification off in production";

// 8. A host-name mismatch is a wrong host, not trust.
#[test]
fn item_08_a_host_name_mismatch_is_a_wrong_host() {
    assert!(no_response("curl-error-60-host-mismatch.txt").ends_with(WRONG_HOST));
    assert!(no_response("curl-error-60-self-signed.txt").ends_with(UNTRUSTED));
    // Before curl 7.62 a wrong host was error 51.
    assert!(no_response("curl-error-51-host-mismatch.txt").ends_with(
        "the server's certificate is for another host name than the URL's: call the API by its \
         name (api.hikeup.com), not by an IP address or another alias, and check any \
         TLS-intercepting proxy (curl before 7.62 said error 51 where it now says 60)"
    ));
}

// 9. At the token endpoint there is no access token yet.
#[test]
fn item_09_a_401_from_the_token_endpoint_is_about_the_client_credentials() {
    let v = explain("curl-v-401-oauth-token.txt");
    assert_eq!(
        next_steps(&v),
        [
            "check client_id and client_secret against the app's settings and, when exchanging a \
          code, that redirect_uri is exactly the registered address; then ask for the token \
          again"
        ]
    );
    assert_eq!(
        finding(&v, "token-endpoint-client-credentials"),
        "the token endpoint authenticates the app by client_id and client_secret in the form \
         body: there is no access token yet, so this is about the app's credentials, not a \
         Bearer token"
    );
    assert_eq!(
        fields(&explain_text("curl-v-401-oauth-token.txt"))["retry"],
        "not unchanged: the app's client credentials were refused; fix client_id, \
         client_secret or redirect_uri, then ask for the token again"
    );
}

// 10. With `Authorization: Basic`, no access token was sent to refresh.
#[test]
fn item_10_a_401_for_basic_says_send_bearer() {
    let v = explain("curl-v-401-basic.txt");
    let steps = next_steps(&v);
    assert_eq!(
        steps[0],
        "send the access token as `Authorization: Bearer <access_token>`: another scheme was \
         sent, so there was no access token to refresh"
    );
    assert!(
        !steps
            .iter()
            .any(|s| s.starts_with("refresh the access token")),
        "{steps:?}"
    );
    // With a Bearer token, refreshing it is the step.
    let v = explain("curl-v-401-bearer.txt");
    assert!(next_steps(&v)[0].starts_with("refresh the access token"));
}

// 11. An application server can send an HTML 500 too.
#[test]
fn item_11_an_html_5xx_may_be_a_proxys() {
    let v = explain("curl-i-500-html-app-server.txt");
    assert_eq!(
        finding(&v, "proxy-error-page"),
        "the body is an HTML error page: it may be from a proxy or load balancer (then the \
         request may not have reached Hike, or Hike did not answer the proxy in time), though \
         an application server can send an HTML error page too"
    );
}

// 12. wget's TLS and timeout failures are said as such.
#[test]
fn item_12_wget_tls_and_read_timeout_failures() {
    for (name, line, advice) in [
        (
            "wget-tls-not-trusted.txt",
            "ERROR: The certificate of ‘127.0.0.1’ is not trusted.",
            UNTRUSTED,
        ),
        (
            "wget-openssl-cannot-verify.txt",
            "ERROR: cannot verify 127.0.0.1's certificate, issued by ‘/CN=other.example.test’",
            UNTRUSTED,
        ),
        (
            "wget-tls-host-mismatch.txt",
            "The certificate's owner does not match hostname ‘127.0.0.1’",
            WRONG_HOST,
        ),
        (
            "wget-tls-plain-http.txt",
            "Unable to establish SSL connection.",
            "the TLS handshake failed: check that the URL is https on a TLS port (`wrong \
             version number` or an unexpected TLS packet means TLS spoken to plain HTTP) and \
             any TLS-intercepting proxy",
        ),
        (
            "wget-read-timeout.txt",
            "Read error (Connection timed out) in headers.",
            "the connection was made and the request sent, but no answer came in time (wget's \
             --read-timeout): check the network, and ask for less at once (smaller pages, \
             batches of up to 50)",
        ),
    ] {
        assert_eq!(
            no_response(name),
            format!("hike-status: error: no response: the client failed: {line}; {advice}"),
            "{name}"
        );
    }
    // wget's several lines about one certificate are one failure, one exchange.
    let r = run(
        &[
            "explain",
            fixture("wget-tls-not-trusted.txt").to_str().unwrap(),
            "--json",
        ],
        None,
    );
    assert_eq!(r.json()["exchanges"], 1);
}

// 13. Windows PowerShell 5.1 prints .NET Framework's name for a code .NET knows (503 is one),
// the server's reason only for one it does not.
#[test]
fn item_13_powershell_51s_reason_is_not_as_sent() {
    let reason = fields(&explain_text("lib-windows-powershell51-503.txt"))["reason"].clone();
    assert_eq!(
        reason,
        "\"Server Unavailable\" is as Windows PowerShell 5.1 printed it: .NET Framework's own \
         name for a code it knows, the server's reason only for one it does not; the code \
         decides"
    );
}

// 14. `list` cuts a meaning at a sentence end, never inside parentheses.
#[test]
fn item_14_list_never_cuts_inside_parentheses() {
    let out = text(&["list", "--all"]);
    for line in out.lines() {
        assert!(
            !line.ends_with("(e.g.") && !line.ends_with("(e.g"),
            "{line}"
        );
        if !line.ends_with('…') {
            assert_eq!(
                line.matches('(').count(),
                line.matches(')').count(),
                "{line}"
            );
        }
    }
    let line = |code: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{code} ")))
            .unwrap()
            .to_string()
    };
    assert!(
        line("412").contains("A condition in the request headers (e.g. If-Match) was false on"),
        "{}",
        line("412")
    );
    assert!(line("511").contains("(e.g. a capt"), "{}", line("511"));
}

// 15. Say what is caught, not "never echoed".
#[test]
fn item_15_help_and_man_page_say_which_credentials_are_caught() {
    let help = run(&["explain", "--help"], None).stdout;
    let man = run(&["man"], None).stdout.replace("\\-", "-");
    for (what, page) in [("explain --help", help), ("man", man)] {
        let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(!flat.contains("never echoed"), "{what}");
        assert!(
            flat.contains(
                "Credentials are redacted where they are caught: credential headers, \
                 credentials in URLs and form or JSON fields, JWTs"
            ),
            "{what}"
        );
        assert!(
            flat.contains("a bare secret in prose is not caught"),
            "{what}"
        );
    }
}

// 16. Hike's "4MB" is for a POST: the hedge stays on every method.
#[test]
fn item_16_request_body_too_large_keeps_the_hedge() {
    let want = |bytes: u64| {
        format!(
            "the request body is {bytes} bytes; Hike's docs give \"4MB\" (the unit not spelled \
             out, so about 4 MB) as the most one POST carries: to stay clear of it, keep a body \
             under 4,000,000 bytes and send bulk work in batches of up to 50 items"
        )
    };
    // The hints that name the limit keep it too.
    assert_eq!(
        lookup("413").hint,
        "Send a smaller body: Hike's docs give \"4MB\" (the unit not spelled out) as the most \
         one POST carries, so keep a POST under 4,000,000 bytes and split bulk work into \
         batches of up to 50 items."
    );
    assert!(
        lookup("504")
            .hint
            .contains("keep each POST under Hike's \"4MB\" (4,000,000 bytes to be safe)")
    );
    for name in [
        "curl-v-413-put-4100000-bytes.txt",
        "curl-v-413-post-4100000-bytes.txt",
    ] {
        assert_eq!(
            finding(&explain(name), "request-body-too-large"),
            want(4_100_000),
            "{name}"
        );
    }
}

// 17. 508's and 102's hints no longer contradict themselves or their retry lines.
#[test]
fn item_17_508_and_102_hints_agree_with_themselves() {
    assert_eq!(
        lookup("508").hint,
        "A loop in the server's bindings (RFC 5842), met while it walked them with 'Depth: \
         infinity': the same request meets the same loop. Ask with a smaller Depth to stay \
         clear of it, or report it to the provider with the request details."
    );
    assert_eq!(
        retry_line("508"),
        "no: the same request meets the same loop; ask with a smaller Depth, or report it"
    );
    assert_eq!(
        lookup("102").hint,
        "Keep the connection open and wait for the final status that follows: a 102 only says \
         the server is still working. If none ever comes, the request timed out: send a \
         smaller one later."
    );
    assert_eq!(
        retry_line("102"),
        "not now: this is interim, the final response follows; only if none ever comes, send \
         a smaller request later"
    );
}

// 18. Every API path in the README is Hike's or marked illustrative.
#[test]
fn item_18_readme_marks_every_illustrative_path() {
    const DOCUMENTED: &[&str] = &["/api/v1/products/get_all"];
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let mut paths = Vec::new();
    for line in &lines {
        for (i, _) in line.match_indices("/api/v1/") {
            let path: String = line[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "/_{}-".contains(*c))
                .collect();
            paths.push(path.trim_end_matches('/').to_string());
        }
    }
    assert!(paths.iter().any(|p| p == "/api/v1/products/{id}"));
    assert!(paths.iter().any(|p| p == "/api/v1/products/123"));
    for path in paths.iter().filter(|p| !DOCUMENTED.contains(&p.as_str())) {
        // The path in backquotes, with "illustrative" in its line or the two after it.
        let marked = lines
            .windows(3)
            .any(|w| w[0].contains(&format!("{path}`")) && w.join(" ").contains("illustrative"));
        assert!(marked, "README: {path} is not marked illustrative");
    }
}

// 19. A 200 whose transfer broke off did not succeed whole.
#[test]
fn item_19_a_200_cut_short_is_not_a_success() {
    let v = explain("curl-i-200-transfer-closed.txt");
    assert_eq!(
        finding(&v, "client-error-after-response"),
        "curl error 18 after the response: transfer closed with 190 bytes remaining to read: \
         the connection closed before the whole body arrived, so the body is incomplete: retry \
         with backoff"
    );
    assert_eq!(
        next_steps(&v),
        [
            "the body is partial: the transfer broke off before the whole body came; send the \
          request again to get the whole of it (a request that changes data has taken effect \
          already: check before repeating it)"
        ]
    );
    let out = explain_text("curl-i-200-transfer-closed.txt");
    assert_eq!(
        fields(&out)["retry"],
        "not complete: the status came but the transfer broke off, so the body is partial; \
         send the request again to get all of it (a request that changed data has taken effect \
         already)"
    );
    assert!(!out.contains("no need: it succeeded"), "{out}");
    // The same failure glued to the body: `curl -sSiN` on a body cut short with no newline.
    let v = explain("curl-i-200-transfer-closed-glued.txt");
    assert_eq!(v["body"]["bytes"], 10);
    assert!(finding(&v, "client-error-after-response").contains("curl error 18"));
    assert_eq!(
        next_steps(&v),
        next_steps(&explain("curl-i-200-transfer-closed.txt"))
    );
    // Cut short when sent chunked: no length was declared, and the step names none.
    let v = explain("curl-i-200-chunked-cut.txt");
    assert!(
        finding(&v, "client-error-after-response")
            .contains("transfer closed with outstanding read data remaining")
    );
    assert_eq!(
        next_steps(&v),
        next_steps(&explain("curl-i-200-transfer-closed.txt"))
    );
}

// 19, the other way: a whole body that quotes curl's error 18 is no transfer cut short.
// The line ends a body only when the bytes curl says are missing are those the declared
// length leaves there.
#[test]
fn item_19_a_body_that_quotes_curl_error_18_is_whole() {
    let v = explain("curl-i-200-body-quotes-curl-18.txt");
    assert_eq!(v["body"]["bytes"], 98);
    lacks(&v, "client-error-after-response");
    assert_eq!(
        fields(&explain_text("curl-i-200-body-quotes-curl-18.txt"))["retry"],
        "no need: it succeeded"
    );
}
