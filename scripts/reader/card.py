"""Share cards: one PNG per language (1200 x 630, the size Open Graph and Twitter cards use), drawn
offline with Pillow when the site is built.

Chinese text needs a CJK font. We use Noto Sans CJK from Debian's `fonts-noto-cjk` (installed by
`make`, see .ci/ensure-fonts); SHARE_CARD_FONT and SHARE_CARD_FONT_BOLD may name other font files
(.ttf, .otf or .ttc with Simplified Chinese glyphs).

The cards for the site's public address are committed in data/share-cards/ (`<locale>.png`, with
the texts they show in `cards.json`), so that a contributor on a machine with no CJK font (macOS,
Windows) can build and serve the site: a build whose texts match the committed ones copies the
committed card and needs no font. Other texts (a build for a preview's or a test's address, or a
new site description) are drawn when a CJK font is there, else the committed card is used with a
one-line notice. `python -m scripts share-cards` redraws the committed cards (a CJK font needed);
a test fails when they no longer match mkdocs.yml.

A card drawn once is kept in .cache/share-cards/ under a hash of everything it is drawn from (its
texts, the font files, this module and Pillow's version), as Material's social plugin keeps its
cards: drawing took 0.05 s a language on every build and every `mkdocs serve` rebuild.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from scripts import atomic

SIZE = (1200, 630)
MARGIN = 80
RED, INK, GREY, PAPER = (198, 40, 40), (33, 33, 33), (97, 97, 97), (255, 255, 255)
DEBIAN_FONTS = {
    "regular": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "bold": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
}
TTC_INDEX_SC = 2  # in Noto Sans CJK collections: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
FILE = "assets/images/share-card.png"  # under each language's root ("" or "zh/")
COMMITTED_DIR = Path("data/share-cards")   # in the repository: <locale>.png and cards.json


class FontMissing(RuntimeError):
    pass


def find_font(weight: str) -> tuple[Path, int]:
    """(font file, face index) for "regular" or "bold" with Simplified Chinese glyphs."""
    name = "SHARE_CARD_FONT_BOLD" if weight == "bold" else "SHARE_CARD_FONT"
    env = os.environ.get(name)
    if env:
        if not Path(env).is_file():
            raise FontMissing(f"{name}={env}: no such font file; name a CJK font file (.ttf, .otf, .ttc)")
        return Path(env), TTC_INDEX_SC if env.endswith(".ttc") else 0
    if DEBIAN_FONTS[weight].exists():
        return DEBIAN_FONTS[weight], TTC_INDEX_SC
    if shutil.which("fc-match"):
        style = "Bold" if weight == "bold" else "Regular"
        out = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", f":lang=zh-cn:style={style}"],
                             capture_output=True, text=True, check=False).stdout.split("\n")
        if out and out[0] and Path(out[0]).exists() and _has_hanzi(Path(out[0]), int(out[1] or 0)):
            return Path(out[0]), int(out[1] or 0)
    raise FontMissing("no font with Chinese glyphs for the share cards: install Debian's fonts-noto-cjk "
                      "(`make fonts`) or set SHARE_CARD_FONT to a CJK font file")


def _has_hanzi(path: Path, index: int) -> bool:
    from PIL import ImageFont

    try:
        font = ImageFont.truetype(str(path), 20, index=index)
    except OSError:
        return False
    return font.getmask("网").getbbox() is not None


def _wrap(text: str, font, width: int) -> list[str]:
    """Lines that fit `width`: by words for spaced text, by characters for Chinese."""
    tokens = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    lines, line = [], ""
    for token in tokens:
        candidate = f"{line}{joiner}{token}" if line else token
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = token
    if line:
        lines.append(line)
    # Chinese: keep closing punctuation off the start of a line
    for i in range(1, len(lines)):
        while lines[i] and lines[i][0] in "，。、；：！？）”’》":
            lines[i - 1] += lines[i][0]
            lines[i] = lines[i][1:]
    return [line for line in lines if line]


Fonts = dict[str, tuple[Path, int]]  # weight -> (font file, face index), as find_font gives them


def fonts() -> Fonts:
    return {weight: find_font(weight) for weight in ("regular", "bold")}


def draw(title: str, description: str, footer: str, faces: Fonts | None = None) -> bytes:
    """The card as PNG bytes: a red band, the site's name, its description and its address."""
    from PIL import Image, ImageDraw, ImageFont  # here: a cached card needs no Pillow (0.015 s to import)

    faces = faces or fonts()
    regular_path, regular_index = faces["regular"]
    bold_path, bold_index = faces["bold"]
    image = Image.new("RGB", SIZE, PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, SIZE[0], 24), fill=RED)
    width = SIZE[0] - 2 * MARGIN
    y = MARGIN + 10
    for size in (72, 64, 56, 48):  # the largest title size that fits in three lines
        title_font = ImageFont.truetype(str(bold_path), size, index=bold_index)
        title_lines = _wrap(title, title_font, width)
        if len(title_lines) <= 3:
            break
    for line in title_lines:
        pen.text((MARGIN, y), line, font=title_font, fill=INK)
        y += int(title_font.size * 1.3)
    y += 24
    body = ImageFont.truetype(str(regular_path), 34, index=regular_index)
    lines = _wrap(description, body, width)
    bottom_limit = SIZE[1] - MARGIN - 60
    for line in lines:
        if y + body.size > bottom_limit:
            break
        pen.text((MARGIN, y), line, font=body, fill=GREY)
        y += int(body.size * 1.5)
    small = ImageFont.truetype(str(regular_path), 28, index=regular_index)
    pen.rectangle((MARGIN, SIZE[1] - MARGIN - 14, MARGIN + 120, SIZE[1] - MARGIN - 8), fill=RED)
    pen.text((MARGIN, SIZE[1] - MARGIN + 4), footer, font=small, fill=INK)
    out = io.BytesIO()
    # zlib's default level: optimize=True made each card 3 % smaller (72 KB, not 75 KB) and took
    # 0.08 s instead of 0.02 s, on every build and every `mkdocs serve` rebuild.
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def write(site_dir: Path, prefix: str, title: str, description: str, footer: str,
          cache_dir: Path | None = None) -> Path:
    """Write the language's card into the site; from `cache_dir` if it was drawn before."""
    path = site_dir / prefix / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    faces = fonts()  # once: the cache key and the drawing both need them (fc-match without Debian's)
    cached = cache_dir / f"{_cache_key(faces, title, description, footer)}.png" if cache_dir else None
    if cached is not None and cached.is_file():
        png = cached.read_bytes()
    else:
        png = draw(title, description, footer, faces)
        if cached is not None:
            atomic.write_bytes(cached, png)
    path.write_bytes(png)
    return path


