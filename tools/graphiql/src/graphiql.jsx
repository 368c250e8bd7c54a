// GraphiQL for the Tiktok server, bundled by build.mjs into src/Server/wwwroot/graphiql/.
// Everything is served by the server itself: the page, this script, its CSS and the Monaco
// editor's web workers (same-origin classic workers, so the page's CSP needs no blob: or eval).
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import 'graphiql/style.css';
import './page.css';

const base = new URL('.', import.meta.url); // .../graphiql/
globalThis.MonacoEnvironment = {
  getWorker(_id, label) {
    const file = label === 'json' ? 'json.worker.js' : label === 'graphql' ? 'graphql.worker.js' : 'editor.worker.js';
    return new Worker(new URL(file, base), { name: label });
  },
};

const endpoint = new URL(location.pathname, location.origin).href;
const socketUrl = endpoint.replace(/^http/, 'ws');

/** The token of an `Authorization: Bearer <token>` header in GraphiQL's headers editor, or null. */
function bearerToken(headers) {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'authorization' || typeof value !== 'string') continue;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
    return match ? match[1] : null;
  }
  return null;
}

// One graphql-transport-ws client at a time, for the token that the headers editor holds: the
// server authenticates a socket once, by connection_init's payload { token }, so another token
// needs another socket. The client connects lazily, on the first subscription.
let current = null;
function fetcherFor(token) {
  if (current?.token !== token) {
    current?.client.dispose();
    const client = createClient({
      url: socketUrl,
      connectionParams: token ? { token } : {},
      retryAttempts: 2,
    });
    current = {
      token,
      client,
      fetcher: createGraphiQLFetcher({
        url: endpoint,
        subscriptionUrl: socketUrl,
        wsClient: client,
        // The server answers no @defer/@stream: plain POSTs that accept application/graphql-response+json.
        enableIncrementalDelivery: false,
      }),
    };
  }
  return current.fetcher;
}

const fetcher = (params, options) => fetcherFor(bearerToken(options?.headers))(params, options);

const defaultQuery = `# GraphiQL for the Tiktok server.
#
# Run with Ctrl-Enter (Cmd-Enter) or the run button; the book icon opens the
# docs explorer. To act as a user, log in:
#   mutation { login(username: "...", password: "...") { token } }
# then put the token in the Headers tab below:
#   { "Authorization": "Bearer <token>" }
# Subscriptions go over ws(s)://<this host>/graphql (graphql-transport-ws) and
# send that token in connection_init's payload.

query Feed {
  feed(first: 2) {
    edges {
      node {
        id
        title
      }
    }
  }
}
`;

createRoot(document.getElementById('graphiql')).render(
  <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} defaultHeaders={'{\n  "Authorization": ""\n}'} />,
);
