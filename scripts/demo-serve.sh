#!/usr/bin/env bash
# Serve the demo: the task worker in the background, the web server in the foreground.
# Ctrl-C stops both. Run by `make demo` once the database is migrated and filled.
#
#   scripts/demo-serve.sh                 serve
#   scripts/demo-serve.sh --check-port    only say whether the port is free (exit 1 if busy)
#
#   HOST (127.0.0.1) and PORT (8000) choose the address.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

port_free() {
  "$PY" - "$HOST" "$PORT" <<'PYEOF'
import socket, sys
host, port = sys.argv[1], int(sys.argv[2])
with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as runserver does
    try:
        s.bind((host, port))
    except OSError as error:
        sys.exit(f"{error.strerror}")
PYEOF
}

if ! port_free; then
  echo "Le port $PORT est déjà pris sur $HOST (un autre serveur tourne ?)." >&2
  echo "Port $PORT on $HOST is busy. Arrêtez l'autre serveur ou choisissez un port : make demo PORT=8001" >&2
  exit 1
fi
if [ "${1:-}" = "--check-port" ]; then
  exit 0
fi

worker_pid=""
stop_worker() {
  if [ -n "$worker_pid" ] && kill -0 "$worker_pid" 2>/dev/null; then
    echo "Arrêt du worker de tâches (pid $worker_pid)…"
    kill -TERM "$worker_pid" 2>/dev/null || true
    wait "$worker_pid" 2>/dev/null || true
  fi
}
trap stop_worker EXIT
trap 'exit 130' INT TERM

LOG="${VAR_DIR:-var}/db_worker.log"
mkdir -p "$(dirname "$LOG")"
"$PY" manage.py db_worker >>"$LOG" 2>&1 &
worker_pid=$!

cat <<MSG

============================================================================
 essterritoire — démonstration
   Adresse / URL : http://$HOST:$PORT/
   Comptes (mot de passe demo-ess-2026) : voir la liste ci-dessus
   Worker de tâches : pid $worker_pid, journal $LOG
   Ctrl-C arrête le serveur et le worker / stops both
============================================================================

MSG
"$PY" manage.py runserver "$HOST:$PORT"
