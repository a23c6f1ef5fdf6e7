//! The browser's side of a passkey: `navigator.credentials.create` at
//! enrolment and `.get` at sign-in, with the options the server sent (in
//! WebAuthn's JSON form) and the credential sent back as
//! `PublicKeyCredential.toJSON()` writes it.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
function supported() {
  return typeof PublicKeyCredential === 'function'
    && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function';
}
export async function create(options) {
  if (!supported()) throw new Error('unsupported');
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(options).publicKey);
  const credential = await navigator.credentials.create({ publicKey });
  return JSON.stringify(credential.toJSON());
}
export async function get(options) {
  if (!supported()) throw new Error('unsupported');
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(options).publicKey);
  const credential = await navigator.credentials.get({ publicKey });
  return JSON.stringify(credential.toJSON());
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = create)]
    async fn create_js(options: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = get)]
    async fn get_js(options: &str) -> Result<JsValue, JsValue>;
}

/// Why the browser gave no credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasskeyError {
    /// This browser has no passkeys (or too old a WebAuthn).
    Unsupported,
    /// The agent cancelled, took too long, or has no passkey for this
    /// service on this device.
    Cancelled,
    /// Anything else the browser refused.
    Failed,
}

impl PasskeyError {
    /// The message that tells the agent.
    pub fn key(self) -> &'static str {
        match self {
            PasskeyError::Unsupported => "bo-passkey-unsupported",
            PasskeyError::Cancelled => "bo-passkey-cancelled",
            PasskeyError::Failed => "bo-passkey-failed",
        }
    }
}

fn reason(error: JsValue) -> PasskeyError {
    let name = js_sys::Reflect::get(&error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let message = js_sys::Reflect::get(&error, &"message".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        _ if message == "unsupported" => PasskeyError::Unsupported,
        "NotAllowedError" | "AbortError" => PasskeyError::Cancelled,
        "NotSupportedError" => PasskeyError::Unsupported,
        _ => PasskeyError::Failed,
    }
}

fn credential(value: JsValue) -> Result<serde_json::Value, PasskeyError> {
    value
        .as_string()
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or(PasskeyError::Failed)
}

/// Makes a passkey with `options` (the server's `Challenge.options`).
pub async fn create(options: &serde_json::Value) -> Result<serde_json::Value, PasskeyError> {
    credential(create_js(&options.to_string()).await.map_err(reason)?)
}

/// Signs `options`' challenge with one of the device's passkeys.
pub async fn get(options: &serde_json::Value) -> Result<serde_json::Value, PasskeyError> {
    credential(get_js(&options.to_string()).await.map_err(reason)?)
}
