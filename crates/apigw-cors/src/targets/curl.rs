//! Target `curl`: a POSIX shell script that checks the deployed API's CORS answers and stops
//! with the name of the first check that fails: a preflight from every allowed origin (the
//! second one is the fragile path on REST APIs), a preflight from an origin that is not allowed,
//! the actual request from an allowed origin and from an origin that is not allowed.
//!
//! Header names are compared in any case. Values are compared exactly where the browser does
//! (the origin, `true`, the max-age); list values (methods, headers, `Vary`) in any case and
//! spacing after commas, which API Gateway may change.
//!
//! Patterns and `*` are tested with a representative origin ([`origin_to_send`]).

use crate::emit::lambda_cors::{
    disallowed_origin, origin_to_send, sample_origin, HandlerCors, Header, ALLOW_CREDENTIALS,
    ALLOW_HEADERS, ALLOW_METHODS, ALLOW_ORIGIN, EXPOSE_HEADERS, MAX_AGE, ROUTE,
};
use crate::escape::shell_word;
use crate::example::EXAMPLE_STAGE_URL;
use crate::headers::sorted_unique;
use crate::model::{AllowedMethods, ApiType, Method, ValidCorsConfig};
use std::fmt::Write;

/// The script's helper functions: reading a header from a `curl -si` response and the checks.
const HELPERS: &str = r#"CHECK=''
RESPONSE=''

# fail MESSAGE: names the failing check, shows the response and stops.
fail() {
  printf 'FAILED %s: %s\n' "$CHECK" "$1" >&2
  printf '%s\n' "$RESPONSE" >&2
  exit 1
}

# header NAME: the value of header NAME (in any case) in RESPONSE, or nothing.
header() {
  printf '%s\n' "$RESPONSE" | tr -d '\r' | awk -v name="$1" '
    NR > 1 && $0 == "" { exit }
    { i = index($0, ":") }
    i > 1 && tolower(substr($0, 1, i - 1)) == tolower(name) {
      value = substr($0, i + 1)
      sub(/^[ \t]+/, "", value)
      sub(/[ \t]+$/, "", value)
      print value
      exit
    }'
}

# loose VALUE: VALUE in lower case without spaces after commas.
loose() {
  printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | sed 's/, */,/g'
}

# expect_status CODE...: the response's status is one of CODE.
expect_status() {
  status=$(printf '%s\n' "$RESPONSE" | tr -d '\r' | head -n 1 | awk '{ print $2 }')
  for code in "$@"; do
    if [ "$status" = "$code" ]; then return 0; fi
  done
  fail "status '$status', expected $*"
}

# expect_exact NAME VALUE: header NAME is exactly VALUE.
expect_exact() {
  actual=$(header "$1")
  [ "$actual" = "$2" ] || fail "$1 is '$actual', expected '$2'"
}

# expect_list NAME VALUE: header NAME is VALUE, in any case and spacing after commas.
expect_list() {
  actual=$(header "$1")
  [ "$(loose "$actual")" = "$(loose "$2")" ] || fail "$1 is '$actual', expected '$2'"
}

# expect_refused ORIGIN: Access-Control-Allow-Origin is neither ORIGIN nor *, so the browser
# blocks ORIGIN (a mock's fixed value for another origin is fine).
expect_refused() {
  actual=$(header Access-Control-Allow-Origin)
  if [ "$actual" = "$1" ] || [ "$actual" = '*' ]; then
    fail "Access-Control-Allow-Origin is '$actual', which lets $1 read the answer"
  fi
}
"#;

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let api = config.api_type.display_name();
    let mut out = format!(
        "#!/bin/sh\n\
         # Checks the CORS answers of the deployed {api} for GET {ROUTE}: stops with the name of\n\
         # the first check that fails (exit status 1).\n\
         # Usage: API_URL={EXAMPLE_STAGE_URL} sh check-cors.sh\n\
         set -eu\n\
         \n\
         API_URL=\"${{API_URL:?set API_URL to your stage URL}}\"\n"
    );
    if let Some(header) = &config.authorizer_header {
        let _ = writeln!(
            out,
            "AUTH_TOKEN=\"${{AUTH_TOKEN:?set AUTH_TOKEN to a token the authorizer accepts in {header}}}\""
        );
    }
    if config.api_key_required {
        out.push_str("API_KEY=\"${API_KEY:?set API_KEY to a key in the usage plan of the API}\"\n");
    }
    out.push('\n');
    out.push_str(HELPERS);

    let mut checks = Checks { out, number: 0 };
    for origin in origins_to_send(config) {
        checks.allowed_preflight(config, origin);
    }
    let other = disallowed_origin(config).filter(|_| !config.origins.is_any());
    if let Some(other) = other {
        checks.disallowed_preflight(config, other);
    }
    checks.allowed_get(config, sample_origin(config));
    if let Some(other) = other {
        checks.disallowed_get(config, other);
    }
    checks.out.push_str("\necho 'All checks passed.'\n");
    checks.out
}

