//! CDK conformance: writes every conformance case for the TypeScript checker in
//! `conformance/cdk` (which compiles them with `tsc --strict` and synthesizes them with
//! aws-cdk-lib), and checks that values aws-cdk-lib accepts but API Gateway or browsers would
//! not are rejected by validation.
//!
//! Each case directory `target/conformance/cdk/<case>/` holds `app.ts` (target `cdk-stack`),
//! `cors-props.ts` (target `cdk`), `index.js` (target `lambda-node`, the code the app embeds)
//! and `expected.json` (the normalized configuration the checker derives its expectations from).

mod common;

use apigw_cors::{render, ApiType, Target};
use common::{error_codes, get_config};

#[test]
fn writes_every_conformance_case() {
    let dir = common::case_dir("cdk");
    let mut cases = common::conformance_cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    cases.extend(common::cdk_app_cases());
    for (name, config) in &cases {
        let valid = common::valid(config);
        let app = render(Target::CdkStack, &valid);
        assert!(
            app.ends_with("new CorsApiStack(app, 'CorsApiStack');\n"),
            "{name}"
        );
        common::write_case(&dir, name, &valid, "app.ts", &app);
        let case = dir.join(name);
        std::fs::write(case.join("cors-props.ts"), render(Target::Cdk, &valid)).unwrap();
        std::fs::write(case.join("index.js"), render(Target::LambdaNode, &valid)).unwrap();
    }
    let written = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(written, cases.len());
}

/// Each of these synthesizes without complaint in aws-cdk-lib 2.276 (reference
/// sam-cdk-tool-behaviour.md §5), yet the result is refused by browsers or API Gateway, or
/// breaks the generated mapping template.
#[test]
fn rejects_values_aws_cdk_lib_accepts() {
    // RestApi with Cors.ALL_ORIGINS and allowCredentials: true emits Allow-Origin '*' with
    // Allow-Credentials 'true', which every browser refuses.
    let mut c = get_config(ApiType::Rest, &["*"]);
    c.allow_credentials = true;
    assert_eq!(error_codes(&c), ["credentials-wildcard-origin"]);

    // HttpApi takes Duration.seconds(86401) (MaxAge 86401) although API Gateway's limit is 86400.
    let mut c = get_config(ApiType::Http, &["https://app.example.com"]);
    c.max_age = Some(86_401);
    assert_eq!(error_codes(&c), ["max-age-http-limit"]);
    c.max_age = Some(172_800); // Duration.days(2)
    assert_eq!(error_codes(&c), ["max-age-http-limit"]);

    // A `"` in a non-first REST origin ends up in CDK's VTL as
    // #if($origin == "https://a"b.com"): a broken mapping template.
    let c = get_config(
        ApiType::Rest,
        &["https://c.example.com", "https://a\"b.example.com"],
    );
    assert_eq!(error_codes(&c), ["origin-quote"]);
    // A `'` in the first origin is copied verbatim into the static value 'https://a'b.com'.
    let c = get_config(ApiType::Rest, &["https://a'b.example.com"]);
    assert_eq!(error_codes(&c), ["origin-quote"]);

    // REST disableCache emits Max-Age '-1', which browsers ignore (5-second default).
    let mut c = get_config(ApiType::Rest, &["https://app.example.com"]);
    c.max_age = Some(-1);
    assert_eq!(error_codes(&c), ["max-age-negative"]);

    // HttpApi passes https://*.example.com through; API Gateway documents no such pattern.
    let c = get_config(ApiType::Http, &["https://*.example.com"]);
    assert_eq!(error_codes(&c), ["origin-subdomain-wildcard"]);

    // RestApi takes allowMethods ['GET', 'FETCH'] and emits 'GET,FETCH'.
    let mut c = get_config(ApiType::Rest, &["https://app.example.com"]);
    c.allow_methods = vec!["GET".into(), "FETCH".into()];
    assert_eq!(error_codes(&c), ["method-unknown"]);

    // A trailing slash is copied as typed and never equals a browser's Origin header.
    let c = get_config(ApiType::Rest, &["https://app.example.com/"]);
    assert_eq!(error_codes(&c), ["origin-trailing-slash"]);
}

/// The generated app keeps the preflight free of the authorizer and the API key, and routes
/// no OPTIONS or ANY method to the function.
#[test]
fn stacks_keep_auth_off_the_preflight() {
    for (name, config) in common::conformance_cases()
        .into_iter()
        .chain(common::cdk_app_cases())
    {
        let valid = common::valid(&config);
        let app = render(Target::CdkStack, &valid);
        let routes = app.replace("CorsHttpMethod.", "");
        assert!(!routes.contains("HttpMethod.ANY"), "{name}");
        assert!(!routes.contains("HttpMethod.OPTIONS"), "{name}");
        assert!(!app.contains("addMethod('OPTIONS'"), "{name}");
        assert!(!app.contains("addMethod('ANY'"), "{name}");
        let has_routes = valid.methods.names() != ["OPTIONS"];
        assert_eq!(
            app.contains("Authorizer("),
            valid.authorizer_header.is_some() && has_routes,
            "{name}"
        );
    }
}
