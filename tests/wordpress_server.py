"""A real WordPress for the tests: Debian's wordpress, mariadb-server and
php packages (.ci/run installs them where apt is available), started on
127.0.0.1 in a temporary folder: a private MariaDB on a socket, a copy of
the WordPress tree with its own wp-config.php, PHP's built-in web server,
and an administrator with an application password."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

WORDPRESS = Path("/usr/share/wordpress")


def missing() -> str | None:
    """Why a real WordPress cannot run here, or None."""
    if not (WORDPRESS / "wp-settings.php").is_file():
        return "Debian's wordpress package is not installed (.ci/run installs it where apt is available)"
    for tool in ("php", "mariadb", "mariadb-install-db"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (packages mariadb-server and php-cli, php-mysql)"
    if shutil.which("mariadbd") is None and not Path("/usr/sbin/mariadbd").exists():
        return "mariadbd is not installed (package mariadb-server)"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(check, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {seconds:.0f} s")


CONFIG = """<?php
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp');
define('DB_HOST', 'localhost:{socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
foreach (array('AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT',
               'LOGGED_IN_SALT', 'NONCE_SALT') as $key) {{ define($key, 'healthlint-test-' . $key); }}
define('WP_ENVIRONMENT_TYPE', 'local');  // application passwords over plain http
define('WP_HOME', '{url}');
define('WP_SITEURL', '{url}');
define('WP_CONTENT_DIR', '{root}/wp-content');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
$table_prefix = 'wp_';
if (!defined('ABSPATH')) {{ define('ABSPATH', __DIR__ . '/'); }}
require_once ABSPATH . 'wp-settings.php';
"""

INSTALL = """<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '127.0.0.1:{port}';
$_SERVER['REQUEST_URI'] = '/';
require '{root}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('Gezond Testsite', 'editor', 'editor@example.invalid', false, '', 'Editor-pass-2026');
$user = get_user_by('login', 'editor');
$made = WP_Application_Passwords::create_new_application_password($user->ID, array('name' => 'healthlint'));
if (is_wp_error($made)) {{ fwrite(STDERR, $made->get_error_message()); exit(1); }}
echo $made[0];
"""


class WordPressServer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.processes: list[subprocess.Popen] = []
        self.app_password = ""

    def start(self) -> WordPressServer:
        db, root = self.folder / "db", self.folder / "wordpress"
        sock = self.folder / "mysql.sock"
        logs = open(self.folder / "server.log", "ab")
        subprocess.run(["mariadb-install-db", "--no-defaults", f"--datadir={db}", "--user=" + _user(),
                        "--auth-root-authentication-method=normal", "--skip-test-db"],
                       check=True, stdout=logs, stderr=logs, timeout=180)
        mariadbd = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
        self.processes.append(subprocess.Popen(
            [mariadbd, "--no-defaults", f"--datadir={db}", f"--socket={sock}", "--skip-networking",
             f"--pid-file={self.folder / 'mysql.pid'}", "--user=" + _user()], stdout=logs, stderr=logs))
        client = ["mariadb", "--no-defaults", f"--socket={sock}", "-uroot"]
        _wait(lambda: subprocess.run([*client, "-e", "SELECT 1"], capture_output=True).returncode == 0, "MariaDB")
        subprocess.run([*client, "-e", "CREATE DATABASE wp; CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp'; "
                        "GRANT ALL ON wp.* TO 'wp'@'localhost';"], check=True, stdout=logs, stderr=logs)
        shutil.copytree(WORDPRESS, root, symlinks=True)
        content = root / "wp-content"
        if content.is_symlink():  # Debian points it at /var/lib/wordpress; keep the test's own
            content.unlink()
            shutil.copytree(WORDPRESS / "wp-content", content, symlinks=True)
        (root / "wp-config.php").unlink(missing_ok=True)
        (root / "wp-config.php").write_text(CONFIG.format(socket=sock, url=self.url, root=root))
        installer = self.folder / "install.php"
        installer.write_text(INSTALL.format(port=self.port, root=root))
        done = subprocess.run(["php", str(installer)], capture_output=True, text=True, timeout=180)
        if done.returncode != 0 or not done.stdout.strip():
            raise RuntimeError(f"WordPress install failed: {done.stderr.strip() or done.stdout.strip()}")
        self.app_password = done.stdout.strip().splitlines()[-1]
        self.processes.append(subprocess.Popen(["php", "-S", f"127.0.0.1:{self.port}", "-t", str(root)],
                                               stdout=logs, stderr=logs, cwd=root))
        _wait(self._answers, "PHP's web server")
        return self

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _user() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name
