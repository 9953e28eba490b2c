//! The contract's OpenAPI document (`api/openapi.json`, compiled in) and the check of an answer
//! against the schema it declares for an operation and status (JSON Schema 2020-12, which
//! OpenAPI 3.1 schemas are).

use serde_json::{json, Value};

/// The document, and the validators compiled from it so far (one per operation and status).
#[derive(Clone)]
pub struct Document {
    doc: Value,
    compiled: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<jsonschema::Validator>>>>,
}

impl Document {
    /// The contract's document, as committed with this suite.
    pub fn contract() -> Result<Self, String> {
        let doc = serde_json::from_str(include_str!("../../api/openapi.json")).map_err(|e| format!("api/openapi.json: {e}"))?;
        Ok(Self { doc, compiled: Default::default() })
    }

    /// Whether `body`, answered `status` to `method template`, is what the document declares.
    pub fn check_response(&self, method: &str, template: &str, status: u16, body: &Value) -> Result<(), String> {
        let operation = self.doc["paths"][template][method.to_ascii_lowercase()].clone();
        if operation.is_null() {
            return Err(format!("{method} {template} is not in the OpenAPI document"));
        }
        let response = &operation["responses"][status.to_string()];
        if response.is_null() {
            return Err(format!("{status} is not a documented answer of {method} {template}"));
        }
        let Some(schema) = response["content"].as_object().and_then(|c| c.values().next()).map(|c| c["schema"].clone()) else {
            return Ok(());
        };
        let key = format!("{method} {template} {status}");
        let cached = self.compiled.lock().ok().and_then(|c| c.get(&key).cloned());
        let validator = match cached {
            Some(v) => v,
            None => {
                let root = json!({ "components": self.doc["components"].clone(), "allOf": [schema] });
                let v = std::sync::Arc::new(jsonschema::draft202012::new(&root).map_err(|e| format!("the document's schema for {key} does not compile: {e}"))?);
                if let Ok(mut c) = self.compiled.lock() {
                    c.insert(key, v.clone());
                }
                v
            }
        };
        let problems: Vec<String> = validator.iter_errors(body).take(3).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!("the body does not match the OpenAPI schema of {method} {template} {status}: {}", problems.join("; ")))
        }
    }
}
