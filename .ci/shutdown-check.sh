#!/usr/bin/env bash
# Production start-up path and graceful stop: migrate, create the first administrator, serve,
# then SIGTERM while sign-ins are in flight. Every accepted request must finish, and the process
# must exit cleanly. Uses the debug build that `swift test` made.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(pwd)/.build/debug/kanssa"
data=$(mktemp -d)
export KANSSA_DATA_DIR="$data"
export KANSSA_SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
export LOG_LEVEL=warning

if "$bin" serve --port 1 > "$data/refused.log" 2>&1; then
  echo "serve started on an unmigrated database"; exit 1
fi
grep -qi "run \`kanssa migrate\` first" "$data/refused.log"

"$bin" migrate --yes > "$data/migrate.log"
printf 'a long operator passphrase\n' | "$bin" create-admin --organisation "City of Houten" --email operator@example.org --password-stdin
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
setsid sh -c "echo \$\$ > '$data/pid'; exec '$bin' serve --port $port" > "$data/serve.log" 2>&1 &
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
python3 .ci/shutdown-check.py "http://127.0.0.1:$port" "$(cat "$data/pid")" operator@example.org 'a long operator passphrase' || { tail -20 "$data/serve.log"; exit 1; }
if grep -Eiq "fatal error|crash|segmentation" "$data/serve.log"; then
  cat "$data/serve.log"; exit 1
fi
rm -rf "$data"
