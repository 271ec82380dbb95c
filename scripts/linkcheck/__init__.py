"""The online source checker (`python -m scripts check-online`), one job per module:

  client    HTTP: limits per run and per host, timeouts, retries, Retry-After, HEAD/GET, redirects
  content   bodies as text (HTML in any encoding, PDF) and the excerpts looked for in them
  targets   what to check: source URLs, archive URLs and page links, each once with its uses
  check     one check per target, judged; history, cache and archive look-ups applied
  state     the result cache (.cache/) and the link-state history (data/link-state.json)
  archive   the Wayback Machine's closest snapshot
  report    findings, summary table, JSON and Markdown reports
  fix       --fix: archive-url written into a source file, atomically
  progress  the progress bar
  cli       the command's options and exit codes
  loopback  an HTTP server on 127.0.0.x for the tests and the benchmark
  bench     the benchmark against lychee and LinkChecker
"""
