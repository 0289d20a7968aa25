//! A minimal HTTP/1.1 client for the probe: one request per connection, exactly the method and
//! headers given, every response header kept as sent (name case, order, repeats), no redirect
//! followed and nothing retried. HTTPS through rustls with ring; trusts Mozilla's roots and,
//! with `--cacert`, the given certificates.

use apigw_cors::{HttpRequest, HttpResponse};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use std::fmt;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// The longest connect attempt, whatever `--timeout` allows.
pub const MAX_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest response head (status line and headers) read.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// The most body bytes kept for display; the rest is read and dropped.
const MAX_BODY_KEPT: usize = 16 * 1024;
/// The most body bytes read at all (API Gateway's payload limit is 10 MB).
const MAX_BODY_READ: u64 = 10 * 1024 * 1024;
/// The `User-Agent` the probe sends.
pub const USER_AGENT: &str = concat!("apigw-cors/", env!("CARGO_PKG_VERSION"), " (probe)");

/// Why no response came back: reported as a network failure, never as a CORS verdict.
#[derive(Debug)]
pub struct NetError {
    /// What was being done, with the host.
    pub during: String,
    /// The cause.
    pub cause: String,
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.during, self.cause)
    }
}

fn net_error(during: impl Into<String>, cause: impl fmt::Display) -> NetError {
    NetError {
        during: during.into(),
        cause: cause.to_string(),
    }
}

/// The parts of an http(s) URL the client needs.
struct Target {
    tls: bool,
    /// Host as written (brackets removed from an IPv6 literal).
    host: String,
    port: u16,
    /// The Host header's value.
    authority: String,
    /// Path and query, at least `/`.
    path: String,
}

fn parse_url(url: &str) -> Result<Target, NetError> {
    let bad = |why: &str| net_error(format!("reading the URL {url}"), why);
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| bad("not an absolute URL"))?;
    let tls = match scheme.to_ascii_lowercase().as_str() {
        "https" => true,
        "http" => false,
        _ => return Err(bad("only http and https URLs can be probed")),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let path = rest[end..].split('#').next().unwrap_or_default();
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => {
            let port = port.parse().map_err(|_| bad("the port is not a number"))?;
            (host, port)
        }
        _ => (authority, if tls { 443 } else { 80 }),
    };
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    if host.is_empty() {
        return Err(bad("the URL has no host"));
    }
    Ok(Target {
        tls,
        host,
        port,
        authority: authority.to_owned(),
        path,
    })
}

/// Sends requests until a deadline shared by the whole probe.
pub struct Client {
    deadline: Instant,
    connect_timeout: Duration,
    tls: Arc<rustls::ClientConfig>,
}

