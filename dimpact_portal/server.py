"""The production web server: `python -m dimpact_portal.server` (granian's WSGI server in front of
`dimpact_portal.wsgi`). The tests that run the portal as in production (the browser journeys,
the fault test, the production shape, the API fuzzing) start it with this command
(`tests/processes.web_server`); `bench/voting.py` uses the same line, `command()`.

Why granian and not gunicorn's sync workers (profiled during a burst of ballots, py-spy on the
workers; figures in docs/performance.md): a sync worker parses HTTP in Python, serves one
connection at a time without keep-alive, and after each answer waits, up to two seconds, for
the client to close the connection (gunicorn's graceful close: a tenth of the worker's samples
during a burst, time in which it serves nobody). Granian parses and holds the connections in
Rust, keeps them alive (the status poll of every open voter's page reuses its connection) and
hands the application only the request; the Django application is the same.

Options, each also from the environment: --host (WEB_HOST, 127.0.0.1), --port (WEB_PORT, 8000),
--workers (WEB_WORKERS, the number of cores), --threads (WEB_THREADS, 1: the threads per worker
that run the application; with 1 a worker runs one request at a time, as a sync worker did, and
the work is CPU-bound, so more workers rather than more threads). Anything after `--` goes to
granian as it is (`--access-log`, say).
"""

from __future__ import annotations

import argparse
import os
import sys


def command(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 2,
    threads: int = 1,
    application: str = "dimpact_portal.wsgi:application",
) -> list[str]:
    """The server's command line, run with this Python."""
    return [
        sys.executable, "-m", "granian", "--interface", "wsgi", application,
        "--host", host, "--port", str(port),
        "--workers", str(workers), "--blocking-threads", str(threads),
        # One Rust thread per worker for the connections: the workers are the parallelism.
        "--runtime-mode", "st",
        "--backlog", "4096",
        "--respawn-failed-workers",
        "--log-level", "warning",
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    own = argv[: argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("WEB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8000")))
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("WEB_WORKERS", os.cpu_count() or 2))
    )
    parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "1")))
    args = parser.parse_args(own)
    line = command(host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    os.execv(sys.executable, line + extra)  # noqa: S606  # nosec B606 (this Python, our arguments)


if __name__ == "__main__":
    main()