def card_texts(site_name: str, description: str, site_url: str) -> list[str]:
    """What a card shows: the site's name, its description and its address (no scheme)."""
    address = urlsplit(site_url)
    return [site_name, description, (address.netloc + address.path).rstrip("/")]


def public_texts(root: Path) -> dict[str, list[str]]:
    """locale -> the card texts of each language for the site's public address, from mkdocs.yml
    (SITE_URL, which test and preview builds set, is ignored here)."""
    from mkdocs.config import load_config

    saved = os.environ.pop("SITE_URL", None)
    try:
        config = load_config(str(root / "mkdocs.yml"))
    finally:
        if saved is not None:
            os.environ["SITE_URL"] = saved
    texts = {}
    for language in config.plugins["i18n"].config.languages:
        if language.build:
            texts[language.locale] = card_texts(language.site_name or config.site_name,
                                                language.site_description or config.site_description or "",
                                                config.site_url)
    return texts


def committed_texts(root: Path) -> dict[str, list[str]]:
    """locale -> [title, description, footer] of the committed cards ({} if there are none)."""
    path = root / COMMITTED_DIR / "cards.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def publish(site_dir: Path, prefix: str, locale: str, texts: list[str], root: Path,
            cache_dir: Path | None = None) -> str:
    """Put the language's card into the site: the committed one when it shows these texts, else a
    card drawn for them, else (no CJK font) the committed one all the same. Returns a one-line
    notice when the committed card stands in for other texts, "" otherwise; raises FontMissing when
    there is neither a font nor a committed card."""
    committed = root / COMMITTED_DIR / f"{locale}.png"
    target = site_dir / prefix / FILE
    if committed.is_file() and committed_texts(root).get(locale) == list(texts):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(committed, target)
        return ""
    try:
        write(site_dir, prefix, *texts, cache_dir=cache_dir)
        return ""
    except FontMissing as exc:
        if not committed.is_file():
            raise
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(committed, target)
        return (f"share card ({locale}): using the committed {COMMITTED_DIR / committed.name}, drawn for "
                f"other texts ({exc})")


def redraw_committed(root: Path, texts_by_locale: dict[str, list[str]]) -> list[Path]:
    """Draw the committed cards for these texts (a CJK font needed) and record the texts."""
    faces = fonts()
    written = []
    for locale, texts in texts_by_locale.items():
        path = root / COMMITTED_DIR / f"{locale}.png"
        atomic.write_bytes(path, draw(*texts, faces))
        written.append(path)
    record = json.dumps(texts_by_locale, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    atomic.write_text(root / COMMITTED_DIR / "cards.json", record)
    return written


def _cache_key(faces: Fonts, *texts: str) -> str:
    key = hashlib.sha256(Path(__file__).read_bytes())
    key.update(version("pillow").encode())
    for text in texts:
        key.update(b"\0" + text.encode("utf-8"))
    for font, index in faces.values():
        stat = font.stat()
        key.update(f"\0{font}:{index}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return key.hexdigest()[:32]