impl Client {
    /// A client whose requests must all finish within `total`, trusting Mozilla's roots and
    /// the certificates in `extra_roots` (PEM).
    pub fn new(total: Duration, extra_roots: Option<&[u8]>) -> Result<Client, String> {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        if let Some(pem) = extra_roots {
            let mut added = 0;
            for cert in CertificateDer::pem_slice_iter(pem) {
                let cert = cert.map_err(|e| format!("not a PEM certificate: {e}"))?;
                roots
                    .add(cert)
                    .map_err(|e| format!("the certificate cannot be trusted: {e}"))?;
                added += 1;
            }
            if added == 0 {
                return Err("no PEM certificate (-----BEGIN CERTIFICATE-----) in it".into());
            }
        }
        // rustls 0.23.48 deprecates ring's provider for lacking post-quantum key exchange;
        // ring is what builds here without cmake or a download, and classical key exchange
        // is what API Gateway endpoints offer anyway.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Client {
            deadline: Instant::now() + total,
            connect_timeout: total.min(MAX_CONNECT_TIMEOUT),
            tls: Arc::new(tls),
        })
    }

    fn remaining(&self, during: &str) -> Result<Duration, NetError> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            Err(net_error(during, "timed out (--timeout)"))
        } else {
            Ok(left)
        }
    }

    /// Sends `request` and reads the whole response.
    pub fn send(&self, request: &HttpRequest) -> Result<HttpResponse, NetError> {
        let target = parse_url(&request.url)?;
        let where_to = format!("{}:{}", target.host, target.port);
        let tcp = self.connect(&target.host, target.port, &where_to)?;
        let timed = Timed {
            stream: tcp,
            deadline: self.deadline,
        };
        let head = request_head(request, &target);
        if target.tls {
            let name = ServerName::try_from(target.host.clone())
                .map_err(|e| net_error(format!("TLS with {where_to}"), e))?;
            let connection = rustls::ClientConnection::new(self.tls.clone(), name)
                .map_err(|e| net_error(format!("TLS with {where_to}"), e))?;
            let stream = rustls::StreamOwned::new(connection, timed);
            exchange(stream, &head, &request.method, &where_to, true)
        } else {
            exchange(timed, &head, &request.method, &where_to, false)
        }
    }

    fn connect(&self, host: &str, port: u16, where_to: &str) -> Result<TcpStream, NetError> {
        let during = format!("looking up {host}");
        let addresses = resolve(host, port, self.remaining(&during)?, &during)?;
        let during = format!("connecting to {where_to}");
        let mut last = None;
        for address in addresses {
            let timeout = self.remaining(&during)?.min(self.connect_timeout);
            match TcpStream::connect_timeout(&address, timeout) {
                Ok(stream) => return Ok(stream),
                Err(error) => last = Some(error),
            }
        }
        Err(net_error(
            during,
            last.map_or("no address".to_owned(), |e| describe_io(&e)),
        ))
    }
}

/// Looks `host` up in a thread, so that a slow resolver cannot outlast the deadline.
fn resolve(
    host: &str,
    port: u16,
    timeout: Duration,
    during: &str,
) -> Result<Vec<SocketAddr>, NetError> {
    let (sender, receiver) = mpsc::channel();
    let host_port = (host.to_owned(), port);
    std::thread::spawn(move || {
        let _ = sender.send(host_port.to_socket_addrs().map(Vec::from_iter));
    });
    match receiver.recv_timeout(timeout) {
        Ok(Ok(addresses)) if !addresses.is_empty() => Ok(addresses),
        Ok(Ok(_)) => Err(net_error(during, "no address found")),
        Ok(Err(error)) => Err(net_error(during, error)),
        Err(_) => Err(net_error(during, "timed out (--timeout)")),
    }
}

fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => "timed out (--timeout)".into(),
        _ => error.to_string(),
    }
}

/// The request line and headers: the browser's headers as given, then the ones every HTTP
/// client adds (Host first, User-Agent, Connection: close; Content-Length: 0 for a bodiless
/// POST, PUT or PATCH, as browsers send it).
fn request_head(request: &HttpRequest, target: &Target) -> Vec<u8> {
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {}\r\n",
        request.method,
        percent_encode_non_ascii(&target.path),
        target.authority
    );
    for (name, value) in &request.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("User-Agent: {USER_AGENT}\r\n"));
    if matches!(request.method.as_str(), "POST" | "PUT" | "PATCH") {
        head.push_str("Content-Length: 0\r\n");
    }
    head.push_str("Connection: close\r\n\r\n");
    // Header values are Latin-1 byte strings in fetch(); send each character as one byte.
    head.chars().map(|c| c as u32 as u8).collect()
}

