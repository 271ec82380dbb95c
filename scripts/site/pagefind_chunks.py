"""Pagefind's word index re-cut into small chunks, so that a query fetches a few KiB of it, not 70.

Pagefind cuts each language's word index into chunks of about 20,000 word locations (a constant in
Pagefind 1.5: pagefind/src/index/mod.rs, `chunk_index(word_map, 20000)`), 30 to 40 KiB compressed
each, and a query fetches the chunk that holds each of its words: two words, two chunks, about 70
KiB, more than Material's whole index. `rechunk` re-cuts each language's index after Pagefind has
written it into chunks of about `TARGET` locations, cut only between words whose first characters
differ. That keeps what a query finds unchanged: the browser looks each query word up in the one
chunk whose range holds it (pagefind_web/src/lib.rs, `try_request_indexes`) and matches it to the
start of the words there, so every word that starts with a query word must be in that chunk; all of
them share its first character. Typing a word letter by letter fetches no other chunk either.

Read in Pagefind's sources (of 2025) and checked with the version the site pins by the tests
(tests/search/test_pagefind_chunks.py, tests/browser/test_search.py) and `make bench-search`, which
ranks every query as before. The format (pagefind_web/src/index.rs and metadata.rs): each file is gzip of "pagefind_dcd" and one
CBOR value. A chunk is [[word, ...]], a word [text, [[page, [location, ...], ...], ...], ...]; the language's
metadata is [version, pages, [[from, to, chunk hash], ...], filters, sorts, ...]. Words are copied
byte for byte; only the chunk arrays, the chunk list of the metadata and the file names (hashes of
the content, as Pagefind names them, for caching) are written anew. The format is Pagefind's own, not
a public interface: `KNOWN_VERSIONS` lists the versions it was checked against, and any other version
stops the build.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KNOWN_VERSIONS = ("1.5.2",)
ENTRY = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"
# Word locations a chunk holds at most, unless one first character's words hold more (Pagefind:
# about 20,000). Index KiB compressed of a query, mean over the query set from an empty cache (en /
# zh; `make bench-search` with --every-query): 500, 26.8 / 30.9 (206 files); 1,500, 27.0 / 32.6 (87
# files); Pagefind's own cut, 79.5 / 78.4 (9 files). Below 500 the chunks are mostly one first
# character's already.
TARGET = 500
_LAST = "\U0010ffff"  # sorts after every character: a range "c" to "c\U0010ffff" holds every word starting with c


class FormatError(RuntimeError):
    pass


@dataclass(frozen=True)
class Word:
    text: str
    item: bytes      # the word's CBOR item, as Pagefind wrote it
    locations: int   # Pagefind's measure of its size: each page's locations, plus one a page


def rechunk(bundle: Path, target: int = TARGET) -> None:
    """Re-cut the word index of every language in Pagefind's output folder `bundle`, in place."""
    files = {path.relative_to(bundle).as_posix(): path.read_bytes() for path in bundle.rglob("*") if path.is_file()}
    cut = rechunk_files(files, target, where=str(bundle))
    for name in files.keys() - cut.keys():
        (bundle / name).unlink()
    for name, content in cut.items():
        if files.get(name) != content:
            (bundle / name).write_bytes(content)


