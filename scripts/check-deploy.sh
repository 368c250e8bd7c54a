#!/usr/bin/env bash
# Checks docker/ and deploy/k8s/ as far as this machine can without a Docker engine or a
# Kubernetes cluster (docs/deploy.md, "What was and was not validated"):
#   - docker/nginx.conf: nginx -t, with the compose service names replaced by loopback addresses
#   - docker/compose.yaml: `docker compose config` (or Debian's docker-compose 1.x) with the
#     placeholder .env.example, when a compose client is installed
#   - deploy/k8s/*.yaml and docker/compose.yaml: parse, and the cross-references hold
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
ok() { echo "ok      $*"; }
bad() { echo "FAILED  $*"; failed=1; }
skip() { echo "skipped $*"; }

# ---- nginx ----------------------------------------------------------------------------------
if command -v nginx >/dev/null; then
  sed -e 's/server app1:8080/server 127.0.0.1:18081/' -e 's/server app2:8080/server 127.0.0.1:18082/' \
      -e 's#listen 8080;#listen 127.0.0.1:18080;#' -e "s#pid /tmp/nginx.pid;#pid $tmp/nginx.pid;#" \
      -e "s#error_log /dev/stderr warn;#error_log $tmp/error.log warn;#" -e "s#access_log /dev/stdout#access_log $tmp/access.log#" \
      "$ROOT/docker/nginx.conf" > "$tmp/nginx.conf"
  if nginx -t -q -e "$tmp/error.log" -p "$tmp" -c "$tmp/nginx.conf" 2> "$tmp/nginx.out"; then ok "docker/nginx.conf (nginx -t)"
  else bad "docker/nginx.conf: $(cat "$tmp/nginx.out")"; fi

  # Run it with no instance up (the upstreams point at closed ports): nginx's own 502 must be the
  # app's JSON, Unavailable (9002) with Retry-After; /graphql in GraphQL's error shape.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)
  sed -e "s#listen 127.0.0.1:18080;#listen 127.0.0.1:$port;#" -e 's/127.0.0.1:1808[12]/127.0.0.1:9/' \
      -e "s#^http {#http {\n    client_body_temp_path $tmp/body; proxy_temp_path $tmp/proxy; fastcgi_temp_path $tmp/fastcgi; uwsgi_temp_path $tmp/uwsgi; scgi_temp_path $tmp/scgi;#" \
      "$tmp/nginx.conf" > "$tmp/live.conf"
  if nginx -q -e "$tmp/error.log" -p "$tmp" -c "$tmp/live.conf" 2> "$tmp/nginx.out"; then
    for _ in $(seq 1 20); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    rest=$(curl -s -m 5 -D "$tmp/rest.h" "http://127.0.0.1:$port/douyin/feed/" || true)
    gql=$(curl -s -m 5 -o - -w ' %{http_code}' -H 'Content-Type: application/json' -d '{"query":"{ me { id } }"}' "http://127.0.0.1:$port/graphql" || true)
    if grep -q '^HTTP/1.1 502' "$tmp/rest.h" && grep -qi '^Retry-After: 5' "$tmp/rest.h" && grep -qi '^Content-Type: application/json' "$tmp/rest.h" \
       && [ "$rest" = '{"status_code":9002,"status_msg":"the service is temporarily unavailable; try again in 5 seconds"}' ] \
       && [[ "$gql" == '{"errors":[{"message":"the service is temporarily unavailable; try again in 5 seconds","extensions":{"code":"UNAVAILABLE","status_code":9002}}]} 502' ]]
    then ok "docker/nginx.conf with no instance up: JSON 502, status_code 9002, Retry-After (REST and GraphQL)"
    else bad "docker/nginx.conf with no instance up answered: $(head -1 "$tmp/rest.h" 2>/dev/null) $rest / $gql"; fi
    nginx -q -e "$tmp/error.log" -p "$tmp" -c "$tmp/live.conf" -s quit 2>/dev/null || true
    for _ in $(seq 1 50); do [ -s "$tmp/nginx.pid" ] || break; sleep 0.1; done
  else bad "docker/nginx.conf did not start: $(cat "$tmp/nginx.out")"; fi
else skip "docker/nginx.conf: nginx not installed"; fi

# ---- compose --------------------------------------------------------------------------------
sed 's/CHANGE-ME[A-Za-z0-9-]*/placeholder-0123456789abcdef0123456789abcdef/' "$ROOT/docker/.env.example" > "$tmp/test.env"
if docker compose version >/dev/null 2>&1; then
  if docker compose --env-file "$tmp/test.env" -f "$ROOT/docker/compose.yaml" config -q 2> "$tmp/compose.out"; then ok "docker/compose.yaml (docker compose config)"
  else bad "docker/compose.yaml: $(cat "$tmp/compose.out")"; fi
