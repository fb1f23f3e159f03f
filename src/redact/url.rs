//! URLs and `name=value` parameter lists: userinfo, and the values of credential-named
//! query and fragment parameters.

use std::borrow::Cow;

use super::names::{hidden, is_credential_param};

/// A URL or request target with its userinfo (`user:password@`) and the values of its
/// credential-named query and fragment parameters hidden.
pub(super) fn url(url: &str) -> Cow<'_, str> {
    url_at(url, 0)
}

/// How deep URLs inside parameter values are read (`a=http://x?b=http://y?...`).
const MAX_NESTED: usize = 4;

fn url_at(url: &str, depth: usize) -> Cow<'_, str> {
    let mut out = String::new();
    let mut rest = url;
    if let Some(scheme_end) = url.find("://") {
        let after = &url[scheme_end + 3..];
        let authority_end = after.find(['/', '?', '#']).unwrap_or(after.len());
        if let Some(at) = after[..authority_end].rfind('@') {
            out.push_str(&url[..scheme_end + 3]);
            out.push_str(&hidden(&after[..at]));
            rest = &after[at..];
        }
    }
    let Some(q) = rest.find(['?', '#']) else {
        return finish(url, out, rest, Cow::Borrowed(""));
    };
    let (head, tail) = rest.split_at(q + 1);
    let (query, fragment) = match tail.split_once('#') {
        Some((q, f)) if head.ends_with('?') => (q, Some(f)),
        _ => (tail, None),
    };
    let mut params_out = params_at(query, depth).into_owned();
    if let Some(f) = fragment {
        params_out.push('#');
        params_out.push_str(&params_at(f, depth));
    }
    finish(url, out, head, Cow::Owned(params_out))
}

fn finish<'a>(url: &'a str, mut out: String, head: &str, tail: Cow<'_, str>) -> Cow<'a, str> {
    out.push_str(head);
    out.push_str(&tail);
    if out == url {
        Cow::Borrowed(url)
    } else {
        Cow::Owned(out)
    }
}

/// A `name=value&name=value` list (split on `&` and `;`) with the values of
/// credential-named parameters hidden (Hike's and OAuth's word fields only when they hold
/// a credential). Text that is not such a list comes back as it was.
pub(super) fn params(list: &str) -> Cow<'_, str> {
    params_at(list, 0)
}

fn params_at(list: &str, depth: usize) -> Cow<'_, str> {
    let secret = |pair: &str| match pair.split_once('=') {
        Some((name, value)) => {
            !value.is_empty() && !value.starts_with("[redacted") && is_credential_param(name, value)
        }
        None => false,
    };
    // A URL inside a value (`redirect_uri=https://app/cb?access_token=...`) has its own
    // parameters.
    let nested = |pair: &str| {
        depth < MAX_NESTED
            && pair
                .split_once('=')
                .is_some_and(|(_, v)| v.contains(['?', '#']))
    };
    if !list.split(['&', ';']).any(|p| secret(p) || nested(p)) {
        return Cow::Borrowed(list);
    }
    let mut out = String::with_capacity(list.len());
    let mut start = 0;
    for (i, c) in list.char_indices().chain([(list.len(), '&')]) {
        if c != '&' && c != ';' {
            continue;
        }
        let pair = &list[start..i];
        if secret(pair) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            out.push_str(name);
            out.push('=');
            out.push_str(&hidden(value));
        } else if nested(pair) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            out.push_str(name);
            out.push('=');
            out.push_str(&url_at(value, depth + 1));
        } else {
            out.push_str(pair);
        }
        if i < list.len() {
            out.push(c);
        }
        start = i + 1;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_query_and_fragment() {
        assert_eq!(
            url("/api/v1/products?access_token=SECRET&page_size=5"),
            "/api/v1/products?access_token=[redacted, 6 chars]&page_size=5"
        );
        assert_eq!(
            url("https://me:pw@api.hikeup.com/x?code=abc"),
            "https://[redacted, 5 chars]@api.hikeup.com/x?code=[redacted, 3 chars]"
        );
        assert_eq!(url("/api/v1/products"), "/api/v1/products");
        assert_eq!(
            url("https://app/cb#access_token=SECRET&x=1"),
            "https://app/cb#access_token=[redacted, 6 chars]&x=1"
        );
        assert_eq!(
            url("/x?a=1;pwd=hunter2&design=ok#sig=abc;keyword=k"),
            "/x?a=1;pwd=[redacted, 7 chars]&design=ok#sig=[redacted, 3 chars];keyword=k"
        );
        assert_eq!(
            url("/x?access%5Ftoken=abc&Authorization=Bearer%20XYZ&x-api-key=k1"),
            "/x?access%5Ftoken=[redacted, 3 chars]&Authorization=[redacted, 12 chars]\
             &x-api-key=[redacted, 2 chars]"
        );
        assert_eq!(url("/x?compass=n&page=2"), "/x?compass=n&page=2");
        // A URL inside a parameter's value.
        assert_eq!(
            url("/x?redirect_uri=http://a/cb?access_token=abc&y=1"),
            "/x?redirect_uri=http://a/cb?access_token=[redacted, 3 chars]&y=1"
        );
        assert_eq!(
            url("/?=?access_token=abc"),
            "/?=?access_token=[redacted, 3 chars]"
        );
        assert_eq!(
            params("token=[redacted, 3 chars]"),
            "token=[redacted, 3 chars]"
        );
    }
}
