#!/usr/bin/env bash
# Make sure the local PostgreSQL answers on 127.0.0.1:5432, starting the Debian cluster if needed.
set -euo pipefail

HOST=${PGHOST_CHECK:-127.0.0.1}
if pg_isready -q -h "$HOST" 2>/dev/null; then
  echo "PostgreSQL répond sur $HOST / is up"
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql ]; then
  echo "PostgreSQL n'est pas installé / is not installed: apt-get install -y postgresql" >&2
  exit 1
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
echo "PostgreSQL ne répond pas : démarrage du cluster $version/main / starting it"
pg_ctlcluster --skip-systemctl-redirect "$version" main start
for _ in $(seq 1 30); do
  if pg_isready -q -h "$HOST"; then
    echo "PostgreSQL répond sur $HOST / is up"
    exit 0
  fi
  sleep 1
done
echo "PostgreSQL ne répond toujours pas sur $HOST après 30 s / still down after 30 s" >&2
exit 1
