//! A scripted stand-in for API Gateway on loopback: every connection gets the reply a script
//! gives for the request, over HTTP or HTTPS, and every request is recorded as it arrived.
//! Used by `tests/probe.rs` and by the differential's server (`examples/probe_stub.rs`).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the stub received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub method: String,
    /// Path and query.
    pub target: String,
    /// Headers in order, names as sent.
    pub headers: Vec<(String, String)>,
}

impl Seen {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A CORS preflight: OPTIONS with Access-Control-Request-Method.
    pub fn is_preflight(&self) -> bool {
        self.method == "OPTIONS" && self.header("Access-Control-Request-Method").is_some()
    }
}

/// What the stub answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Wait this long before answering (a slow integration).
    pub delay: Duration,
}

impl Reply {
    pub fn new(status: u16) -> Reply {
        Reply {
            status,
            ..Reply::default()
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn body(mut self, body: &str) -> Reply {
        self.body = body.to_owned();
        self
    }

    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

/// The script: the reply to each request.
pub type Script = Arc<dyn Fn(&Seen) -> Reply + Send + Sync>;

/// A running stub.
pub struct Stub {
    pub port: u16,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Stub {
    /// Starts a stub on 127.0.0.1 (a free port); HTTPS when `tls` is given.
    pub fn start(script: Script, tls: Option<Arc<rustls::ServerConfig>>) -> Stub {
        Stub::start_on(0, script, tls)
    }

    /// Starts a stub on 127.0.0.1:`port` (0: a free one).
    pub fn start_on(port: u16, script: Script, tls: Option<Arc<rustls::ServerConfig>>) -> Stub {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("local address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorded = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let script = script.clone();
                let recorded = recorded.clone();
                let tls = tls.clone();
                std::thread::spawn(move || serve(stream, &script, &recorded, tls));
            }
        });
        Stub { port, seen }
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

fn serve(
    stream: TcpStream,
    script: &Script,
    recorded: &Mutex<Vec<Seen>>,
    tls: Option<Arc<rustls::ServerConfig>>,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    match tls {
        Some(config) => {
            let Ok(connection) = rustls::ServerConnection::new(config) else {
                return;
            };
            let mut stream = rustls::StreamOwned::new(connection, stream);
            answer(&mut stream, script, recorded);
            stream.conn.send_close_notify();
            let _ = stream.flush();
        }
        None => {
            let mut stream = stream;
            answer(&mut stream, script, recorded);
        }
    }
}

fn answer<S: Read + Write>(stream: &mut S, script: &Script, recorded: &Mutex<Vec<Seen>>) {
    let Some(seen) = read_request(stream) else {
        return;
    };
    if let Ok(mut all) = recorded.lock() {
        all.push(seen.clone());
    }
    let reply = script(&seen);
    std::thread::sleep(reply.delay);
    let _ = stream.write_all(&wire(&reply, &seen.method));
    let _ = stream.flush();
}

fn read_request<S: Read>(stream: &mut S) -> Option<Seen> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.trim_end().splitn(3, ' ');
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).ok()?;
        let text = line.trim_end();
        if text.is_empty() {
            break;
        }
        let (name, value) = text.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body).ok()?;
    Some(Seen {
        method,
        target,
        headers,
    })
}

fn wire(reply: &Reply, method: &str) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {} Stub\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let body = if method == "HEAD" || reply.status == 204 {
        ""
    } else {
        reply.body.as_str()
    };
    if reply.status != 204 {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

/// A self-signed certificate for 127.0.0.1 and localhost: the server's TLS configuration and
/// the certificate in PEM (what `--cacert` takes).
pub fn self_signed_tls() -> (Arc<rustls::ServerConfig>, String) {
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .expect("certificate");
    let pem = certified.cert.pem();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    // ring, as in the probe (rustls deprecates its provider only for lacking post-quantum
    // key exchange).
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .expect("server certificate");
    (Arc::new(config), pem)
}
