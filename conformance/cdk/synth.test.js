// Synthesizes every generated CDK app (compiled by `tsc -p .` into build/) in this process and
// asserts that the CloudFormation carries exactly the configured CORS settings, then runs the
// Lambda code embedded in the template with sample events.
//
// Cases come from `cargo test -p apigw-cors --test conformance_cdk`, which writes
// target/conformance/cdk/<case>/{app.ts, cors-props.ts, index.js, expected.json}; each
// synthesized template is written next to them as template.json.
'use strict';

// CDK's built-in CloudFormation validation takes about 1 s per synth and only reports
// warnings; turn it on with CDK_VALIDATION=true.
process.env.CDK_VALIDATION ??= 'false';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, after } = require('node:test');
const cdk = require('aws-cdk-lib');

const CASES = path.resolve(__dirname, '../../target/conformance/cdk');
const BUILD = path.join(__dirname, 'build');
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-cors-cdk-'));
after(() => fs.rmSync(OUT, { recursive: true, force: true }));

let assertions = 0;
function eq(actual, expected, message) {
  assertions += 1;
  assert.deepStrictEqual(actual, expected, message);
}
after(() => console.log(`cdk conformance: ${assertions} assertions`));

// The generated app ends with `const app = new App(); new CorsApiStack(...)` and never calls
// synth itself (`cdk synth` does that). To synthesize in process, `App` is replaced by a
// subclass that records each instance and writes into a temporary directory; the compiled
// CommonJS reads `aws_cdk_lib_1.App` when it runs, so it gets the subclass.
const RealApp = cdk.App;
let created = [];
class RecordingApp extends RealApp {
  constructor(props) {
    super({ ...props, outdir: fs.mkdtempSync(path.join(OUT, 'app-')) });
    created.push(this);
  }
}
Object.defineProperty(cdk, 'App', { value: RecordingApp, configurable: true, enumerable: true });

function synthesize(caseName) {
  const compiled = path.join(BUILD, caseName, 'app.js');
  assert.ok(
    fs.existsSync(compiled) &&
      fs.statSync(compiled).mtimeMs >= fs.statSync(path.join(CASES, caseName, 'app.ts')).mtimeMs,
    `${compiled} is missing or older than app.ts: run npx tsc -p . first`,
  );
  created = [];
  require(compiled);
  eq(created.length, 1, 'the app file creates one App');
  const stack = created[0].synth().getStackByName('CorsApiStack');
  eq(
    stack.messages.filter((m) => m.level !== 'info').map((m) => `${m.level} ${m.entry.data}`),
    [],
    'no CDK warnings or errors',
  );
  // The Python app of the same case (conformance/cdk-python) must synthesize to this template.
  fs.writeFileSync(
    path.join(CASES, caseName, 'template.json'),
    `${JSON.stringify(stack.template, null, 2)}\n`,
  );
  return stack.template;
}

const ALL_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];
// CDK's Cors.ALL_METHODS, in its order.
const CDK_ALL_METHODS = ['OPTIONS', 'GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD'];

/** The methods the /items route serves: the configured ones without OPTIONS (`*` → all). */
function routeMethods(expected) {
  const methods = expected.allowMethods[0] === '*' ? ALL_METHODS : expected.allowMethods;
  return methods.filter((m) => m !== 'OPTIONS');
}

function resources(template, type) {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

function single(template, type) {
  const found = resources(template, type);
  eq(found.length, 1, `one ${type}`);
  return found[0];
}

function logicalIdStartingWith(template, prefix, type) {
  const found = resources(template, type).filter(([id]) => id.startsWith(prefix));
  eq(found.length, 1, `one ${type} named ${prefix}…`);
  return found[0][0];
}

/** The preflight's static headers exactly as CDK should write them for this config. */
function restPreflightHeaders(expected) {
  const quoted = (v) => `'${v}'`;
  const first = expected.allowOrigins[0];
  const headers = {
    'Access-Control-Allow-Headers': quoted(expected.allowHeaders.join(',')),
    'Access-Control-Allow-Origin': quoted(first),
  };
  if (first !== '*') headers.Vary = quoted('Origin');
  const methods = expected.allowMethods[0] === '*' ? CDK_ALL_METHODS : expected.allowMethods;
  headers['Access-Control-Allow-Methods'] = quoted(methods.join(','));
  if (expected.allowCredentials) headers['Access-Control-Allow-Credentials'] = quoted('true');
  // CDK writes Max-Age only for a positive value; for 0 the app sets '0' with an override.
  if (expected.maxAge !== null) headers['Access-Control-Max-Age'] = quoted(expected.maxAge);
  if (expected.exposeHeaders.length > 0) {
    headers['Access-Control-Expose-Headers'] = quoted(expected.exposeHeaders.join(','));
  }
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, value]),
  );
}