/// A path as browsers send it: characters beyond ASCII as percent-encoded UTF-8.
fn percent_encode_non_ascii(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

fn exchange<S: Read + Write>(
    mut stream: S,
    head: &[u8],
    method: &str,
    where_to: &str,
    tls: bool,
) -> Result<HttpResponse, NetError> {
    let during = if tls {
        format!("talking HTTPS to {where_to}")
    } else {
        format!("talking HTTP to {where_to}")
    };
    let io_error = |e: io::Error| net_error(during.clone(), describe_io(&e));
    stream.write_all(head).map_err(io_error)?;
    stream.flush().map_err(io_error)?;
    let mut reader = BufReader::new(stream);
    loop {
        let (status, headers) = read_head(&mut reader).map_err(io_error)?;
        // 1xx answers are interim: the real one follows.
        if (100..200).contains(&status) {
            continue;
        }
        let body = read_body(&mut reader, status, method, &headers).map_err(io_error)?;
        return Ok(HttpResponse {
            status,
            headers,
            body,
        });
    }
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

/// Bytes as Latin-1 text: what a header value is to a browser.
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

/// Reads the status line and the headers.
fn read_head<R: BufRead>(reader: &mut R) -> io::Result<(u16, Vec<(String, String)>)> {
    let mut total = 0;
    let mut line = Vec::new();
    let mut next_line = |reader: &mut R, line: &mut Vec<u8>| -> io::Result<()> {
        line.clear();
        let read = reader
            .take((MAX_HEAD_BYTES - total) as u64)
            .read_until(b'\n', line)?;
        total += read;
        if read == 0 {
            return Err(invalid(
                "the server closed the connection without an answer",
            ));
        }
        if !line.ends_with(b"\n") {
            return Err(invalid("the response head is longer than 64 KB"));
        }
        while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            line.pop();
        }
        Ok(())
    };
    next_line(reader, &mut line)?;
    let status_line = latin1(&line);
    let status = status_line
        .strip_prefix("HTTP/1.")
        .and_then(|rest| rest.get(2..5))
        .and_then(|code| code.parse::<u16>().ok())
        .filter(|code| (100..=999).contains(code))
        .ok_or_else(|| invalid(&format!("not an HTTP/1.x status line: {status_line:?}")))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        next_line(reader, &mut line)?;
        if line.is_empty() {
            return Ok((status, headers));
        }
        if line[0] == b' ' || line[0] == b'\t' {
            // An obsolete folded line continues the previous value.
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(latin1(&line).trim());
            }
            continue;
        }
        let text = latin1(&line);
        let (name, value) = text
            .split_once(':')
            .ok_or_else(|| invalid(&format!("not a header line: {text:?}")))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Reads the body (chunked, by length, or to the end), keeping the first 16 KB as text.
fn read_body<R: BufRead>(
    reader: &mut R,
    status: u16,
    method: &str,
    headers: &[(String, String)],
) -> io::Result<Option<String>> {
    if method == "HEAD" || status == 204 || status == 304 {
        return Ok(None);
    }
    let mut body = Vec::new();
    let chunked = header(headers, "Transfer-Encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    if chunked {
        read_chunked(reader, &mut body)?;
    } else if let Some(length) = header(headers, "Content-Length") {
        let length: u64 = length
            .trim()
            .parse()
            .map_err(|_| invalid(&format!("Content-Length is not a number: {length:?}")))?;
        let read = reader
            .take(length.min(MAX_BODY_READ))
            .read_to_end(&mut body)?;
        if (read as u64) < length.min(MAX_BODY_READ) {
            return Err(invalid(
                "the server closed the connection in the middle of the body",
            ));
        }
    } else {
        reader.take(MAX_BODY_READ).read_to_end(&mut body)?;
    }
    if body.is_empty() {
        return Ok(None);
    }
    let kept = &body[..body.len().min(MAX_BODY_KEPT)];
    let mut text = String::from_utf8_lossy(kept).into_owned();
    if body.len() > MAX_BODY_KEPT {
        text.push_str(&format!(" … ({} bytes in all)", body.len()));
    }
    Ok(Some(text))
}

fn read_chunked<R: BufRead>(reader: &mut R, body: &mut Vec<u8>) -> io::Result<()> {
    let mut line = String::new();
    loop {
        line.clear();
        let mut raw = Vec::new();
        reader.take(1024).read_until(b'\n', &mut raw)?;
        line.push_str(&latin1(&raw));
        let size_text = line.trim().split(';').next().unwrap_or_default();
        let size = u64::from_str_radix(size_text, 16)
            .map_err(|_| invalid(&format!("not a chunk size: {size_text:?}")))?;
        if size == 0 {
            // Trailers, up to the blank line.
            loop {
                raw.clear();
                reader.take(8 * 1024).read_until(b'\n', &mut raw)?;
                if raw.is_empty() || raw == b"\r\n" || raw == b"\n" {
                    return Ok(());
                }
            }
        }
        if (body.len() as u64).saturating_add(size) > MAX_BODY_READ {
            return Err(invalid("the body is larger than 10 MB"));
        }
        let start = body.len();
        reader.take(size).read_to_end(body)?;
        if ((body.len() - start) as u64) < size {
            return Err(invalid(
                "the server closed the connection in the middle of a chunk",
            ));
        }
        raw.clear();
        reader.take(2).read_until(b'\n', &mut raw)?;
    }
}

/// A TCP stream whose every read and write ends at the probe's deadline.
struct Timed {
    stream: TcpStream,
    deadline: Instant,
}

impl Timed {
    fn left(&self) -> io::Result<Duration> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            Err(io::Error::new(io::ErrorKind::TimedOut, "timed out"))
        } else {
            Ok(left)
        }
    }
}

