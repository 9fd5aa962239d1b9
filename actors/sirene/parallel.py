"""The legal units file copied on a second connection while the first one copies the
establishments (PostgreSQL): the two COPYs run at once on two server processes, then the
second connection prepares the legal units (`after`) while the first one still copies.

A temporary table is seen by its own session only, so these are UNLOGGED tables named after
the import (`prefix`, see postgres.py), dropped at the end by the same second connection. Used
only when the import does not run inside a caller's transaction: there, the first connection
would hold its lock on the tables until that transaction ends, and the drop would wait for
ever.
"""

import logging
import threading

import psycopg2
from django.db import connection
from psycopg2 import DataError, sql

from actors.sirene import parsing, staging

logger = logging.getLogger(__name__)


class SideCopy:
    """COPY of `path` into a new UNLOGGED table `table`, started at once in a thread, then
    `after(cursor, staged, table, extra, unique)`, which may create the tables `extra` and
    `unique` from it; what it returns is `outcome`. The tables' names begin with `prefix`."""

    def __init__(self, path, wanted, after, prefix):
        name = f"{prefix}_unites_legales"
        self.table = sql.Identifier(name)
        self.extra, self.unique = sql.Identifier(f"{name}_clean"), sql.Identifier(f"{name}_unique")
        self.after, self.ready, self.outcome = after, False, None
        self.closing = False
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
        if self.closing:
            return
        # At once, while the first connection still copies the establishments (the smaller
        # file is copied first): its COPY is a little slower, but the legal units are ready
        # when the establishments are checked.
        try:
            with self.link.cursor() as cursor:
                self.outcome = self.after(cursor, self.result, self.table, self.extra, self.unique)
            self.ready = True
        except Exception:  # the first thread does without (canceled, or whatever failed)
            logger.debug("après la copie des unités légales", exc_info=True)

    def finished(self):
        """Wait for the copy and `after`; whether both succeeded and `after` returned True."""
        self.thread.join()
        return self.error is None and self.ready and self.outcome is True

    def staged(self):
        """The Staged file, once copied and `after` done (`ready` when it succeeded);
        NotCopyable as staging.stage raises it."""
        self.thread.join()
        if isinstance(self.error, DataError | parsing.SireneFileError):
            raise staging.NotCopyable(str(self.error)) from self.error
        if self.error is not None:
            raise self.error
        return self.result

    def close(self):
        """Stop the COPY or `after` if still running, drop the tables, close the connection."""
        self.closing = True
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
