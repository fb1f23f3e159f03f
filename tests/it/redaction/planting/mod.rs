//! Planting a secret: the exchanges a place writes, and where a credential can stand.

mod applog;
mod formats;
mod har;
mod libraries;
mod trace;

pub use applog::{LOG_FORMATS, LogFormat};
pub use formats::{FORMATS, Format};

/// One request and its response, as a place writes them into a template.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub method: String,
    pub target: String,
    pub req_headers: Vec<(String, String)>,
    pub req_body: Option<String>,
    pub status: u16,
    pub reason: String,
    pub resp_headers: Vec<(String, String)>,
    pub body: String,
}

impl Exchange {
    fn new(status: u16, reason: &str) -> Exchange {
        Exchange {
            method: "GET".into(),
            target: "/api/v1/products?page_size=5".into(),
            req_headers: vec![("Authorization".into(), "Bearer hk_short_1".into())],
            req_body: None,
            status,
            reason: reason.into(),
            resp_headers: vec![("Content-Type".into(), "application/json".into())],
            body: r#"{"errors": "Not Found"}"#.into(),
        }
    }

    fn resp_header(&mut self, name: &str, value: String) {
        self.resp_headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.resp_headers.push((name.into(), value));
    }

    fn req_header(&mut self, name: &str, value: String) {
        self.req_headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.req_headers.push((name.into(), value));
    }

    fn json_body(&mut self, body: serde_json::Value) {
        self.resp_header("Content-Type", "application/json".into());
        self.body = body.to_string();
    }
}

/// Where a credential can stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A credential header of the request, in one of its forms.
    RequestHeader(usize),
    /// A query parameter of the request URL, by one of its names and separators.
    Query(usize),
    /// The request URL's fragment.
    Fragment,
    /// The request URL's userinfo.
    Userinfo,
    /// The request's form body, as sent to the token endpoint.
    FormRequestBody,
    /// The request's JSON body.
    JsonRequestBody,
    /// `Set-Cookie` in the response.
    SetCookie,
    /// The response's `Location`, by one of its forms.
    Location(usize),
    /// `WWW-Authenticate`'s `error_description`, in prose.
    WwwAuthenticate(usize),
    /// A JSON body's `message`, in prose.
    JsonMessage(usize),
    /// A JSON body's OAuth `error_description`.
    ErrorDescription,
    /// A message listed under a credential-named field in `errors`.
    FieldMessage(usize),
    /// A token response earlier in the input; a later body quotes the token bare.
    TokenResponse(usize),
    /// Hike's form-encoded body, `oauth_problem_advice`.
    FormBody,
    /// A plain-text body, in prose.
    Prose(usize),
    /// The reason phrase, in prose.
    Reason,
    /// A JWT with no word around it to tell.
    BareJwt,
}

const HEADER_FORMS: &[(&str, &str)] = &[
    ("Authorization", "Bearer {}"),
    ("Authorization", "Basic {}"),
    ("Authorization", "token {}"),
    ("Proxy-Authorization", "Basic {}"),
    ("Cookie", "lang=en; hike_session={}"),
    ("X-Api-Key", "{}"),
    ("X-Auth-Token", "{}"),
    ("Private-Token", "{}"),
];

const QUERY_NAMES: &[&str] = &[
    "access_token",
    "pwd",
    "private_token",
    "access-token",
    "x-api-key",
    "access%5Ftoken",
    "client_secret",
    "code",
    "sig",
    "api_key",
    "Authorization",
    "password",
    "jwt",
];

const PROSE: &[&str] = &[
    "The access token {} has expired",
    "refresh token {} is invalid",
    "api_key {} revoked",
    "token {} expired",
    "Token {} was rejected",
    "the client secret {} is wrong",
    "password {} is incorrect",
    "Bearer {} not accepted",
    "API key {} is disabled",
];

const FIELDS: &[&str] = &[
    "client_secret",
    "password",
    "refresh_token",
    "api_key",
    "access-token",
];

pub fn places(format: Format) -> Vec<Place> {
    let mut v = Vec::new();
    if format.shows_reason() {
        v.push(Place::Reason);
    }
    if format.shows_response_headers() {
        v.push(Place::SetCookie);
        v.extend((0..3).map(Place::Location));
        v.extend((0..PROSE.len()).map(Place::WwwAuthenticate));
    }
    if format.shows_body() {
        v.extend([Place::ErrorDescription, Place::BareJwt]);
        v.extend((0..PROSE.len()).map(Place::JsonMessage));
        v.extend((0..FIELDS.len() * 2).map(Place::FieldMessage));
    }
    if format.shows_text_body() {
        v.push(Place::FormBody);
        v.extend((0..PROSE.len()).map(Place::Prose));
    }
    if format.holds_several() {
        v.extend((0..2).map(Place::TokenResponse));
    }
    if format.shows_request_headers() {
        v.extend((0..HEADER_FORMS.len()).map(Place::RequestHeader));
    }
    if format.shows_url() {
        v.extend((0..QUERY_NAMES.len() * 2).map(Place::Query));
        v.push(Place::Fragment);
        v.push(Place::Userinfo);
    }
    if format.shows_request_body() {
        v.push(Place::FormRequestBody);
        v.push(Place::JsonRequestBody);
    }
    v
}

