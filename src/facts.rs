//! The short facts behind each field's info toggle, per API type.

use apigw_cors::ApiType;

/// What a form field is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// REST or HTTP API.
    ApiType,
    /// Allowed origins.
    Origins,
    /// Allowed methods.
    Methods,
    /// Allowed request headers.
    Headers,
    /// Exposed response headers.
    ExposeHeaders,
    /// Preflight cache time.
    MaxAge,
    /// Credentialed requests.
    Credentials,
    /// A token authorizer's header.
    Authorizer,
    /// REST API keys.
    ApiKey,
    /// HTTP API payload format.
    PayloadFormat,
}

/// One or two sentences on `topic` for `api_type`.
pub fn about(topic: Topic, api_type: ApiType) -> &'static str {
    let rest = api_type == ApiType::Rest;
    match topic {
        Topic::ApiType if rest => "REST APIs (v1): SAM and CDK add an OPTIONS method that answers the preflight, and your Lambda function must add the CORS headers to every other response itself. A static setting holds one origin, so several origins need the preflight answered by a function that echoes the origin.",
        Topic::ApiType => "HTTP APIs (v2): API Gateway answers preflights itself, even without an OPTIONS route, and adds the CORS headers to every response; headers your Lambda function returns are ignored.",
        Topic::Origins if rest => "Write each origin exactly as browsers send it: scheme://host[:port], lower case, no path and no trailing slash. REST APIs take no patterns; * allows every origin but never with credentials.",
        Topic::Origins => "Write each origin exactly as browsers send it: scheme://host[:port], lower case, no path and no trailing slash. HTTP APIs also take the patterns https://* and http://*, but no subdomain wildcards such as https://*.example.com.",
        Topic::Methods => "GET, HEAD and POST alone never need a preflight; list every method your routes use. * allows every method, but browsers read it literally on credentialed requests.",
        Topic::Headers if rest => "Request headers the page may send beyond the CORS-safelisted ones: Content-Type: application/json and Authorization always need listing, X-Api-Key when the API uses keys, X-Amz-Date and X-Amz-Security-Token for signed (IAM) requests.",
        Topic::Headers => "Request headers the page may send beyond the CORS-safelisted ones: Content-Type: application/json and Authorization always need listing; X-Amz-Date and X-Amz-Security-Token for signed (IAM) requests.",
        Topic::ExposeHeaders if rest => "Response headers the page's script may read besides the safelisted ones (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma). On REST APIs your function sends Access-Control-Expose-Headers.",
        Topic::ExposeHeaders => "Response headers the page's script may read besides the safelisted ones (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma). HTTP APIs add Access-Control-Expose-Headers themselves.",
        Topic::MaxAge if rest => "How long a browser caches the preflight answer. Chromium caps it at 7200 s (2 h) and Firefox at 86400 s (24 h); without it browsers cache for 5 s.",
        Topic::MaxAge => "How long a browser caches the preflight answer. Chromium caps it at 7200 s (2 h) and Firefox at 86400 s (24 h); without it browsers cache for 5 s. HTTP APIs accept at most 86400.",
        Topic::Credentials => "Lets pages send cookies or HTTP authentication (fetch with credentials: 'include'). The response must then name the exact origin, never *.",
        Topic::Authorizer if rest => "The header a token authorizer reads. Browsers never send it on the preflight, so the OPTIONS method must stay open: the generated configuration keeps the authorizer off the preflight.",
        Topic::Authorizer => "The header a token authorizer reads. Browsers never send it on the preflight; on HTTP APIs an authorized $default or ANY route also catches OPTIONS and fails it, so authorize specific routes only.",
        Topic::ApiKey => "Browsers never send X-Api-Key on the preflight, so the OPTIONS method must not require the key; the generated configuration keeps it off the preflight.",
        Topic::PayloadFormat => "2.0 is the default for HTTP API Lambda integrations; 1.0 uses the REST-style event. Either way API Gateway adds the CORS headers and ignores those the function returns.",
    }
}