/// The origins the preflights are sent from: one for each allowed origin, in order.
fn origins_to_send(config: &ValidCorsConfig) -> Vec<&str> {
    let mut origins: Vec<&str> = Vec::new();
    for origin in config.origins.values().into_iter().map(origin_to_send) {
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    origins
}

/// The numbered checks written so far.
struct Checks {
    out: String,
    number: usize,
}

/// What a check demands of a response.
enum Expect {
    /// The status is one of these.
    Status(&'static [u16]),
    /// The header is there with exactly this value, or (for a list value) this value in any case
    /// and spacing after commas.
    Header(Header),
    /// `Access-Control-Allow-Origin` does not allow this origin: absent, or another origin.
    Refused(String),
}

impl Checks {
    fn allowed_preflight(&mut self, config: &ValidCorsConfig, origin: &str) {
        let method = preflight_method(&config.methods);
        let (comment, status): (_, &'static [u16]) = match config.api_type {
            ApiType::Rest => (
                Some("SAM's mock integration answers 200; a CDK mock or the Lambda handler 204."),
                &[200, 204],
            ),
            ApiType::Http => (None, &[204]),
        };
        let mut expects = vec![Expect::Status(status)];
        expects.extend(
            preflight_headers(config, origin)
                .into_iter()
                .map(Expect::Header),
        );
        self.write(
            &format!("preflight for {method} from {origin}"),
            comment,
            &preflight_request(config, origin),
            &expects,
        );
    }

    fn disallowed_preflight(&mut self, config: &ValidCorsConfig, origin: &str) {
        self.write(
            &format!("preflight from {origin}, an origin that is not allowed"),
            Some("The browser would block the request: no Access-Control-Allow-Origin for it."),
            &preflight_request(config, origin),
            &[Expect::Refused(origin.to_owned())],
        );
    }

    fn allowed_get(&mut self, config: &ValidCorsConfig, origin: &str) {
        let mut expects = vec![Expect::Status(&[200])];
        expects.extend(
            actual_headers(config, origin)
                .into_iter()
                .map(Expect::Header),
        );
        self.write(
            &format!("GET from {origin}"),
            None,
            &get_request(config, origin),
            &expects,
        );
    }

    fn disallowed_get(&mut self, config: &ValidCorsConfig, origin: &str) {
        self.write(
            &format!("GET from {origin}, an origin that is not allowed"),
            Some("The browser would block the response: no Access-Control-Allow-Origin for it."),
            &get_request(config, origin),
            &[Expect::Refused(origin.to_owned())],
        );
    }

    fn write(&mut self, title: &str, comment: Option<&str>, request: &str, expects: &[Expect]) {
        self.number += 1;
        let out = &mut self.out;
        let _ = writeln!(
            out,
            "\nCHECK={}\necho \"== $CHECK\"",
            shell_word(&format!("{}. {title}", self.number))
        );
        if let Some(comment) = comment {
            let _ = writeln!(out, "# {comment}");
        }
        let _ = writeln!(
            out,
            "RESPONSE=$({request}) || fail 'curl could not get an answer'"
        );
        for expect in expects {
            out.push_str(&expect_line(expect));
            out.push('\n');
        }
    }
}

/// The script line that checks `expect`.
fn expect_line(expect: &Expect) -> String {
    match expect {
        Expect::Status(codes) => {
            let codes: Vec<String> = codes.iter().map(u16::to_string).collect();
            format!("expect_status {}", codes.join(" "))
        }
        Expect::Header((name, value)) => {
            let check = if is_list_valued(name) {
                "expect_list"
            } else {
                "expect_exact"
            };
            format!("{check} {name} {}", shell_word(value))
        }
        Expect::Refused(origin) => format!("expect_refused {}", shell_word(origin)),
    }
}

/// Whether the header's value is a list that API Gateway may write in another case or spacing
/// (the browser compares the origin, `true` and the max-age exactly).
fn is_list_valued(name: &str) -> bool {
    ![ALLOW_ORIGIN, ALLOW_CREDENTIALS, MAX_AGE].contains(&name)
}

/// The curl command of a preflight from `origin`, as a browser sends it.
fn preflight_request(config: &ValidCorsConfig, origin: &str) -> String {
    let method = preflight_method(&config.methods);
    let mut request = format!(
        "curl -si -X OPTIONS \"$API_URL{ROUTE}\" \\\n  -H {} \\\n  -H {}",
        shell_word(&format!("Origin: {origin}")),
        shell_word(&format!("Access-Control-Request-Method: {method}")),
    );
    if let Some(names) = request_header_names(&config.allow_headers) {
        let _ = write!(
            request,
            " \\\n  -H {}",
            shell_word(&format!("Access-Control-Request-Headers: {names}"))
        );
    }
    request
}

/// The curl command of a GET from `origin`, with the token and API key the API demands.
fn get_request(config: &ValidCorsConfig, origin: &str) -> String {
    let mut request = format!(
        "curl -si \"$API_URL{ROUTE}\" -H {}",
        shell_word(&format!("Origin: {origin}"))
    );
    if let Some(header) = &config.authorizer_header {
        let _ = write!(
            request,
            " \\\n  -H {}\"$AUTH_TOKEN\"",
            shell_word(&format!("{header}: "))
        );
    }
    if config.api_key_required {
        request.push_str(" \\\n  -H \"x-api-key: $API_KEY\"");
    }
    request
}

/// The method the preflight asks for: the first configured method a browser preflights (not
/// GET, HEAD or POST), else the first configured method other than OPTIONS, else GET.
fn preflight_method(methods: &AllowedMethods) -> &'static str {
    let AllowedMethods::List(list) = methods else {
        return "GET";
    };
    list.iter()
        .find(|m| !m.is_cors_safelisted() && **m != Method::Options)
        .or_else(|| list.iter().find(|m| **m != Method::Options))
        .map_or("GET", |m| m.as_str())
}

/// The configured request headers the way a browser lists them in
/// Access-Control-Request-Headers: lower case, sorted, comma-separated; `*` is not a name.
fn request_header_names(allow_headers: &[String]) -> Option<String> {
    let names = sorted_unique(
        allow_headers
            .iter()
            .filter(|h| *h != "*")
            .map(|h| h.to_ascii_lowercase())
            .collect(),
    );
    (!names.is_empty()).then(|| names.join(","))
}

/// The CORS headers an allowed preflight answer carries.
fn preflight_headers(config: &ValidCorsConfig, origin: &str) -> Vec<Header> {
    let mut headers = vec![(ALLOW_ORIGIN, allow_origin_value(config, origin))];
    if config.allow_credentials {
        headers.push((ALLOW_CREDENTIALS, "true".to_owned()));
    }
    headers.extend(
        HandlerCors::new(config)
            .preflight_headers
            .into_iter()
            .filter(|(name, _)| [ALLOW_METHODS, ALLOW_HEADERS, MAX_AGE].contains(name)),
    );
    headers
}

/// The CORS headers on the actual response: from the Lambda function on REST APIs, from API
/// Gateway on HTTP APIs (whether HTTP APIs add `Vary` is not documented, so it is not promised).
fn actual_headers(config: &ValidCorsConfig, origin: &str) -> Vec<Header> {
    match config.api_type {
        ApiType::Rest => HandlerCors::new(config).response_headers(Some(origin), false),
        ApiType::Http => {
            let mut headers = vec![(ALLOW_ORIGIN, allow_origin_value(config, origin))];
            if config.allow_credentials {
                headers.push((ALLOW_CREDENTIALS, "true".to_owned()));
            }
            if !config.expose_headers.is_empty() {
                headers.push((EXPOSE_HEADERS, config.expose_headers.join(",")));
            }
            headers
        }
    }
}

fn allow_origin_value(config: &ValidCorsConfig, origin: &str) -> String {
    if config.origins.is_any() {
        "*".to_owned()
    } else {
        origin.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::targets::valid_from_json as valid;

    /// The script's text after the helper functions: the checks; asserts what comes before.
    fn checks(script: &str, prologue: &str) -> String {
        let (before, after) = script.split_once(HELPERS).unwrap();
        assert_eq!(before, prologue);
        after.to_owned()
    }

    #[test]
    fn rest_with_several_origins_and_credentials() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com", "http://localhost:3000"],
                "allowMethods": ["GET", "POST", "DELETE"], "allowHeaders": ["Content-Type", "Authorization"],
                "exposeHeaders": ["X-Request-Id"], "maxAge": 600, "allowCredentials": true,
                "authorizerHeader": "Authorization"}"#,
        );
        let prologue = r#"#!/bin/sh
# Checks the CORS answers of the deployed REST API for GET /items: stops with the name of
# the first check that fails (exit status 1).
# Usage: API_URL=https://abc123.execute-api.us-east-1.amazonaws.com/prod sh check-cors.sh
set -eu

API_URL="${API_URL:?set API_URL to your stage URL}"
AUTH_TOKEN="${AUTH_TOKEN:?set AUTH_TOKEN to a token the authorizer accepts in Authorization}"

"#;
        assert_eq!(
            checks(&render(&config), prologue),
            r#"
CHECK='1. preflight for DELETE from https://app.example.com'
echo "== $CHECK"
# SAM's mock integration answers 200; a CDK mock or the Lambda handler 204.
RESPONSE=$(curl -si -X OPTIONS "$API_URL/items" \
  -H 'Origin: https://app.example.com' \
  -H 'Access-Control-Request-Method: DELETE' \
  -H 'Access-Control-Request-Headers: authorization,content-type') || fail 'curl could not get an answer'
expect_status 200 204
expect_exact Access-Control-Allow-Origin https://app.example.com
expect_exact Access-Control-Allow-Credentials true
expect_list Access-Control-Allow-Methods GET,POST,DELETE
expect_list Access-Control-Allow-Headers Content-Type,Authorization
expect_exact Access-Control-Max-Age 600

CHECK='2. preflight for DELETE from http://localhost:3000'
echo "== $CHECK"
# SAM's mock integration answers 200; a CDK mock or the Lambda handler 204.
RESPONSE=$(curl -si -X OPTIONS "$API_URL/items" \
  -H 'Origin: http://localhost:3000' \
  -H 'Access-Control-Request-Method: DELETE' \
  -H 'Access-Control-Request-Headers: authorization,content-type') || fail 'curl could not get an answer'
expect_status 200 204
expect_exact Access-Control-Allow-Origin http://localhost:3000
expect_exact Access-Control-Allow-Credentials true
expect_list Access-Control-Allow-Methods GET,POST,DELETE
expect_list Access-Control-Allow-Headers Content-Type,Authorization
expect_exact Access-Control-Max-Age 600

CHECK='3. preflight from https://not-allowed.example, an origin that is not allowed'
echo "== $CHECK"
# The browser would block the request: no Access-Control-Allow-Origin for it.
RESPONSE=$(curl -si -X OPTIONS "$API_URL/items" \
  -H 'Origin: https://not-allowed.example' \
  -H 'Access-Control-Request-Method: DELETE' \
  -H 'Access-Control-Request-Headers: authorization,content-type') || fail 'curl could not get an answer'
expect_refused https://not-allowed.example

CHECK='4. GET from https://app.example.com'
echo "== $CHECK"
RESPONSE=$(curl -si "$API_URL/items" -H 'Origin: https://app.example.com' \
  -H 'Authorization: '"$AUTH_TOKEN") || fail 'curl could not get an answer'
expect_status 200
expect_exact Access-Control-Allow-Origin https://app.example.com
expect_exact Access-Control-Allow-Credentials true
expect_list Access-Control-Expose-Headers X-Request-Id
expect_list Vary Origin

CHECK='5. GET from https://not-allowed.example, an origin that is not allowed'
echo "== $CHECK"
# The browser would block the response: no Access-Control-Allow-Origin for it.
RESPONSE=$(curl -si "$API_URL/items" -H 'Origin: https://not-allowed.example' \
  -H 'Authorization: '"$AUTH_TOKEN") || fail 'curl could not get an answer'
expect_refused https://not-allowed.example

echo 'All checks passed.'
"#
        );
    }

    #[test]
    fn http_with_any_origin_has_no_negative_check() {
        let config = valid(
            r#"{"apiType": "http", "allowOrigins": ["*"], "allowMethods": ["*"], "allowHeaders": ["*"],
                "apiKeyRequired": false}"#,
        );
        let prologue = r#"#!/bin/sh