/// Plants `secret` (and `noise`, a run of unsafe characters) in `place`; returns the
/// exchanges in order, and whether the report shows the field the secret stood in (so that
/// a `[redacted` must be there: the secret was not merely dropped).
pub fn plant(place: Place, secret: &str, noise: &str, echo: bool) -> (Vec<Exchange>, bool) {
    let fill = |pattern: &str| pattern.replace("{}", secret);
    let mut ex = Exchange::new(401, "Unauthorized");
    // Noise where the report shows input: a header, the reason, a body message.
    ex.resp_header("X-Request-Id", format!("3c4d5e6f-1a2b {noise} 4c3d"));
    let mut shown = true;
    let mut before = Vec::new();
    match place {
        Place::RequestHeader(i) => {
            let (name, form) = HEADER_FORMS[i];
            ex.req_header(name, fill(form));
            shown = name == "Authorization";
        }
        Place::Query(i) => {
            let name = QUERY_NAMES[i % QUERY_NAMES.len()];
            let sep = if i < QUERY_NAMES.len() { "&" } else { ";" };
            let value = if name == "Authorization" {
                format!("Bearer%20{secret}")
            } else {
                secret.to_string()
            };
            ex.target = format!("/api/v1/products?page_size=5{sep}{name}={value}{sep}skip_count=0");
        }
        Place::Fragment => {
            ex.target = format!("https://api.hikeup.com/cb#state=x&access_token={secret}");
        }
        Place::Userinfo => {
            ex.target = format!("https://hike:{secret}@api.hikeup.com/api/v1/products");
        }
        Place::FormRequestBody => {
            ex.method = "POST".into();
            ex.target = "/oauth/token".into();
            ex.req_headers = vec![(
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            )];
            ex.req_body = Some(format!(
                "grant_type=refresh_token&refresh_token={secret}&client_id=app1"
            ));
            ex.status = 400;
            ex.reason = "Bad Request".into();
            ex.json_body(serde_json::json!({"error": "invalid_grant"}));
            shown = false;
        }
        Place::JsonRequestBody => {
            ex.method = "POST".into();
            ex.req_headers = vec![("Content-Type".into(), "application/json".into())];
            ex.req_body = Some(serde_json::json!({"client_secret": secret, "id": 1}).to_string());
            shown = false;
        }
        Place::SetCookie => {
            ex.resp_header(
                "Set-Cookie",
                format!("hike_session={secret}; Path=/; HttpOnly"),
            );
            shown = false;
        }
        Place::Location(i) => {
            ex.status = 303;
            ex.reason = "See Other".into();
            let l = match i {
                0 => format!("https://app.example/cb?code={secret}&state=1"),
                1 => format!("https://app.example/cb#access_token={secret}&token_type=bearer"),
                _ => format!("https://user:{secret}@api.hikeup.com/api/v1/sales/7"),
            };
            ex.resp_header("Location", l);
        }
        Place::WwwAuthenticate(i) => {
            ex.resp_header(
                "WWW-Authenticate",
                format!(
                    "Bearer realm=\"hike\", error=\"invalid_token\", error_description=\"{}\"",
                    fill(PROSE[i])
                ),
            );
        }
        Place::JsonMessage(i) => {
            ex.json_body(serde_json::json!({"message": format!("{noise} {}", fill(PROSE[i]))}));
        }
        Place::ErrorDescription => {
            ex.status = 400;
            ex.reason = "Bad Request".into();
            ex.json_body(serde_json::json!({
                "error": "invalid_grant",
                "error_description": format!("refresh_token {secret} is invalid {noise}"),
            }));
        }
        Place::FieldMessage(i) => {
            ex.status = 422;
            ex.reason = "Unprocessable Entity".into();
            let field = FIELDS[i % FIELDS.len()];
            // The message holds nothing else that would give the secret away.
            let message = format!("{secret} {noise} is wrong");
            ex.json_body(if i < FIELDS.len() {
                serde_json::json!({"errors": {field: [message], "title": ["can't be blank"]}})
            } else {
                serde_json::json!({"errors": [{"field": field, "message": message}]})
            });
        }
        Place::TokenResponse(i) => {
            let mut token = Exchange::new(200, "OK");
            token.method = "POST".into();
            token.target = "/oauth/token".into();
            token.req_headers = vec![];
            let issued = if i == 0 {
                "access_token"
            } else {
                "refresh_token"
            };
            token.json_body(serde_json::json!({
                issued: secret, "token_type": "bearer", "expires_in": 3600, "scope": "all"
            }));
            before.push(token);
            // The later response quotes the token bare: only what the input showed tells.
            ex.json_body(serde_json::json!({"errors": [format!("{secret} {noise} is unknown")]}));
        }
        Place::FormBody => {
            ex.status = 429;
            ex.reason = "Too Many Requests".into();
            ex.resp_header("Content-Type", "application/x-www-form-urlencoded".into());
            ex.resp_header("X-Rate-Limit-Problem", "Minute".into());
            ex.body = format!(
                "oauth_problem=token_rejected&oauth_problem_advice=token+{secret}+rejected"
            );
        }
        Place::Prose(i) => {
            ex.resp_header("Content-Type", "text/plain".into());
            ex.body = format!("{noise} {}", fill(PROSE[i]));
        }
        Place::Reason => {
            ex.reason = format!("Token {secret} Expired");
        }
        Place::BareJwt => {
            // The secret is the JWT's payload when it is not a JWT itself.
            let jwt = if secret.starts_with("eyJ") {
                secret.to_string()
            } else {
                format!("eyJhbGciOiJIUzI1NiJ9.eyJ{secret}.c2lnbmF0dXJl")
            };
            ex.json_body(serde_json::json!({"message": format!("{noise} rejected {jwt} here")}));
        }
    }
    // A credential the request sent, quoted back bare by the response: only what the
    // input showed before tells it is one.
    let sent = matches!(
        place,
        Place::RequestHeader(_)
            | Place::Query(_)
            | Place::Fragment
            | Place::Userinfo
            | Place::FormRequestBody
            | Place::JsonRequestBody
    );
    if echo && sent {
        ex.resp_header("X-Request-Id", secret.to_string());
    }
    before.push(ex);
    (before, shown)
}
