//! Standard Webhooks signatures: HMAC-SHA256 over `id.timestamp.body` with the endpoint's
//! secret, sent as `v1,` and base64 (<https://www.standardwebhooks.com/>).

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The smallest signing key accepted, in bytes (the specification asks for 24 to 64).
pub const KEY_MIN: usize = 24;

/// The key inside a `whsec_…` secret; the reason when it is not one.
pub fn secret_key(secret: &str) -> Result<Vec<u8>, String> {
    let help = "give whsec_ and the base64 of 24 to 64 random bytes (e.g. echo whsec_$(openssl rand -base64 32))";
    let Some(b64) = secret.trim().strip_prefix(onramp_api::webhook::SECRET_PREFIX) else { return Err(help.into()) };
    let key = base64::engine::general_purpose::STANDARD.decode(b64).map_err(|_| help.to_owned())?;
    if !(KEY_MIN..=64).contains(&key.len()) {
        return Err(help.into());
    }
    Ok(key)
}

/// The `webhook-signature` value for message `id` sent at `timestamp` (Unix seconds).
pub fn sign(key: &[u8], id: &str, timestamp: i64, body: &[u8]) -> String {
    // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else { return String::new() };
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("v1,{}", base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the Standard Webhooks reference libraries (their `test_sign` case).
    #[test]
    fn signs_as_the_reference_libraries_do() {
        let key = secret_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let signature = sign(&key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, br#"{"test": 2432232314}"#);
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn secrets_are_checked() {
        assert!(secret_key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").is_err(), "no prefix");
        assert!(secret_key("whsec_not base64!").is_err());
        assert!(secret_key("whsec_c2hvcnQ=").is_err(), "too short");
    }
}
