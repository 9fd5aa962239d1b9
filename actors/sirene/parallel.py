"""The legal units file copied on a second connection while the first one copies the
establishments (PostgreSQL): the two COPYs run at once on two server processes.

A temporary table is seen by its own session only, so this one is an UNLOGGED table with a
random name, dropped at the end by the same second connection. Used only when the import
does not run inside a caller's transaction: there, the first connection would hold its lock
on the table until that transaction ends, and the drop would wait for ever.
"""

import logging
import secrets
import threading

import psycopg2
from django.db import connection
from psycopg2 import DataError, sql

from actors.sirene import parsing, staging

logger = logging.getLogger(__name__)


class SideCopy:
    """COPY of `path` into a new UNLOGGED table `table`, started at once in a thread, then
    `after(cursor, staged, table, extra, unique)`, which may create the tables `extra` and
    `unique` from it; what it returns is `outcome`."""

    def __init__(self, path, wanted, after):
        name = f"sirene_stage_unites_legales_{secrets.token_hex(6)}"
        self.table = sql.Identifier(name)
        self.extra, self.unique = sql.Identifier(f"{name}_clean"), sql.Identifier(f"{name}_unique")
        self.after, self.ready, self.outcome = after, False, None
        # `after` waits for start_after(), once the first connection's COPY is done: run
        # during it, it would slow that COPY down.
        self.go, self.closing = threading.Event(), False
        self.result = self.error = None
        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        self.link = psycopg2.connect(**params)
        self.link.autocommit = True
        self.thread = threading.Thread(target=self.run, args=(path, wanted), daemon=True)
        self.thread.start()

    def run(self, path, wanted):
        try:
            with self.link.cursor() as cursor:
                self.result = staging.stage(cursor, path, self.table, wanted, ignore, True)
        except Exception as error:  # given to the first thread by staged()
            self.error = error
            return
        self.go.wait()
        if self.closing:
            return
        try:
            with self.link.cursor() as cursor:
                self.outcome = self.after(cursor, self.result, self.table, self.extra, self.unique)
            self.ready = True
        except Exception:  # the first thread does without (canceled, or whatever failed)
            logger.debug("après la copie des unités légales", exc_info=True)

    def start_after(self):
        self.go.set()

    def staged(self):
        """The Staged file, once copied and `after` done (`ready` when it succeeded);
        NotCopyable as staging.stage raises it."""
        self.go.set()
        self.thread.join()
        if isinstance(self.error, DataError | parsing.SireneFileError):
            raise staging.NotCopyable(str(self.error)) from self.error
        if self.error is not None:
            raise self.error
        return self.result

    def close(self):
        """Stop the COPY if it still runs, drop the table, close the connection."""
        self.closing = True
        self.go.set()
        if self.thread.is_alive():
            self.link.cancel()
        self.thread.join()
        try:
            with self.link.cursor() as cursor:
                tables = sql.SQL(", ").join([self.table, self.extra, self.unique])
                cursor.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(tables))
        finally:
            self.link.close()


def ignore(_done):
    """No progress from the second thread: the first one reports for both."""