def rechunk_files(files: dict[str, bytes], target: int = TARGET, where: str = "the search bundle") -> dict[str, bytes]:
    """`rechunk` of a bundle held as {path inside it: content}: the bundle with every language's word
    index re-cut, its metadata and pagefind-entry.json rewritten to match."""
    entry = json.loads(files[ENTRY])
    if entry.get("version") not in KNOWN_VERSIONS:
        raise FormatError(f"{where}/{ENTRY}: Pagefind {entry.get('version')}, whose index format "
                          f"scripts/site/pagefind_chunks.py has not been checked against (it knows "
                          f"{', '.join(KNOWN_VERSIONS)}): compare pagefind_web/src/index.rs and metadata.rs "
                          f"of that version, then add it to KNOWN_VERSIONS")
    files = dict(files)
    for language, info in entry["languages"].items():
        info["hash"] = _rechunk_language(files, language, info["hash"], target, where)
    files[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files


def _rechunk_language(files: dict[str, bytes], language: str, meta_hash: str, target: int, where: str) -> str:
    """Re-cut one language's chunks in `files`; the hash of its new metadata file."""
    meta_name = f"pagefind.{meta_hash}.pf_meta"
    meta_path = Path(where, meta_name)
    meta = _unpack_bytes(files[meta_name], meta_path)
    fields = _array_items(meta, 0, meta_path)
    old_chunks = [_text(meta, _array_items(meta, start, meta_path)[2][0], meta_path)
                  for start, _ in _array_items(meta, fields[2][0], meta_path)]
    words: list[Word] = []
    for chunk_hash in old_chunks:
        name = f"index/{chunk_hash}.pf_index"
        words += _words_of(_unpack_bytes(files.pop(name), Path(where, name)), Path(where, name))
    if [w.text.encode() for w in words] != sorted(w.text.encode() for w in words):
        raise FormatError(f"{meta_path}: the words of its chunks are not in order")
    chunk_list = []
    for group in _chunks(words, target):
        body = _head(4, 1) + _head(4, len(group)) + b"".join(w.item for w in group)
        chunk_hash = _add(files, "index/", language, body, ".pf_index", 7)
        chunk_list.append(_head(4, 3) + _encode_text(group[0].text[:1]) + _encode_text(group[-1].text[:1] + _LAST)
                          + _encode_text(chunk_hash))
    new_meta = meta[:fields[2][0]] + _head(4, len(chunk_list)) + b"".join(chunk_list) + meta[fields[2][1]:]
    del files[meta_name]
    return _add(files, "pagefind.", language, new_meta, ".pf_meta", 10)


def _chunks(words: list[Word], target: int) -> list[list[Word]]:
    """Consecutive words in chunks of at most `target` locations, or of one first character if its
    words alone hold more: the words of one first character are never cut apart."""
    groups: list[list[Word]] = []
    for word in words:
        if groups and word.text[:1] == groups[-1][-1].text[:1]:
            groups[-1].append(word)
        else:
            groups.append([word])
    chunks: list[list[Word]] = []
    size = 0
    for group in groups:
        group_size = sum(word.locations for word in group)
        if not chunks or size + group_size > target:
            chunks.append([])
            size = 0
        chunks[-1] += group
        size += group_size
    return chunks


def _words(path: Path) -> list[Word]:
    return _words_of(_unpack(path), path)


def _words_of(data: bytes, path: Path) -> list[Word]:
    """The words of one chunk, in one pass over it (a word is [text, [[page, [location, ...],
    ...], ...], ...]; its pages' entries may have more items after their locations)."""
    outer, at = _array_head(data, 0, path)
    if outer != 1:
        raise FormatError(f"{path}: expected a chunk of one array of words, found {outer} items")
    count, at = _array_head(data, at, path)
    words = []
    for _ in range(count):
        word_start = at
        fields, at = _array_head(data, at, path)
        text_at = at
        pages, at = _array_head(data, _skip(data, at, path), path)
        locations = 0
        for _ in range(pages):
            page_fields, at = _array_head(data, at, path)
            at = _skip(data, at, path)                     # the page's number
            locations += _array_len(data, at, path) + 1
            for _ in range(page_fields - 1):               # its locations, then anything after them
                at = _skip(data, at, path)
        for _ in range(fields - 2):
            at = _skip(data, at, path)
        words.append(Word(_text(data, text_at, path), data[word_start:at], locations))
    return words


# CBOR, the part of it that Pagefind's index uses: definite-length arrays, text, integers.

def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + value.to_bytes(size, "big")
    raise ValueError(value)


def _encode_text(text: str) -> bytes:
    data = text.encode("utf-8")
    return _head(3, len(data)) + data


def _read_head(data: bytes, at: int, path: Path) -> tuple[int, int, int]:
    """(major type, value or length, position after the head) of the item at `at`."""
    major, extra = data[at] >> 5, data[at] & 31
    if extra < 24:
        return major, extra, at + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(extra)
    if size is None:
        raise FormatError(f"{path}: unexpected CBOR item at byte {at} (indefinite length or reserved)")
    return major, int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


# One CBOR integer, unsigned (major type 0) or negative (1: Pagefind's weight marks among locations).
_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39]..|[\x1a\x3a]....|[\x1b\x3b]........)"


@lru_cache(maxsize=None)
def _integers(count: int) -> re.Pattern:
    """A pattern for `count` integers in a row."""
    return re.compile(_INT + b"{%d}" % count, re.DOTALL)


def _skip(data: bytes, at: int, path: Path) -> int:
    """The position after the item at `at`. An array of integers (a word's locations, most of the
    index) is skipped by one pattern, not item by item in Python: the re-cut ran five times faster."""
    major, value, after = _read_head(data, at, path)
    if major in (0, 1, 7):
        return after
    if major in (2, 3):
        return after + value
    if major == 4:
        integers = _integers(value).match(data, after)
        if integers:
            return integers.end()
        for _ in range(value):
            after = _skip(data, after, path)
        return after
    raise FormatError(f"{path}: unexpected CBOR major type {major} at byte {at}")


def _array_head(data: bytes, at: int, path: Path) -> tuple[int, int]:
    """(item count, position of the first item) of the array at `at`."""
    major, count, after = _read_head(data, at, path)
    if major != 4:
        raise FormatError(f"{path}: expected a CBOR array at byte {at}, found major type {major}")
    return count, after


def _array_items(data: bytes, at: int, path: Path) -> list[tuple[int, int]]:
    """(start, end) of each item of the array at `at`."""
    major, count, after = _read_head(data, at, path)
    if major != 4:
        raise FormatError(f"{path}: expected a CBOR array at byte {at}, found major type {major}")
    items = []
    for _ in range(count):
        end = _skip(data, after, path)
        items.append((after, end))
        after = end
    return items


def _array_len(data: bytes, at: int, path: Path) -> int:
    return _array_head(data, at, path)[0]


def _text(data: bytes, at: int, path: Path) -> str:
    major, length, after = _read_head(data, at, path)
    if major != 3:
        raise FormatError(f"{path}: expected CBOR text at byte {at}, found major type {major}")
    return data[after:after + length].decode("utf-8")


def _unpack(path: Path) -> bytes:
    return _unpack_bytes(path.read_bytes(), path)


def _unpack_bytes(raw: bytes, path: Path) -> bytes:
    data = gzip.decompress(raw)
    if not data.startswith(SIGNATURE):
        raise FormatError(f"{path}: not a Pagefind index file (no {SIGNATURE.decode()} signature)")
    return data[len(SIGNATURE):]


def _add(files: dict[str, bytes], prefix: str, language: str, body: bytes, suffix: str, digits: int) -> str:
    """Add `body` to `files` as Pagefind writes a file, named by a hash of it; the hash ("en_1a2b3c4")."""
    name = f"{language}_{hashlib.sha256(body).hexdigest()[:digits]}"
    files[f"{prefix}{name}{suffix}"] = gzip.compress(SIGNATURE + body, compresslevel=9, mtime=0)
    return name