# Checks the CORS answers of the deployed HTTP API for GET /items: stops with the name of
# the first check that fails (exit status 1).
# Usage: API_URL=https://abc123.execute-api.us-east-1.amazonaws.com/prod sh check-cors.sh
set -eu

API_URL="${API_URL:?set API_URL to your stage URL}"

"#;
        assert_eq!(
            checks(&render(&config), prologue),
            r#"
CHECK='1. preflight for GET from https://example.com'
echo "== $CHECK"
RESPONSE=$(curl -si -X OPTIONS "$API_URL/items" \
  -H 'Origin: https://example.com' \
  -H 'Access-Control-Request-Method: GET') || fail 'curl could not get an answer'
expect_status 204
expect_exact Access-Control-Allow-Origin '*'
expect_list Access-Control-Allow-Methods '*'
expect_list Access-Control-Allow-Headers '*'

CHECK='2. GET from https://example.com'
echo "== $CHECK"
RESPONSE=$(curl -si "$API_URL/items" -H 'Origin: https://example.com') || fail 'curl could not get an answer'
expect_status 200
expect_exact Access-Control-Allow-Origin '*'

echo 'All checks passed.'
"#
        );
    }

    #[test]
    fn http_pattern_uses_a_representative_origin_and_echoes_it() {
        let config = valid(
            r#"{"apiType": "http", "allowOrigins": ["https://*"], "allowMethods": ["GET", "OPTIONS"],
                "exposeHeaders": ["ETag"], "apiKeyRequired": false}"#,
        );
        let script = render(&config);
        assert!(script.contains("CHECK='1. preflight for GET from https://example.com'\n"));
        assert!(script.contains(
            "CHECK='3. GET from https://example.com'\necho \"== $CHECK\"\n\
             RESPONSE=$(curl -si \"$API_URL/items\" -H 'Origin: https://example.com') || fail 'curl could not get an answer'\n\
             expect_status 200\n\
             expect_exact Access-Control-Allow-Origin https://example.com\n\
             expect_list Access-Control-Expose-Headers ETag\n\n"
        ));
        assert!(script.contains(
            "CHECK='2. preflight from http://not-allowed.example, an origin that is not allowed'\n"
        ));
    }

    #[test]
    fn preflight_method_prefers_a_method_browsers_preflight() {
        let table: [(&[Method], &str); 4] = [
            (&[Method::Get, Method::Patch], "PATCH"),
            (&[Method::Options, Method::Post], "POST"),
            (&[Method::Options], "GET"),
            (&[Method::Head, Method::Get], "HEAD"),
        ];
        for (methods, expected) in table {
            assert_eq!(
                preflight_method(&AllowedMethods::List(methods.to_vec())),
                expected
            );
        }
        assert_eq!(preflight_method(&AllowedMethods::Any), "GET");
    }

    #[test]
    fn request_header_names_are_listed_like_a_browser_does() {
        let names =
            |h: &[&str]| request_header_names(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            names(&["X-B", "Content-Type", "*"]),
            Some("content-type,x-b".to_owned())
        );
        assert_eq!(names(&["*"]), None);
        assert_eq!(names(&[]), None);
    }
}