/** CDK's mapping template that echoes the second and later origins. */
function restEchoTemplate(expected) {
  const others = expected.allowOrigins.slice(1);
  if (others.length === 0) return undefined;
  return {
    'application/json': [
      '#set($origin = $input.params().header.get("Origin"))',
      '#if($origin == "")',
      '  #set($origin = $input.params().header.get("origin"))',
      '#end',
      `#if(${others.map((o) => `$origin == "${o}"`).join(' || ')})`,
      '  #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
      '#end',
    ].join('\n'),
  };
}

function checkRest(template, expected) {
  const [apiId, api] = single(template, 'AWS::ApiGateway::RestApi');
  eq(api.Properties.Name, 'CorsApi');
  const [, stage] = single(template, 'AWS::ApiGateway::Stage');
  eq(stage.Properties.StageName, 'prod');
  const [itemsId, items] = single(template, 'AWS::ApiGateway::Resource');
  eq(items.Properties.PathPart, 'items');

  const methods = resources(template, 'AWS::ApiGateway::Method').map(([, m]) => m.Properties);
  const preflights = methods.filter((m) => m.HttpMethod === 'OPTIONS');
  eq(
    preflights.map((m) => m.ResourceId).sort((a, b) => ('Ref' in a ? 1 : 0) - ('Ref' in b ? 1 : 0)),
    [{ 'Fn::GetAtt': [apiId, 'RootResourceId'] }, { Ref: itemsId }],
    'a preflight on / and on /items',
  );
  const headers = restPreflightHeaders(expected);
  const methodResponseHeaders = Object.fromEntries(Object.keys(headers).map((k) => [k, true]));
  for (const preflight of preflights) {
    eq(preflight.AuthorizationType, 'NONE', 'the preflight has no authorizer');
    eq(preflight.AuthorizerId, undefined, 'the preflight has no authorizer id');
    eq(preflight.ApiKeyRequired, false, 'the preflight needs no API key');
    eq(preflight.Integration.Type, 'MOCK');
    eq(preflight.Integration.IntegrationResponses, [
      {
        StatusCode: '204',
        ResponseParameters: headers,
        ...(restEchoTemplate(expected) && { ResponseTemplates: restEchoTemplate(expected) }),
      },
    ]);
    eq(preflight.MethodResponses, [
      { StatusCode: '204', ResponseParameters: methodResponseHeaders },
    ]);
  }

  const routes = methods.filter((m) => m.HttpMethod !== 'OPTIONS');
  eq(routes.map((m) => m.HttpMethod), routeMethods(expected), 'the /items methods');
  const functionId = logicalIdStartingWith(template, 'ItemsFunction', 'AWS::Lambda::Function');
  const authorizers = resources(template, 'AWS::ApiGateway::Authorizer');
  // With only OPTIONS chosen there is no route for an authorizer to guard.
  const guarded = expected.authorizerHeader && routes.length > 0;
  eq(authorizers.length, guarded ? 1 : 0, 'authorizers');
  if (guarded) {
    const [, authorizer] = authorizers[0];
    eq(authorizer.Properties.Type, 'TOKEN');
    eq(authorizer.Properties.IdentitySource, `method.request.header.${expected.authorizerHeader}`);
  }
  for (const route of routes) {
    eq(route.ResourceId, { Ref: itemsId });
    eq(route.Integration.Type, 'AWS_PROXY');
    eq(route.Integration.IntegrationHttpMethod, 'POST');
    assert.match(JSON.stringify(route.Integration.Uri), new RegExp(`"${functionId}","Arn"`));
    if (expected.authorizerHeader) {
      eq(route.AuthorizationType, 'CUSTOM');
      eq(route.AuthorizerId, { Ref: authorizers[0][0] });
    } else {
      eq(route.AuthorizationType, 'NONE');
    }
    eq(route.ApiKeyRequired, expected.apiKeyRequired ? true : undefined, 'ApiKeyRequired');
  }
  for (const type of ['ApiKey', 'UsagePlan', 'UsagePlanKey']) {
    eq(resources(template, `AWS::ApiGateway::${type}`).length, expected.apiKeyRequired ? 1 : 0, type);
  }

  // The generator's one gateway-response policy: the fixed origin; several origins without
  // credentials echo the request's Origin (with Vary: Origin); with credentials the first origin.
  const several = expected.allowOrigins.length > 1;
  const echo = several && !expected.allowCredentials;
  const errorHeaders = {
    'Access-Control-Allow-Origin': echo ? 'method.request.header.origin' : `'${expected.allowOrigins[0]}'`,
  };
  if (expected.allowCredentials) errorHeaders['Access-Control-Allow-Credentials'] = "'true'";
  if (expected.exposeHeaders.length > 0) {
    errorHeaders['Access-Control-Expose-Headers'] = `'${expected.exposeHeaders.join(',')}'`;
  }
  if (echo) errorHeaders.Vary = "'Origin'";
  const gatewayResponses = resources(template, 'AWS::ApiGateway::GatewayResponse').map(
    ([, r]) => r.Properties,
  );
  eq(
    gatewayResponses.map((r) => r.ResponseType).sort(),
    ['DEFAULT_4XX', 'DEFAULT_5XX'],
    'gateway responses',
  );
  for (const response of gatewayResponses) {
    eq(response.RestApiId, { Ref: apiId });
    eq(
      response.ResponseParameters,
      Object.fromEntries(
        Object.entries(errorHeaders).map(([k, v]) => [`gatewayresponse.header.${k}`, v]),
      ),
      `${response.ResponseType} headers`,
    );
  }
}

