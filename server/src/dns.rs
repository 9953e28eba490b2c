//! Looks DNS records up with a plain query over UDP (hickory-proto) to the resolver in the
//! configuration, so verification reads the real records, and tests can point it at a small
//! authoritative server on 127.0.0.1.

use std::net::SocketAddr;
use std::time::Duration;

use hickory_proto::op::{Message, Query, ResponseCode};
use hickory_proto::rr::{Name, RData, RecordType};
use onramp_api::dns::RecordKind;
use tokio::net::UdpSocket;

/// Why a lookup gave no answer at all.
#[derive(Debug)]
pub struct LookupError(pub String);

fn record_type(kind: RecordKind) -> Option<RecordType> {
    match kind {
        RecordKind::A => Some(RecordType::A),
        RecordKind::Aaaa => Some(RecordType::AAAA),
        RecordKind::Cname => Some(RecordType::CNAME),
        RecordKind::Txt => Some(RecordType::TXT),
        RecordKind::Redirect => None,
    }
}

fn text(data: &RData) -> Option<String> {
    Some(match data {
        RData::A(a) => a.0.to_string(),
        RData::AAAA(a) => a.0.to_string(),
        RData::CNAME(c) => c.0.to_ascii().trim_end_matches('.').to_owned(),
        RData::TXT(t) => t.txt_data.iter().map(|s| String::from_utf8_lossy(s).into_owned()).collect(),
        _ => return None,
    })
}

/// The values of `name`'s records of `kind` (empty when there are none or the name does not
/// exist); an error when the resolver does not answer twice in a row.
pub async fn lookup(resolver: SocketAddr, name: &str, kind: RecordKind) -> Result<Vec<String>, LookupError> {
    let Some(rtype) = record_type(kind) else { return Ok(Vec::new()) };
    let fqdn = Name::from_ascii(format!("{}.", name.trim_end_matches('.')))
        .map_err(|e| LookupError(format!("bad name {name}: {e}")))?;
    let mut query = Message::query();
    query.metadata.recursion_desired = true;
    query.add_query(Query::query(fqdn, rtype));
    let id = query.metadata.id;
    let bytes = query.to_vec().map_err(|e| LookupError(e.to_string()))?;
    let bind: SocketAddr = if resolver.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { (std::net::Ipv6Addr::UNSPECIFIED, 0).into() };
    let socket = UdpSocket::bind(bind).await.map_err(|e| LookupError(e.to_string()))?;
    // Connected, so a refused port is reported at once instead of waiting for the timeout.
    socket.connect(resolver).await.map_err(|e| LookupError(e.to_string()))?;
    let mut last = String::from("no answer");
    for _ in 0..2 {
        socket.send(&bytes).await.map_err(|e| LookupError(format!("the resolver {resolver} did not answer: {e}")))?;
        let mut buf = vec![0u8; 4096];
        let received = tokio::time::timeout(Duration::from_secs(2), socket.recv(&mut buf)).await;
        let len = match received {
            Ok(Ok(len)) => len,
            Ok(Err(e)) => return Err(LookupError(format!("the resolver {resolver} did not answer: {e}"))),
            Err(_) => {
                last = format!("the resolver {resolver} did not answer");
                continue;
            }
        };
        let Some(answer) = buf.get(..len).and_then(|b| Message::from_vec(b).ok()) else {
            last = "unreadable answer".into();
            continue;
        };
        if answer.metadata.id != id {
            continue;
        }
        return match answer.metadata.response_code {
            ResponseCode::NoError | ResponseCode::NXDomain => Ok(answer
                .answers
                .iter()
                .filter(|r| r.record_type() == rtype)
                .filter_map(|r| text(&r.data))
                .collect()),
            other => Err(LookupError(format!("the resolver answered {other}"))),
        };
    }
    Err(LookupError(last))
}
