//! Checks JSON values against the reference's type expressions.
//!
//! Used in both directions: request parameters (after form strings were coerced) and every
//! object the sandbox emits. Strictness is the point — a field the reference does not know, or
//! a missing required one, is exactly the kind of drift that would let a bot pass here and fail
//! against Telegram.

use serde_json::Value;

use crate::spec::Spec;

/// Validates `value` against any one of `types` (the reference lists unions as several types).
pub fn check_any(spec: &Spec, value: &Value, types: &[String], path: &str) -> Result<(), String> {
    let mut first_error = None;
    for ty in types {
        match check_one(spec, value, ty, path) {
            Ok(()) => return Ok(()),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(if types.len() == 1 {
        first_error.unwrap_or_default()
    } else {
        format!("{path}: expected {}", types.join(" or "))
    })
}

/// Validates `value` against one type expression such as `Integer`, `Array of Message` or `Chat`.
pub fn check_one(spec: &Spec, value: &Value, ty: &str, path: &str) -> Result<(), String> {
    if let Some(inner) = ty.strip_prefix("Array of ") {
        let items = value
            .as_array()
            .ok_or_else(|| format!("{path}: expected {ty}"))?;
        for (i, item) in items.iter().enumerate() {
            check_one(spec, item, inner, &format!("{path}[{i}]"))?;
        }
        return Ok(());
    }
    let ok = match ty {
        "Integer" => value.is_i64() || value.is_u64(),
        "Float" => value.is_number(),
        "String" => value.is_string(),
        "Boolean" => value.is_boolean(),
        "True" => value == &Value::Bool(true),
        // An InputFile in a request is always a reference by now: `attach://name`, a file_id or a URL.
        "InputFile" => value.is_string(),
        _ => return check_object(spec, value, ty, path),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{path}: expected {ty}"))
    }
}

fn check_object(spec: &Spec, value: &Value, ty: &str, path: &str) -> Result<(), String> {
    let def = spec
        .type_def(ty)
        .ok_or_else(|| format!("{path}: type {ty} is not in the reference"))?;
    if !def.subtypes.is_empty() {
        return check_union(spec, value, ty, &def.subtypes, path);
    }
    let object = value
        .as_object()
        .ok_or_else(|| format!("{path}: expected {ty} object"))?;
    for key in object.keys() {
        if !def.fields.iter().any(|f| &f.name == key) {
            return Err(format!("{path}: field {key} is not part of {ty}"));
        }
    }
    for field in &def.fields {
        match object.get(&field.name) {
            None if field.required => {
                return Err(format!("{path}: {ty} requires field {}", field.name));
            }
            None => {}
            Some(v) => check_any(spec, v, &field.types, &format!("{path}.{}", field.name))?,
        }
    }
    if let Some((field, constant)) = &def.discriminator {
        if object.get(field).and_then(Value::as_str) != Some(constant.as_str()) {
            return Err(format!("{path}: {ty} needs {field} = {constant:?}"));
        }
    }
    Ok(())
}

/// A union (e.g. `ChatMember`, `MessageOrigin`) is valid when exactly the subtype its
/// discriminator names validates; unions without discriminators accept any matching subtype.
fn check_union(
    spec: &Spec,
    value: &Value,
    ty: &str,
    subtypes: &[String],
    path: &str,
) -> Result<(), String> {
    for sub in subtypes {
        let discriminated = spec.type_def(sub).and_then(|d| d.discriminator.clone());
        if let Some((field, constant)) = discriminated {
            if value.get(&field).and_then(Value::as_str) == Some(constant.as_str()) {
                return check_one(spec, value, sub, path);
            }
        } else if check_one(spec, value, sub, path).is_ok() {
            return Ok(());
        }
    }
    Err(format!("{path}: value matches no variant of {ty}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn accepts_a_minimal_message_and_refuses_drift() {
        let spec = Spec::get();
        let msg = json!({"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}});
        check_one(spec, &msg, "Message", "m").unwrap();
        let extra =
            json!({"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "bogus": 1});
        assert!(check_one(spec, &extra, "Message", "m").is_err());
        let missing = json!({"message_id": 1, "chat": {"id": 1, "type": "private"}});
        assert!(check_one(spec, &missing, "Message", "m").is_err());
    }

    #[test]
    fn resolves_unions_by_discriminator() {
        let spec = Spec::get();
        let user = json!({"id": 1, "is_bot": false, "first_name": "A"});
        let left = json!({"status": "left", "user": user});
        check_one(spec, &left, "ChatMember", "m").unwrap();
        let wrong = json!({"status": "creator", "user": user});
        assert!(check_one(spec, &wrong, "ChatMember", "m").is_err());
    }
}
