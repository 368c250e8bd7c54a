// The worst GraphQL documents an anonymous client can send, each within the 32 KiB query limit,
// against a running server: per shape, the server's CPU time (from /proc/PID/stat), the wall time,
// the answer's size and status, and the server's RSS after the run.
// Usage: node bench/graphql_abuse.mjs http://127.0.0.1:8080 <server pid> [repeats=5]
import { readFileSync } from 'node:fs';

const [url = 'http://127.0.0.1:8080', pid, repeatsArg = '5'] = process.argv.slice(2);
if (!pid) { console.error('usage: node bench/graphql_abuse.mjs URL SERVER_PID [repeats]'); process.exit(2); }
const repeats = Number(repeatsArg);
const ticks = 100; // USER_HZ on Linux
const cpuMs = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 1000 / ticks; };
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const range = n => [...Array(n).keys()];
const fanOut = levels => '{ ...F0 }' + range(levels).map(i => ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('') + ` fragment F${levels} on Query { __typename }`;
const shapes = {
  'baseline { __typename }': { query: '{ __typename }' },
  'feed, 10 videos with authors': { query: '{ feed(first: 10) { nodes { id title author { id name } } } }' },
  'introspection (graphql-js)': { query: readFileSync(new URL('../tests/fixtures/introspection-graphql-js.graphql', import.meta.url), 'utf8') },
  '1,600 aliases': { query: '{ ' + range(1600).map(i => `a${i}: __typename `).join('') + '}' },
  '1,200 aliases, one response name': { query: '{ ' + range(1200).map(i => `a: video(id: ${i}) { id } `).join('') + '}' },
  '60 conflicting fields (1,770 errors)': { query: '{ ' + range(60).map(i => `a: video(id: ${i}) { id } `).join('') + '}' },
  '40 conflicting fields (780 errors, cut to 25)': { query: '{ ' + range(40).map(i => `a: video(id: ${i}) { id } `).join('') + '}' },
  '1,200 fields under one name, no alias': { query: '{ ' + range(1200).map(i => `video(id: ${i}) { id } `).join('') + '}' },
  '2,500 fields': { query: '{ ' + '__typename '.repeat(2500) + '}' },
  'fragment fan-out, 25 levels': { query: fanOut(25) },
  'fragment fan-out, 30 levels': { query: fanOut(30) },
  'deep nesting (parser)': { query: '{ a '.repeat(5000) + '}'.repeat(5000) },
  'introspection nested in itself': { query: '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }' },
  'variables: 200 KiB string': { query: 'query($v: String) { __typename }', variables: { v: 'x'.repeat(200 * 1024) } },
  'variables: 20,000-item list': { query: 'query($v: [String]) { __typename }', variables: { v: range(20000).map(String) } },
  'batched array of 100 requests': { raw: JSON.stringify(range(100).map(() => ({ query: '{ __typename }' }))) },
};

async function send(shape) {
  const body = shape.raw ?? JSON.stringify({ query: shape.query, variables: shape.variables });
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 60_000);
  try {
    const response = await fetch(url + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body, signal: controller.signal });
    const text = await response.arrayBuffer();
    return { status: response.status, bytes: text.byteLength, ms: performance.now() - started };
  } catch (e) {
    return { status: 'timeout', bytes: 0, ms: performance.now() - started };
  } finally { clearTimeout(timer); }
}

console.log(`| shape | query chars | HTTP | answer bytes | wall ms (median of ${repeats}) | server CPU ms per request |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, shape] of Object.entries(shapes)) {
  await send(shape); // warm
  const walls = []; let last;
  const before = cpuMs();
  for (let i = 0; i < repeats; i++) { last = await send(shape); walls.push(last.ms); if (last.status === 'timeout') break; }
  const cpu = (cpuMs() - before) / walls.length;
  walls.sort((a, b) => a - b);
  console.log(`| ${name} | ${(shape.query ?? shape.raw).length} | ${last.status} | ${last.bytes} | ${walls[walls.length >> 1].toFixed(1)} | ${cpu.toFixed(1)} |`);
}
console.log(`\nserver RSS after the run: ${rssMb().toFixed(0)} MB`);
