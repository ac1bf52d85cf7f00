"""A throwaway PostgreSQL cluster for the desk's tests and benchmark.

initdb in a temporary directory, the server listening only on a Unix socket in that directory
(no TCP), stopped and removed afterwards. As root, the server runs as the postgres user (the
server refuses to run as root), so the directory is made accessible to it.

    with pg_cluster.Cluster(tmp) as cluster:
        url = cluster.new_database("desk")   # postgresql://postgres@/desk?host=...
"""
import glob
import os
import shutil
import subprocess
import urllib.parse

SKIP = 77  # meson's exit status for a skipped test


def server_bin():
    """The directory of initdb, pg_ctl and psql (the newest installed), or None. SVCR_PG_BIN
    names another directory ("none": behave as if no server were installed)."""
    chosen = os.environ.get("SVCR_PG_BIN")
    if chosen is not None:
        ok = all(os.access(os.path.join(chosen, t), os.X_OK) for t in ("initdb", "pg_ctl", "psql"))
        return chosen if chosen != "none" and ok else None
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                        key=lambda p: [int(x) if x.isdigit() else 0
                                       for x in p.split("/")[-2].split(".")])
    for directory in reversed(candidates):
        if all(os.access(os.path.join(directory, tool), os.X_OK)
               for tool in ("initdb", "pg_ctl", "postgres", "psql")):
            return directory
    for tool_dir in os.environ.get("PATH", "").split(os.pathsep):
        if all(os.access(os.path.join(tool_dir, t), os.X_OK) for t in ("initdb", "pg_ctl", "psql")):
            return tool_dir
    return None


def desk_has_postgres(desk):
    """True if this svcr-desk was built with libpq."""
    out = subprocess.run([desk, "--version"], capture_output=True, text=True).stdout
    return "libpq" in out


class Cluster:
    def __init__(self, parent, fsync=False, settings=None):
        self.bin = server_bin()
        if self.bin is None:
            raise RuntimeError("no PostgreSQL server binaries (initdb, pg_ctl)")
        self.dir = os.path.join(parent, "pg")
        self.data = os.path.join(self.dir, "data")
        self.fsync = fsync
        self.settings = settings or {}
        self.started = False
        self.user = None
        if os.geteuid() == 0:
            import pwd
            self.user = pwd.getpwnam("postgres")

    def _as_server(self, args, **kw):
        if self.user is not None:
            args = ["runuser", "-u", "postgres", "--", *args]
        return subprocess.run(args, check=True, capture_output=True, text=True, **kw)

    def __enter__(self):
        os.makedirs(self.dir)
        # The server (as postgres) must reach its directory: the test's temporary directory is
        # made traversable (not readable) by others; the directories above it already are.
        parent = os.path.dirname(self.dir)
        os.chmod(parent, os.stat(parent).st_mode | 0o711)
        if self.user is not None:
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)
        self._as_server([os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "postgres",
                         "-A", "trust", "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync"])
        # A role that must give a password, for the wrong-password test.
        with open(os.path.join(self.data, "pg_hba.conf")) as f:
            hba = f.read()
        with open(os.path.join(self.data, "pg_hba.conf"), "w") as f:
            f.write("local all password_user scram-sha-256\n" + hba)
        options = {"listen_addresses": "''", "unix_socket_directories": f"'{self.dir}'",
                   "fsync": "on" if self.fsync else "off",
                   "synchronous_commit": "on" if self.fsync else "off",
                   "full_page_writes": "on" if self.fsync else "off",
                   "max_connections": "60", "shared_buffers": "64MB"}
        options.update(self.settings)
        with open(os.path.join(self.data, "postgresql.conf"), "a") as f:
            for key, value in options.items():
                f.write(f"{key} = {value}\n")
        self._as_server([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l",
                         os.path.join(self.dir, "log"), "-w", "-t", "60", "start"])
        self.started = True
        self.psql("postgres", "CREATE ROLE password_user LOGIN PASSWORD 'right-password'")
        return self

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
        return False

    def stop(self):
        if self.started:
            try:
                self._as_server([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m",
                                 "immediate", "-w", "stop"])
            except subprocess.CalledProcessError:
                pass
            self.started = False

    def url(self, database, user="postgres", password=None):
        auth = user if password is None else f"{user}:{urllib.parse.quote(password, safe='')}"
        return f"postgresql://{auth}@/{database}?host={urllib.parse.quote(self.dir, safe='')}"

    def psql(self, database, sql, user="postgres", check=True):
        """Run @sql; returns the rows as lists of text (unaligned, tab-separated)."""
        proc = subprocess.run([os.path.join(self.bin, "psql"), "-X", "-q", "-A", "-t", "-F", "\t",
                               "-v", "ON_ERROR_STOP=1", "-h", self.dir, "-U", user, "-d",
                               database, "-c", sql], capture_output=True, text=True)
        if check and proc.returncode != 0:
            raise RuntimeError(f"psql {sql!r}: {proc.stderr}")
        return [line.split("\t") for line in proc.stdout.splitlines() if line != ""]

    def new_database(self, name):
        """A new empty database; returns its URL."""
        self.psql("postgres", f'CREATE DATABASE "{name}"')
        return self.url(name)

    @staticmethod
    def database_of(url):
        return urllib.parse.urlparse(url).path.lstrip("/")

    def count_cases(self, url):
        return int(self.psql(self.database_of(url), "SELECT count(*) FROM cases")[0][0])

    def digest(self, url):
        """Every row of every table of the database, as one text (order fixed)."""
        database = self.database_of(url)
        tables = [r[0] for r in self.psql(database, "SELECT tablename FROM pg_tables WHERE "
                                                    "schemaname = 'public' ORDER BY tablename")]
        text = []
        for table in tables:
            rows = self.psql(database, f'SELECT * FROM "{table}" t ORDER BY t::text')
            text.append(f"{table}: {rows!r}")
        return "\n".join(text)