elif command -v docker-compose >/dev/null; then
  # Compose 1.x predates the top-level `name:` key; check the rest.
  mkdir -p "$tmp/docker"; cp "$ROOT/docker/nginx.conf" "$ROOT/docker/Dockerfile" "$tmp/docker/"
  grep -v '^name:' "$ROOT/docker/compose.yaml" > "$tmp/docker/compose.yaml"
  if docker-compose --env-file "$tmp/test.env" -f "$tmp/docker/compose.yaml" config -q 2> "$tmp/compose.out"; then ok "docker/compose.yaml (docker-compose $(docker-compose version --short) config, without top-level name:)"
  else bad "docker/compose.yaml: $(cat "$tmp/compose.out")"; fi
else skip "docker/compose.yaml: no compose client (docker compose or docker-compose)"; fi

# ---- YAML cross-references --------------------------------------------------------------------
if python3 -c 'import yaml' 2>/dev/null; then
  if python3 - "$ROOT" <<'PY'
import os, sys, yaml
root = sys.argv[1]
k8s = os.path.join(root, 'deploy', 'k8s')
def load(name): return [d for d in yaml.safe_load_all(open(os.path.join(k8s, name))) if d]
problems = []
cm, = load('configmap.yaml'); sec, = load('secret.example.yaml')
dep, pdb = load('deployment.yaml'); svc, = load('service.yaml'); ing, = load('ingress.yaml'); kus, = load('kustomization.yaml')
pod = dep['spec']['template']; labels = pod['metadata']['labels']; c = pod['spec']['containers'][0]
for what, sel in [('Deployment', dep['spec']['selector']['matchLabels']), ('Service', svc['spec']['selector']),
                  ('PodDisruptionBudget', pdb['spec']['selector']['matchLabels'])]:
    if sel.items() - labels.items(): problems.append(f'{what} selector does not match the pod labels')
if c['envFrom'][0]['configMapRef']['name'] != cm['metadata']['name']: problems.append('envFrom names another ConfigMap')
refs = {e['valueFrom']['secretKeyRef']['key'] for e in c['env'] if 'valueFrom' in e}
for e in c['env']:
    r = e.get('valueFrom', {}).get('secretKeyRef')
    if r and (r['name'] != sec['metadata']['name'] or r['key'] not in sec['stringData']): problems.append(f'{e["name"]}: no such Secret key')
if set(sec['stringData']) - refs: problems.append('Secret keys nobody reads: ' + ', '.join(sorted(set(sec['stringData']) - refs)))
ports = {p['name'] for p in c['ports']}
for probe, path in [('startupProbe', '/healthz'), ('livenessProbe', '/healthz'), ('readinessProbe', '/readyz')]:
    g = c[probe]['httpGet']
    if g['port'] not in ports or g['path'] != path: problems.append(f'{probe} should be GET {path} on a container port')
if dep['spec']['replicas'] < 2: problems.append('fewer than 2 replicas')
if svc['spec']['ports'][0]['targetPort'] not in ports: problems.append('Service targetPort is not a container port')
b = ing['spec']['rules'][0]['http']['paths'][0]['backend']['service']
if b['name'] != svc['metadata']['name'] or b['port']['name'] not in {p['name'] for p in svc['spec']['ports']}: problems.append('Ingress backend is not the Service')
if {m['name'] for m in c['volumeMounts']} - {v['name'] for v in pod['spec']['volumes']}: problems.append('volumeMount without a volume')
if any(not isinstance(v, str) for v in cm['data'].values()): problems.append('ConfigMap values must be strings')
for r in kus['resources']:
    if not os.path.exists(os.path.join(k8s, r)): problems.append(f'kustomization lists missing {r}')
if 'secret.example.yaml' in kus['resources']: problems.append('the placeholder Secret must not be in the kustomization')
compose = yaml.safe_load(open(os.path.join(root, 'docker', 'compose.yaml')))
svcs = compose['services']
for name in ('postgres', 'redis', 'minio', 'minio-init', 'app1', 'app2', 'lb'):
    if name not in svcs: problems.append(f'compose: no service {name}')
for name, s in svcs.items():
    for dep_name in (s.get('depends_on') or {}):
        if dep_name not in svcs: problems.append(f'compose: {name} depends on unknown {dep_name}')
for v in ('TIKTOK_SIGNING_KEY', 'POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'MINIO_ROOT_USER', 'MINIO_ROOT_PASSWORD'):
    if v + '=' not in open(os.path.join(root, 'docker', '.env.example')).read(): problems.append(f'.env.example lacks {v}')
for p in problems: print('  ' + p)
sys.exit(1 if problems else 0)
PY
  then ok "deploy/k8s/*.yaml and docker/compose.yaml parse; references hold"
  else bad "YAML cross-references (above)"; fi
else skip "YAML checks: python3 yaml module missing"; fi

skip "docker build / docker compose up / kubectl apply: need a Docker engine or a cluster"
exit $failed
