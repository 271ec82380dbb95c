"""Which Chinese pages are missing, stale or current, relative to their English pages.

A Chinese page records the English revision it translates in its front matter:

    ---
    translated-from: 3f2a9c1d0b7e     # first 12 hex digits of the SHA-256 of the English file
    ---

`python -m scripts translations` lists every page's status; `--diff` shows what changed in the English
page since the recorded revision (found in the git history by its hash); `--mark FILE` records the
current English revision in a Chinese page (after updating the translation), atomically.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scripts import atomic
from scripts.citations.pages import load_pages
from scripts.findings import WARNING, Finding, relpath
from scripts.translation.languages import CHINESE, DEFAULT

MISSING, UNTRACKED, STALE, CURRENT = "missing", "untracked", "stale", "current"
_FRONT = re.compile(r"\A---\s*\n(.*?\n)?---\s*\n", re.DOTALL)
_HASH_LINE = re.compile(r"^translated-from:\s*['\"]?([0-9a-f]{6,64})['\"]?\s*$", re.MULTILINE)
HASH_LENGTH = 12


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class Status:
    rel: str            # path inside the language folders, e.g. "regions/africa.md"
    state: str          # missing | untracked | stale | current
    recorded: str = ""  # the hash in the Chinese page
    current: str = ""   # the hash of the English page now


def recorded_hash(text: str) -> str:
    front = _FRONT.match(text)
    match = _HASH_LINE.search(front.group(1) or "") if front else None
    return match.group(1) if match else ""


def statuses(docs_dir: Path, locale: str = CHINESE.locale) -> list[Status]:
    """The translation status of every English page, in path order. The pages come from load_pages,
    which reads them once for all the build's hooks (each language's build asks)."""
    pages = load_pages(docs_dir, [DEFAULT.locale, locale])
    out = []
    for rel, english in pages[DEFAULT.locale].items():
        now = content_hash(english.text)
        translated = pages[locale].get(rel)
        if translated is None:
            out.append(Status(rel, MISSING, current=now))
            continue
        recorded = recorded_hash(translated.text)
        state = UNTRACKED if not recorded else CURRENT if now.startswith(recorded) else STALE
        out.append(Status(rel, state, recorded, now))
    return out


def check(settings) -> list[Finding]:
    """Missing, untracked and stale translations, as warnings (readers see a notice on the page)."""
    messages = {
        MISSING: "no Chinese translation yet; readers get the English page with a notice",
        UNTRACKED: "does not record which English revision it translates; run "
                   "`python -m scripts translations --mark {file}` once it is up to date",
        STALE: "the English page changed since this translation; see `python -m scripts translations "
               "--diff`, update the translation, then run `python -m scripts translations --mark {file}`",
    }
    out = []
    for status in statuses(settings.docs_dir):
        if status.state == CURRENT:
            continue
        folder = DEFAULT.locale if status.state == MISSING else CHINESE.locale
        path = settings.docs_dir / folder / status.rel
        file = relpath(path, settings.root)
        out.append(Finding(file, 1, 1, f"translation-{status.state}", messages[status.state].format(file=file), WARNING))
    return out


def english_at(docs_dir: Path, rel: str, wanted: str) -> str | None:
    """The text of the English page at the revision whose hash is `wanted`, from git history."""
    path = (docs_dir / DEFAULT.locale / rel).resolve()
    try:
        root = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=path.parent, capture_output=True,
                                   text=True, check=True).stdout.strip())
        revisions = subprocess.run(["git", "log", "--format=%H", "--", str(path)], cwd=root, capture_output=True,
                                   text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    name = path.relative_to(root).as_posix()
    for revision in revisions:
        shown = subprocess.run(["git", "show", f"{revision}:{name}"], cwd=root, capture_output=True, text=True)
        if shown.returncode == 0 and content_hash(shown.stdout).startswith(wanted):
            return shown.stdout
    return None


def english_diff(docs_dir: Path, status: Status) -> str:
    old = english_at(docs_dir, status.rel, status.recorded)
    if old is None:
        return f"(the English revision {status.recorded} is not in this checkout's git history)\n"
    new = (docs_dir / DEFAULT.locale / status.rel).read_text(encoding="utf-8")
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        f"en/{status.rel}@{status.recorded}", f"en/{status.rel}@{status.current}"))


def mark(docs_dir: Path, translated: Path) -> str:
    """Record the current English revision in a translated page; return the change as a diff."""
    rel = translated.resolve().relative_to((docs_dir / CHINESE.locale).resolve()).as_posix()
    english = docs_dir / DEFAULT.locale / rel
    if not english.exists():
        raise ValueError(f"{translated}: there is no English page docs/{DEFAULT.locale}/{rel}")
    old = translated.read_text(encoding="utf-8")
    line = f"translated-from: {content_hash(english.read_text(encoding='utf-8'))}"
    front = _FRONT.match(old)
    if not front:
        new = f"---\n{line}\n---\n\n{old}"
    elif _HASH_LINE.search(front.group(1) or ""):
        new = old[: front.start(1)] + _HASH_LINE.sub(line, front.group(1), count=1) + old[front.end(1):]
    else:
        after_opening = old.index("\n") + 1  # front matter starts on the first line
        new = old[:after_opening] + line + "\n" + old[after_opening:]
    if new != old:
        atomic.write_text(translated, new)
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        str(translated), str(translated)))


# What readers see ---------------------------------------------------------------------------------

def english_url_from(rel: str) -> str:
    """Relative URL from the Chinese page `rel` to its English twin (directory URLs)."""
    from scripts.citations.urls import page_dir

    directory = page_dir(rel)
    depth = directory.count("/") + 1 if directory else 0
    return "../" * (depth + 1) + (directory + "/" if directory else "")


# The stale notice links to the English page's URL in raw HTML: as a Markdown link MkDocs would
# check it among the Chinese build's files, not find it, and fail the strict build with a warning.
NOTICES = {
    STALE: '!!! warning "译文可能已过时"\n\n    本页英文版在翻译完成后有所修改，中文内容可能尚未反映最新变化。请参阅<a href="{url}">英文版</a>。\n\n',
    "fallback": '!!! note "本页尚未译成中文"\n\n    以下为英文原文。中文译本完成后将替换本页。\n\n',
}


def notice_for(by_rel: dict[str, Status], src_uri: str, locale: str) -> str:
    """The notice to put at the top of a Chinese page: untranslated (English fallback) or stale.

    `by_rel` is {rel: Status} from `statuses()`, computed once per build."""
    if locale != CHINESE.locale:
        return ""
    lang, _, rel = src_uri.partition("/")
    if lang == DEFAULT.locale:
        return NOTICES["fallback"]
    status = by_rel.get(rel)
    if status and status.state == STALE:
        return NOTICES[STALE].format(url=english_url_from(rel))
    return ""


def add_notice(markdown: str, notice: str) -> str:
    """Put the notice right after the page's title (or at the top when it has none)."""
    if not notice:
        return markdown
    match = re.search(r"^# .*\n", markdown, re.MULTILINE)
    at = match.end() if match else 0
    return markdown[:at] + "\n" + notice + markdown[at:]


STATUS_MARKER = "<!-- translation-status -->"
STATE_LABELS = {
    "en": {MISSING: "Not translated", UNTRACKED: "Translated (revision not recorded)", STALE: "Out of date",
           CURRENT: "Up to date", "head": ("Page", "Chinese translation")},
    "zh": {MISSING: "尚未翻译", UNTRACKED: "已翻译（未记录所依据的英文版本）", STALE: "译文已过时",
           CURRENT: "最新", "head": ("页面", "中文译本")},
}


def status_table(all_statuses: list[Status], locale: str, titles: dict[str, str], here: str) -> str:
    """A Markdown table of every page's translation status, linking each page from `here`."""
    import posixpath

    labels = STATE_LABELS[locale]
    rows = [f"| {labels['head'][0]} | {labels['head'][1]} |", "|---|---|"]
    for status in all_statuses:
        link = posixpath.relpath(status.rel, posixpath.dirname(here) or ".")
        rows.append(f"| [{titles.get(status.rel, status.rel)}]({link}) | {labels[status.state]} |")
    return "\n".join(rows) + "\n"
