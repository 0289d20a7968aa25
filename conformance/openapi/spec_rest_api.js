// Runs the AWS CDK code of an openapi.yaml's header comment (REST APIs) in a Stack, once for each
// definition directory given, and prints the logical IDs of the API Gateway deployments that
// aws-cdk-lib synthesizes, as JSON: [[ids of dir 1], [ids of dir 2], ...].
// Usage: NODE_PATH=conformance/cdk/node_modules node spec_rest_api.js OUTDIR DIR...
'use strict';
const fs = require('fs');
const path = require('path');
const cdk = require('aws-cdk-lib');
const apigateway = require('aws-cdk-lib/aws-apigateway');

/** The code of the comment's "AWS CDK:" bullet (it is TypeScript and JavaScript alike). */
function cdkCode(text) {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('# - AWS CDK: '));
  if (start < 0) throw new Error('no "# - AWS CDK: " line');
  const code = [lines[start].slice('# - AWS CDK: '.length)];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('#     ')) break;
    code.push(line.slice('#     '.length));
  }
  return code.join('\n');
}

const [outdir, ...dirs] = process.argv.slice(2);
const answer = dirs.map((dir, index) => {
  const code = cdkCode(fs.readFileSync(path.join(dir, 'openapi.yaml'), 'utf8'));
  const app = new cdk.App({ outdir: path.join(outdir, String(index)) });
  const stack = new cdk.Stack(app, 'Stack');
  process.chdir(dir); // fromAsset('openapi.yaml') is relative, as in the user's project
  new Function('apigateway', code).call(stack, apigateway);
  const template = app.synth().getStackByName('Stack').template;
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::ApiGateway::Deployment')
    .map(([id]) => id);
});
process.stdout.write(JSON.stringify(answer));