function checkHttp(template, expected) {
  const [apiId, api] = single(template, 'AWS::ApiGatewayV2::Api');
  eq(api.Properties.Name, 'CorsApi');
  eq(api.Properties.ProtocolType, 'HTTP');
  const cors = {
    AllowCredentials: expected.allowCredentials,
    AllowMethods: expected.allowMethods,
    AllowOrigins: expected.allowOrigins,
  };
  if (expected.allowHeaders.length > 0) cors.AllowHeaders = expected.allowHeaders;
  if (expected.exposeHeaders.length > 0) cors.ExposeHeaders = expected.exposeHeaders;
  if (expected.maxAge !== null) cors.MaxAge = expected.maxAge;
  eq(api.Properties.CorsConfiguration, cors, 'CorsConfiguration');

  const [, stage] = single(template, 'AWS::ApiGatewayV2::Stage');
  eq(stage.Properties.StageName, 'prod');
  eq(stage.Properties.AutoDeploy, true);
  eq(stage.Properties.ApiId, { Ref: apiId });

  const routes = resources(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
  eq(
    routes.map((r) => r.RouteKey),
    routeMethods(expected).map((m) => `${m} /items`),
    'routes: no OPTIONS, ANY or $default route catches the preflight',
  );
  const integrations = resources(template, 'AWS::ApiGatewayV2::Integration');
  eq(integrations.length, routes.length > 0 ? 1 : 0, 'one integration when there are routes');
  const integrationId = integrations[0]?.[0];
  for (const [, integration] of integrations) {
    eq(integration.Properties.IntegrationType, 'AWS_PROXY');
    eq(integration.Properties.PayloadFormatVersion, expected.payloadFormatVersion);
  }
  logicalIdStartingWith(template, 'ItemsFunction', 'AWS::Lambda::Function');
  const authorizers = resources(template, 'AWS::ApiGatewayV2::Authorizer');
  const guarded = expected.authorizerHeader && routes.length > 0;
  eq(authorizers.length, guarded ? 1 : 0, 'authorizers');
  if (guarded) {
    const [, authorizer] = authorizers[0];
    eq(authorizer.Properties.AuthorizerType, 'REQUEST');
    eq(authorizer.Properties.IdentitySource, [`$request.header.${expected.authorizerHeader}`]);
    eq(authorizer.Properties.EnableSimpleResponses, true);
  }
  for (const route of routes) {
    eq(route.Target, { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] });
    if (expected.authorizerHeader) {
      eq(route.AuthorizationType, 'CUSTOM');
      eq(route.AuthorizerId, { Ref: authorizers[0][0] });
    } else {
      eq(route.AuthorizationType, 'NONE');
    }
  }
}

// ---- the Lambda code embedded in the template -------------------------------------------

