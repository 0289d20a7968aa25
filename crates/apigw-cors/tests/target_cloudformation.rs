//! The `cloudformation` target: writes every conformance case's template to
//! `target/conformance/cloudformation/<case>/` for `conformance/cloudformation/test_cloudformation.py`
//! (cfn-lint, and the same CORS values as the SAM transform makes of `sam-template`); proves that
//! the REST deployment's logical ID follows the CORS configuration; and, for arbitrary valid
//! configurations, that the template parses and carries exactly the configured values.

mod common;

use apigw_cors::{render, Target};
use common::{case_dir, conformance_cases, valid, write_case};

#[test]
fn writes_every_conformance_case_as_a_cloudformation_template() {
    let dir = case_dir("cloudformation");
    let cases = conformance_cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    for (name, config) in &cases {
        let config = valid(config);
        let template = render(Target::CloudFormation, &config);
        let parsed: serde_yaml::Value = serde_yaml::from_str(&template).unwrap_or_else(|e| {
            panic!("{name}: cloudformation.yaml does not parse: {e}\n{template}")
        });
        assert!(parsed.get("Transform").is_none(), "{name}");
        write_case(&dir, name, &config, "cloudformation.yaml", &template);
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), cases.len());
}
