// graphql-http's serverAudits against a running server. Prints one line per audit and ends with
// "N MUST failed, M SHOULD failed"; exits 1 when any MUST or SHOULD audit fails.
// Usage: node audit.mjs http://127.0.0.1:8080/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) { console.error('usage: node audit.mjs URL'); process.exit(2); }
let must = 0, should = 0;
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  const level = audit.name.split(' ')[0];
  if (result.status === 'ok') { console.log(`ok    ${audit.name}`); continue; }
  if (level === 'MUST') must++; else if (level === 'SHOULD') should++;
  console.log(`${result.status.padEnd(5)} ${audit.name}: ${result.reason}`);
}
console.log(`${must} MUST failed, ${should} SHOULD failed`);
process.exit(must + should > 0 ? 1 : 0);
