//! Target `sam-globals`: the CORS settings in a SAM template's `Globals` section
//! (`Api: Cors:` for REST, `HttpApi: CorsConfiguration:` for HTTP).

use super::sam_yaml::{self, YamlWriter};
use crate::model::{ApiType, ValidCorsConfig};

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let mut w = YamlWriter::default();
    if sam_yaml::function_answers_preflight(config) {
        write_function_preflight(&mut w, config);
        return w.finish();
    }
    w.line(0, "Globals:");
    match config.api_type {
        ApiType::Rest => w.line(2, "Api:"),
        ApiType::Http => w.line(2, "HttpApi:"),
    }
    sam_yaml::write_cors(&mut w, 4, config);
    sam_yaml::write_preflight_auth(&mut w, 4, config);
    sam_yaml::write_http_authorizer_note(&mut w, 4, config);
    w.finish()
}

/// REST with several origins: nothing belongs in `Globals`; the OPTIONS event to add to each
/// function instead.
fn write_function_preflight(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.comment(0, &sam_yaml::no_cors_reason(config));
    w.comment(
        0,
        "Leave Cors out of Globals and add this event to each function's Events:",
    );
    sam_yaml::write_event(w, 0, config, "OPTIONS", false);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{validate, CorsConfig};

    fn render_json(json: &str) -> String {
        render(
            &validate(&CorsConfig::from_json(json).unwrap())
                .unwrap()
                .config,
        )
    }

    #[test]
    fn rest_one_origin() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com"],
                "allowMethods": ["GET", "POST"], "allowHeaders": ["Content-Type", "Authorization"],
                "maxAge": 600}"#,
        );
        assert_eq!(text, "");
    }
}
