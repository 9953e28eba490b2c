//! The key of a draft on the backend: a leaf that the client, the upload and the demo backend
//! all use.

/// A draft's id and the secret that opens it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DraftKey {
    /// Draft id.
    pub id: String,
    /// Resume token.
    pub token: String,
}
