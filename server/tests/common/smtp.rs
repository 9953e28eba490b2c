//! A small SMTP server on loopback for the mail tests: it speaks enough of RFC 5321 for a
//! client without TLS or login (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps every
//! message it accepted, raw, for the test to parse.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// What the server received.
#[derive(Debug, Clone)]
pub struct Received {
    /// `MAIL FROM` address.
    pub from: String,
    /// `RCPT TO` addresses.
    pub to: Vec<String>,
    /// The message, dot-unstuffed.
    pub data: Vec<u8>,
}

/// A running test SMTP server.
pub struct SmtpServer {
    /// `127.0.0.1:port`.
    pub addr: std::net::SocketAddr,
    /// Every message accepted.
    pub received: Arc<Mutex<Vec<Received>>>,
}

/// A loopback port nothing listens on yet (a mail server that is down), for [`SmtpServer::on`].
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

fn address(arg: &str) -> String {
    arg.split_once(':').map(|(_, a)| a).unwrap_or_default().trim().trim_start_matches('<').split('>').next().unwrap_or_default().to_owned()
}

impl SmtpServer {
    /// Starts listening on `port` of 127.0.0.1.
    pub async fn on(port: u16) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind the SMTP port");
        let addr = listener.local_addr().expect("address");
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let store = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read);
                    let _ = write.write_all(b"220 test.invalid ESMTP\r\n").await;
                    let (mut from, mut to) = (String::new(), Vec::new());
                    let mut line = String::new();
                    loop {
                        line.clear();
                        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                            return;
                        }
                        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" => b"250-test.invalid\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
                            "HELO" => b"250 test.invalid\r\n",
                            "MAIL" => {
                                from = address(&line);
                                b"250 OK\r\n"
                            }
                            "RCPT" => {
                                to.push(address(&line));
                                b"250 OK\r\n"
                            }
                            "DATA" => {
                                let _ = write.write_all(b"354 go on\r\n").await;
                                let mut data = Vec::new();
                                loop {
                                    let mut l = String::new();
                                    if lines.read_line(&mut l).await.unwrap_or(0) == 0 {
                                        return;
                                    }
                                    if l == ".\r\n" {
                                        break;
                                    }
                                    data.extend_from_slice(l.strip_prefix('.').unwrap_or(&l).as_bytes());
                                }
                                if let Ok(mut r) = store.lock() {
                                    r.push(Received { from: std::mem::take(&mut from), to: std::mem::take(&mut to), data });
                                }
                                b"250 queued\r\n"
                            }
                            "RSET" | "NOOP" => b"250 OK\r\n",
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                return;
                            }
                            _ => b"502 not here\r\n",
                        };
                        if write.write_all(reply).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
        Self { addr, received }
    }

    /// The messages received so far.
    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().map(|r| r.clone()).unwrap_or_default()
    }
}