impl Read for Timed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.stream.set_read_timeout(Some(self.left()?))?;
        self.stream.read(buf)
    }
}

impl Write for Timed {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.set_write_timeout(Some(self.left()?))?;
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_host_port_and_path() {
        let t =
            parse_url("https://abc.execute-api.us-east-1.amazonaws.com/prod/items?x=1#f").unwrap();
        assert!(t.tls);
        assert_eq!(
            (t.host.as_str(), t.port, t.path.as_str()),
            (
                "abc.execute-api.us-east-1.amazonaws.com",
                443,
                "/prod/items?x=1"
            )
        );
        let t = parse_url("http://[::1]:8080").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.path.as_str()),
            ("::1", 8080, "/")
        );
        assert_eq!(t.authority, "[::1]:8080");
        assert!(parse_url("ftp://x.example.com/").is_err());
        assert!(parse_url("http://x.example.com:port/").is_err());
    }

    #[test]
    fn heads_keep_repeated_headers_and_their_case() {
        let raw = b"HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: https://a.example\r\naccess-control-allow-origin: *\r\nX-Folded: one\r\n  two\r\n\r\n";
        let mut reader = BufReader::new(&raw[..]);
        let (status, headers) = read_head(&mut reader).unwrap();
        assert_eq!(status, 200);
        assert_eq!(
            headers,
            [
                (
                    "Access-Control-Allow-Origin".to_owned(),
                    "https://a.example".to_owned()
                ),
                ("access-control-allow-origin".to_owned(), "*".to_owned()),
                ("X-Folded".to_owned(), "one two".to_owned()),
            ]
        );
    }

    #[test]
    fn chunked_bodies_are_joined() {
        let raw = b"4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nTrailer: x\r\n\r\n";
        let mut reader = BufReader::new(&raw[..]);
        let mut body = Vec::new();
        read_chunked(&mut reader, &mut body).unwrap();
        assert_eq!(body, b"Wikipedia");
    }

    #[test]
    fn hostile_chunk_sizes_and_lengths_are_errors_not_panics() {
        for raw in [
            &b"ffffffffffffffff\r\nx\r\n0\r\n\r\n"[..],
            b"zz\r\n",
            b"5\r\nab",
        ] {
            let mut reader = BufReader::new(raw);
            assert!(
                read_chunked(&mut reader, &mut Vec::new()).is_err(),
                "{raw:?}"
            );
        }
        let headers = [("Content-Length".to_owned(), "-1".to_owned())];
        let mut reader = BufReader::new(&b"body"[..]);
        assert!(read_body(&mut reader, 200, "GET", &headers).is_err());
        let headers = [("Content-Length".to_owned(), "10".to_owned())];
        let mut reader = BufReader::new(&b"short"[..]);
        assert!(read_body(&mut reader, 200, "GET", &headers).is_err());
    }

    #[test]
    fn a_truncated_or_garbage_head_is_an_error_not_a_panic() {
        for raw in [
            &b""[..],
            b"HTTP/1.1 200",
            b"SSH-2.0-OpenSSH\r\n\r\n",
            b"HTTP/1.1 99 x\r\n\r\n",
        ] {
            let mut reader = BufReader::new(raw);
            assert!(read_head(&mut reader).is_err(), "{raw:?}");
        }
    }
}