function header(headers, name) {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

function list(value) {
  return value === undefined ? undefined : value.split(',').map((v) => v.trim());
}

function event(expected, method, headers) {
  if (expected.apiType === 'http' && expected.payloadFormatVersion === '2.0') {
    return {
      version: '2.0',
      routeKey: `${method} /items`,
      rawPath: '/items',
      rawQueryString: '',
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
      requestContext: { http: { method, path: '/items' }, stage: 'prod' },
      isBase64Encoded: false,
    };
  }
  return {
    version: '1.0',
    resource: '/items',
    path: '/items',
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    requestContext: { httpMethod: method, path: '/prod/items', stage: 'prod' },
    body: null,
    isBase64Encoded: false,
  };
}

/** Origins to try: each listed one (a sample for `*` and the patterns). */
function sampleOrigins(expected) {
  return expected.allowOrigins.map((o) =>
    o === '*' ? 'https://any.example.net' : o.endsWith('://*') ? `${o.slice(0, -1)}x.example.net` : o,
  );
}

async function checkHandler(caseName, template, expected) {
  const fn = template.Resources[logicalIdStartingWith(template, 'ItemsFunction', 'AWS::Lambda::Function')];
  // The lambda-node target is the handler plus one first line saying how to deploy it.
  const target = fs.readFileSync(path.join(CASES, caseName, 'index.js'), 'utf8');
  const [deployLine, ...handlerLines] = target.split('\n');
  eq(deployLine, '// index.js for the nodejs24.x runtime, handler index.handler.');
  eq(fn.Properties.Runtime, 'nodejs24.x');
  eq(fn.Properties.Handler, 'index.handler');
  eq(fn.Properties.Code.ZipFile, handlerLines.join('\n'), 'the template embeds the handler verbatim');
  const dir = fs.mkdtempSync(path.join(OUT, 'fn-'));
  fs.writeFileSync(path.join(dir, 'index.js'), fn.Properties.Code.ZipFile);
  const { handler } = require(path.join(dir, 'index.js'));
  const any = expected.allowOrigins[0] === '*';
  const rest = expected.apiType === 'rest';

  for (const [index, origin] of sampleOrigins(expected).entries()) {
    // REST events keep the browser's casing; try both spellings of the header name.
    const name = index % 2 === 0 ? 'Origin' : 'origin';
    const response = await handler(event(expected, 'GET', { [name]: origin }), {});
    eq(typeof response.statusCode, 'number', 'statusCode is an integer');
    eq(typeof response.body, 'string', 'body is a string');
    const headers = response.headers ?? {};
    if (!rest) {
      // With CORS configured, the HTTP API ignores CORS headers from the function.
      eq(
        Object.keys(headers).filter((k) => k.toLowerCase().startsWith('access-control-')),
        [],
        'the HTTP API handler returns no CORS headers',
      );
      continue;
    }
    eq(header(headers, 'Access-Control-Allow-Origin'), any ? '*' : origin, `echo ${origin}`);
    eq(header(headers, 'Vary'), any ? undefined : 'Origin', 'Vary');
    eq(
      header(headers, 'Access-Control-Allow-Credentials'),
      expected.allowCredentials ? 'true' : undefined,
      'Allow-Credentials',
    );
    eq(
      list(header(headers, 'Access-Control-Expose-Headers')),
      expected.exposeHeaders.length ? expected.exposeHeaders : undefined,
      'Expose-Headers',
    );

    const preflight = await handler(
      event(expected, 'OPTIONS', { [name]: origin, 'Access-Control-Request-Method': 'GET' }),
      {},
    );
    eq(preflight.statusCode, 204, 'the handler answers OPTIONS itself');
    const p = preflight.headers ?? {};
    eq(header(p, 'Access-Control-Allow-Origin'), any ? '*' : origin);
    eq(list(header(p, 'Access-Control-Allow-Methods')), expected.allowMethods, 'Allow-Methods');
    eq(
      list(header(p, 'Access-Control-Allow-Headers')),
      expected.allowHeaders.length ? expected.allowHeaders : undefined,
      'Allow-Headers',
    );
    eq(
      header(p, 'Access-Control-Max-Age'),
      expected.maxAge === null ? undefined : String(expected.maxAge),
      'Max-Age',
    );
  }
  if (rest && !any) {
    const response = await handler(
      event(expected, 'GET', { Origin: 'https://not-allowed.example.net' }),
      {},
    );
    eq(header(response.headers, 'Access-Control-Allow-Origin'), undefined, 'no echo when not allowed');
  }
}

// ---- the cases ---------------------------------------------------------------------------

const caseNames = fs.existsSync(CASES)
  ? fs.readdirSync(CASES).filter((n) => fs.existsSync(path.join(CASES, n, 'expected.json'))).sort()
  : [];

test('the Rust test wrote at least 30 cases', () => {
  assert.ok(caseNames.length >= 30, `found ${caseNames.length} cases in ${CASES}`);
});

for (const caseName of caseNames) {
  test(caseName, async (t) => {
    const expected = JSON.parse(fs.readFileSync(path.join(CASES, caseName, 'expected.json'), 'utf8'));
    const template = synthesize(caseName);
    if (expected.apiType === 'rest') {
      checkRest(template, expected);
    } else {
      checkHttp(template, expected);
    }
    await t.test('embedded handler', () => checkHandler(caseName, template, expected));
  });
}
