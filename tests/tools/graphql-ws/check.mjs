// The reference client of graphql-transport-ws (npm graphql-ws 6.4.2) against a running server:
//   cd tests/tools/graphql-ws && npm install && node check.mjs http://127.0.0.1:8080
// Registers two users, subscribes to `messages` as the second, runs a query over the socket, sends two
// messages by REST, expects both pushed once, and expects a bad token to be closed with 4403.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
const base = process.argv[2];
const post = async (path, form) => (await fetch(base + path, { method: 'POST', body: new URLSearchParams(form) })).json();
const a = await post('/douyin/user/register/', { username: 'wsa' + Date.now(), password: 'secret123' });
const b = await post('/douyin/user/register/', { username: 'wsb' + Date.now(), password: 'secret123' });
const client = createClient({ url: base.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { token: b.token } });
const got = [];
const done = new Promise((resolve, reject) => {
  client.subscribe({ query: 'subscription { messages { fromUserId toUserId content } }' }, {
    next: (v) => { got.push(v); if (got.length === 2) resolve(); }, error: reject, complete: () => {} });
});
const q = await new Promise((resolve, reject) => { let r; client.subscribe({ query: '{ feed { edges { cursor } } }' }, { next: (v) => r = v, error: reject, complete: () => resolve(r) }); });
console.log('query over ws:', JSON.stringify(q).slice(0, 80));
await new Promise(r => setTimeout(r, 300));
for (const content of ['one', 'two'])
  console.log('send', (await post('/douyin/message/action/', { token: a.token, to_user_id: String(b.user_id), action_type: '1', content })).status_code);
await Promise.race([done, new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 5000))]);
console.log('received:', JSON.stringify(got));
if (got.length !== 2 || got[1].data.messages.content !== 'two') { console.error('FAILED: wrong messages'); process.exit(1); }
const bad = createClient({ url: base.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { token: 'nope' }, retryAttempts: 0,
  on: { closed: (e) => { console.log('bad token closed:', e.code, e.reason); if (e.code !== 4403) { console.error('FAILED: expected 4403'); process.exit(1); } } } });
await new Promise(resolve => bad.subscribe({ query: '{ feed { edges { cursor } } }' }, { next() {}, error: () => resolve(), complete: () => resolve() }));
await client.dispose();
console.log('OK');
process.exit(0);
