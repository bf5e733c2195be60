#!/usr/bin/env bash
# CI: formatting, lints, and the README's test command with the PostgreSQL contract run enabled.
set -euo pipefail
cd "$(dirname "$0")/.."

export PEEL_TEST_POSTGRES_URL="${PEEL_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"

# PostgreSQL runs on this machine and in CI; start it if it is down.
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "Starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
fi
pg_isready -h 127.0.0.1 -p 5432

# The browser test drives Debian's Chromium through ChromeDriver; with CI=true it fails
# rather than skips when they are missing.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "Installing Chromium and ChromeDriver for the browser test"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

# The outbox's end-to-end tests send through a real SMTP server (Debian's aiosmtpd); with
# CI=true they fail rather than skip when it is missing.
if ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then
  echo "Installing aiosmtpd for the outbox tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd
fi

# The evidence tests scan with a real ClamAV daemon (Debian's clamav-daemon, started by the
# test on its own socket with a signature database the test writes); with CI=true they fail
# rather than skip when it is missing.
if [ ! -x /usr/sbin/clamd ]; then
  echo "Installing ClamAV for the evidence tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav-daemon
fi

# The evidence store's contract runs on S3-compatible storage against moto's server (PyPI
# moto[server], started by the test on a port of its own); with CI=true it fails rather than
# skips when moto_server is missing.
if ! command -v moto_server >/dev/null; then
  echo "Installing moto for the S3 evidence store tests"
  python3 -m pip install --quiet 'moto[server]==5.2.5'
fi

# The resumable upload test drives Peel with a tus client written by others (PyPI tuspy); with
# CI=true it fails rather than skips when tusclient is missing.
if ! python3 -c "import tusclient" 2>/dev/null; then
  echo "Installing tuspy for the resumable upload test"
  python3 -m pip install --quiet 'tuspy==1.1.0'
fi

# The Open311 test drives Peel with a GeoReport v2 client written by others (PyPI georeport),
# in JSON and XML; with CI=true it fails rather than skips when georeport is missing.
if ! python3 -c "import georeport" 2>/dev/null; then
  echo "Installing georeport for the Open311 client test"
  python3 -m pip install --quiet 'georeport==0.3.1'
fi

# The notification schema test checks the schema and the reader against each other with a JSON
# Schema validator written by others (PyPI jsonschema, with rfc3339-validator for date-times);
# with CI=true it fails rather than skips when they are missing.
if ! python3 -c "import jsonschema, rfc3339_validator" 2>/dev/null; then
  echo "Installing jsonschema for the notification schema test"
  python3 -m pip install --quiet 'jsonschema==4.26.0' 'rfc3339-validator==0.1.4'
fi

# The API's OpenAPI document is checked against the server by schemathesis (PyPI), as each kind
# of caller (.ci/fuzz_api.py).
if ! command -v schemathesis >/dev/null; then
  echo "Installing schemathesis for the API conformance run"
  python3 -m pip install --quiet 'schemathesis==4.32.5'
fi

# The accessibility test runs axe-core (from the npm registry) in that Chromium; with CI=true it
# fails rather than skips when axe-core is missing.
if [ ! -f .ci/axe/node_modules/axe-core/axe.min.js ]; then
  echo "Installing axe-core for the accessibility test"
  if ! command -v npm >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm
  fi
  npm install --no-save --no-audit --no-fund --prefix .ci/axe axe-core@4.14.1
fi

