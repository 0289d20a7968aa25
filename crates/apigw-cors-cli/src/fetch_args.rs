//! What the page's `fetch()` sends besides its origin and URL: the options `simulate` and
//! `probe` share.

use apigw_cors::{BrowserRequest, CredentialsMode};
use clap::Args;

/// The method, headers and credentials mode of the page's request.
#[derive(Clone, Args)]
pub struct FetchArgs {
    /// The method as written in fetch(); case matters (`patch` is sent as is).
    #[arg(long, value_name = "METHOD", default_value = "GET")]
    pub method: String,
    /// A request header the page sets, `Name: value` (repeatable).
    #[arg(long = "header", value_name = "NAME[:VALUE]")]
    pub headers: Vec<String>,
    /// The page calls fetch() with credentials: 'include'.
    #[arg(long)]
    pub credentials: bool,
}

impl FetchArgs {
    /// The request a page on `origin` makes to `url` with these options.
    pub fn request(&self, origin: &str, url: &str) -> BrowserRequest {
        let mut request = BrowserRequest::new(origin, &self.method);
        request.url = url.to_owned();
        // Each --header is one header: a line break inside it stays in the value (and is
        // refused by the request's checks), never a second header.
        request.headers = self.headers.iter().map(|arg| header_arg(arg)).collect();
        if self.credentials {
            request.credentials = CredentialsMode::Include;
        }
        request
    }
}

/// `Name: value` (or a bare `Name`, with an empty value) as a header.
fn header_arg(arg: &str) -> (String, String) {
    match arg.split_once(':') {
        Some((name, value)) => (name.trim().to_owned(), value.trim().to_owned()),
        None => (arg.trim().to_owned(), String::new()),
    }
}
