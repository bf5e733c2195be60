#!/usr/bin/env python3
"""Runs schemathesis (PyPI) against a Peel server this script starts, with every check (as
.ci/schemathesis.toml sets them), once for
each kind of caller: the public, an organisation's API key, and a signed-in member of staff.
Exits non-zero on any failure. Used by .ci/run; needs peel built (in $CARGO_TARGET_DIR/debug, or
target/debug).
The run's settings, and each check switched off for an operation with its reason, are in
.ci/schemathesis.toml.

    python3 .ci/fuzz_api.py [--max-examples N]
"""
import base64, hashlib, hmac, os, re, shutil, socket, struct, subprocess, sys, tempfile, time
import urllib.parse, urllib.request, http.cookiejar

PEEL = os.path.join(
    os.environ.get("CARGO_TARGET_DIR", os.path.join(os.path.dirname(__file__), "..", "target")),
    "debug",
    "peel",
)
PASSWORD = "a long unusual passphrase"
SHARED = os.environ.get("PEEL_SHARED_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))


def peel(*args, stdin=""):
    out = subprocess.run([PEEL, *args], input=stdin, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"peel {' '.join(args)} failed: {out.stderr}")
    return out.stdout


def totp(secret):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    at = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[at:at + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def sign_in(base, username):
    """A full session for a staff account: the password, then setting up its one-time codes."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    def form(path, fields):
        page = opener.open(base + path).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        data = {"csrf_token": token, **fields(page)}
        return opener.open(base + path, urllib.parse.urlencode(data).encode())
    form("/login", lambda _: {"username": username, "password": PASSWORD})
    form("/login/setup-code", lambda page: {
        "secret": re.search(r'name="secret" value="([^"]+)"', page).group(1),
        "code": totp(re.search(r'name="secret" value="([^"]+)"', page).group(1)),
    })
    session = [c for c in jar if c.name.endswith("peel_session")]
    assert session, "no session cookie after signing in"
    return session[0].name, session[0].value


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    examples = "25"
    if "--max-examples" in sys.argv:
        examples = sys.argv[sys.argv.index("--max-examples") + 1]
    data = tempfile.mkdtemp(prefix="peel-schemathesis-")
    server = None
    try:
        geography = os.path.join(SHARED, "geography")
        if os.path.isdir(geography):
            peel("geo", "import", "--data-dir", data, geography)
        peel("user", "add", "--data-dir", data, "--role", "auditor,contact_handler,supervisor,analyst,vetting_officer", "staff1",
             stdin=f"{PASSWORD}\n{PASSWORD}\n")
        peel("org", "add", "--data-dir", data, "fuzzorg", "--rate-per-minute", "1000000")
        key = re.search(r"peel_[0-9a-f]+_[0-9a-f]+", peel("key", "add", "--data-dir", data, "--organisation", "fuzzorg", "schemathesis")).group(0)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PEEL_REPORTS_PER_ADDRESS_PER_MINUTE": "1000000", "PEEL_REPORTS_PER_MINUTE": "1000000"}
        log = open(os.path.join(data, "serve.log"), "w")
        server = subprocess.Popen([PEEL, "serve", "--data-dir", data, "--listen", f"127.0.0.1:{port}"], stdout=log, stderr=log, env=env)
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        _, cookie = sign_in(base, "staff1")
        callers = [
            ("the public", ""),
            ("an organisation's API key", f'[auth.openapi.api_key]\nbearer = "{key}"\n'),
            ("a member of staff", f'[auth.openapi.session]\napi_key = "{cookie}"\n'),
        ]
        hooks = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemathesis_hooks.py")
        settings = open(os.path.join(os.path.dirname(hooks), "schemathesis.toml")).read()
        failed = []
        for who, auth in callers:
            print(f"== schemathesis as {who}", flush=True)
            config = os.path.join(data, "schemathesis.toml")
            # The caller's credentials first: TOML puts what follows a table header into it.
            with open(config, "w") as f:
                f.write(settings.replace("\n# CALLER\n", "\n" + auth + "\n"))
            run = subprocess.run(
                ["schemathesis", "--config-file", config, "run", f"{base}/api/openapi.json",
                 "--seed", "7", "--workers", "1", "--max-examples", examples,
                 "--continue-on-failure", "--no-color", "--suppress-health-check", "all"],
                env={**os.environ, "SCHEMATHESIS_HOOKS": "schemathesis_hooks", "PYTHONPATH": os.path.dirname(hooks)},
            )
            if run.returncode != 0:
                failed.append(who)
        if failed:
            sys.exit(f"schemathesis found failures as: {', '.join(failed)}")
        print("schemathesis: no failures for any caller")
    finally:
        if server:
            server.terminate()
            server.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
