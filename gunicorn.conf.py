"""gunicorn's settings file, read from the directory gunicorn starts in (`make run`, the two
servers' script): each worker warms WeasyPrint when it starts (fonts, cffi types, the Russian
hyphenation dictionary), so a fresh worker's first PDF costs what the next ones do (issue 13).
A worker keeps its database connection between requests (CONN_MAX_AGE, unless the environment
sets it): opening one cost about 1.5 ms of a 10 ms page on SQLite. The options of the command
line still apply."""

import os

os.environ.setdefault("CONN_MAX_AGE", "60")


def post_worker_init(worker):
    from plans.exports import pool

    try:
        pool.warm()
    except Exception:  # a worker that cannot warm still serves (its first PDF says why)
        worker.log.exception("Could not warm WeasyPrint")
