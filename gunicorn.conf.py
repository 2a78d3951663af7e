"""gunicorn's settings file, read from the directory gunicorn starts in (`make run`, the two
servers' script): each worker warms WeasyPrint when it starts (fonts, cffi types, the Russian
hyphenation dictionary), so a fresh worker's first PDF costs what the next ones do (issue 13).
The options of the command line still apply."""


def post_worker_init(worker):
    from plans.exports import pool

    try:
        pool.warm()
    except Exception:  # a worker that cannot warm still serves (its first PDF says why)
        worker.log.exception("Could not warm WeasyPrint")
