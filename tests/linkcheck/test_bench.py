"""The link benchmark's reference rows: each floor script must check as the others do, within the
same limits, or its time would compare unlike with like."""

from __future__ import annotations

import pytest

from scripts.linkcheck import bench
from scripts.linkcheck.loopback import ok, redirect, status


@pytest.mark.parametrize("name", sorted(bench.FLOORS))
def test_floor_script_verdicts_and_limits(name, fresh_server, tmp_path):
    hosts = ["127.0.0.1", "127.0.0.2"]
    server = fresh_server({"/ok": ok("<p>ok</p>"), "/moved": redirect(301, "/ok"),
                           "/missing": status(404, "gone"), "/gone": status(410, "gone")},
                          hosts=hosts, delay=0.02)
    paths = [f"/ok?{n}" for n in range(8)] + ["/moved", "/missing", "/gone"]   # more than 4 per host
    urls = [server.url(path, host) for host in hosts for path in paths]
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text("\n".join(urls) + "\n")

    _, verdicts = bench.run_floor(name, urls_file, tmp_path)

    assert verdicts == {url: "dead" if url.endswith(("/missing", "/gone")) else "ok" for url in urls}
    stats = server.stats.as_dict()
    assert stats["requests"] == len(urls) + len(hosts)             # one HEAD each, one more after each 301
    assert max(stats["max_in_progress"].values()) <= bench.HOST_LIMIT
