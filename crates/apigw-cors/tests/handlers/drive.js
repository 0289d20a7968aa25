// Runs generated Node.js handlers the way Lambda does: `node drive.js PLAN.json` where the plan
// is [{"module": "/abs/index.js", "events": [...]}, ...]. Prints the responses as JSON:
// [[response, ...], ...], one list per module, in order.
'use strict';
const fs = require('fs');

async function main() {
  const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const results = [];
  for (const entry of plan) {
    const { handler } = require(entry.module);
    const responses = [];
    for (const event of entry.events) {
      responses.push(await handler(event, {}));
    }
    results.push(responses);
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
