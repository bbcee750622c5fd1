"""Inputs of the image benchmark (bench/images_bench.py): the camera JPEGs and
three small sites showing them, one per tool and configuration.

- ``ensure_sources``: N camera-like 3000×2000 JPEGs in ``images-src/``, made
  once (in parallel) and kept while bench/camera.py is unchanged. Orientation
  alternates in pairs: 6 (shot upright, stored sideways), 6, 1, 1, 6, 6, …
- ``write_ours``: our front matter (bench/corpus.py articles): even articles
  show their image as the cover (``image:``), odd ones in the body.
- ``write_image_process``: the same articles in plain Pelican Markdown, every
  image in the body with the class image-process needs; ``variant`` "srcset"
  (one JPEG srcset, as its README's responsive-image) or "picture" (AVIF,
  WebP and JPEG sources, the formats our plugin makes).
Images are hard links to ``images-src/`` (same bytes everywhere, no copies).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from html import escape
from pathlib import Path

from bench.camera import make_camera_jpeg
from bench.corpus import GeneratedArticle, generate, write_site

CAMERA_PY = Path(__file__).with_name("camera.py")
WIDTHS = (480, 960, 1440)
SIZES = "(min-width: 48rem) 46rem, 100vw"  # our plugin's default <img sizes>
TRANSFORM = "anh"  # image-process transformation name (class image-process-anh)
DERIVATIVE_DIR = "derivatives"  # IMAGE_PROCESS_DIR, set explicitly (its default changed across releases)


@dataclasses.dataclass(frozen=True)
class Source:
    name: str  # file name, e.g. anh-07.jpg
    path: Path
    orientation: int  # EXIF orientation: 6 displays portrait


def orientation_of(index: int) -> int:
    return 6 if (index // 2) % 2 == 0 else 1  # covers and body images each get both kinds


def _make(job: tuple[str, int, int]) -> None:
    path, seed, orientation = job
    make_camera_jpeg(path, seed, orientation=orientation)


def ensure_sources(folder: Path, count: int) -> list[Source]:
    """The ``count`` source JPEGs, generating only those missing or outdated."""
    folder.mkdir(parents=True, exist_ok=True)
    version = hashlib.sha256(CAMERA_PY.read_bytes()).hexdigest()[:16]
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    if manifest.get("camera") != version:
        manifest = {"camera": version, "files": {}}
    sources, jobs = [], []
    for i in range(count):
        source = Source(f"anh-{i + 1:02d}.jpg", folder / f"anh-{i + 1:02d}.jpg", orientation_of(i))
        sources.append(source)
        if manifest["files"].get(source.name) != [i, source.orientation] or not source.path.is_file():
            jobs.append((str(source.path), i, source.orientation))
    if jobs:
        print(f"Tạo {len(jobs)} ảnh máy ảnh 3000×2000 trong {folder} …", flush=True)
        with ProcessPoolExecutor(os.cpu_count()) as pool:
            list(pool.map(_make, jobs))
        for path, seed, orientation in jobs:
            manifest["files"][Path(path).name] = [seed, orientation]
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return sources


def _link(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _articles(sources: list[Source]) -> list[GeneratedArticle]:
    return generate(len(sources), seed=0, category_mode="real", tags="sparse")


def _alt(a: GeneratedArticle) -> str:
    return f"Ảnh chụp tại {a.unit} minh họa bài: {a.title}"


def _caption(a: GeneratedArticle, i: int) -> str:
    return f"Ảnh {i + 1}: {a.unit}"


def _after_lead(body: str, block: str) -> str:
    """``block`` as its own paragraph after the body's first paragraph."""
    lead, _, rest = body.partition("\n\n")
    return f"{lead}\n\n{block}\n\n{rest}"


def write_ours(root: Path, sources: list[Source]) -> None:
    """Our content folder: 40 articles, covers on even ones, body images on odd ones."""
    if root.exists():
        shutil.rmtree(root)
    articles = []
    for i, (a, s) in enumerate(zip(_articles(sources), sources)):
        if i % 2 == 0:
            a = dataclasses.replace(a, image=s.name, image_alt=_alt(a), image_caption=_caption(a, i))
        else:
            a = dataclasses.replace(a, body=_after_lead(a.body, f'![{_alt(a)}]({s.name} "{_caption(a, i)}")'))
        articles.append(a)
    write_site(articles, root, photos=True)  # writes placeholder covers, replaced below
    for a, s in zip(articles, sources):
        _link(s.path, root / "articles" / str(a.date.year) / s.name)


def _image_markup(variant: str, a: GeneratedArticle, s: Source, i: int) -> str:
    if variant == "srcset":
        return f'![{_alt(a)}]({{static}}{s.name} "{_caption(a, i)}"){{: .image-process-{TRANSFORM}}}'
    # picture: the <img> is the "default" (AVIF) source; the other sources name the same file.
    # It keeps a named <source>'s own attributes, so type/sizes go here; it writes none on "default".
    src = f"{{static}}{s.name}"
    named = "".join(f'<source class="{name}" type="{mime}" sizes="{SIZES}" src="{src}"></source>'
                    for name, mime in (("webp", "image/webp"), ("jpeg", "image/jpeg")))
    return f'<picture>{named}<img class="image-process-{TRANSFORM}" src="{src}" alt="{escape(_alt(a))}"></picture>'



def write_image_process(root: Path, sources: list[Source], variant: str) -> Path:
    """A plain-Pelican content folder + its settings file; returns the settings path."""
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    for i, (a, s) in enumerate(zip(_articles(sources), sources)):
        folder = content / "articles" / str(a.date.year)
        folder.mkdir(parents=True, exist_ok=True)
        meta = {"Title": a.title, "Date": f"{a.date:%Y-%m-%d %H:%M}", "Author": a.author,
                "Category": a.category, "Slug": a.slug, "Summary": a.summary}
        head = "".join(f"{k}: {v}\n" for k, v in meta.items())
        body = _after_lead(a.body, _image_markup(variant, a, s, i))
        (folder / f"{a.slug}.md").write_text(f"{head}\n{body}\n", encoding="utf-8")
        _link(s.path, folder / s.name)
    settings = root / "pelicanconf.py"
    settings.write_text(image_process_settings(content, variant), encoding="utf-8")
    return settings


def image_process_config(variant: str) -> dict:
    """IMAGE_PROCESS for ``variant``: widths as ``scale_in W None False`` (no upscaling)."""
    srcset = [(f"{w}w", [f"scale_in {w} None False"]) for w in WIDTHS]
    if variant == "srcset":
        return {TRANSFORM: {"type": "responsive-image", "sizes": SIZES, "srcset": srcset, "default": "960w"}}
    sources = [{"name": name, "output-format": fmt, "sizes": SIZES, "srcset": srcset}
               for name, fmt in (("default", "avif"), ("webp", "webp"), ("jpeg", "jpg"))]
    return {TRANSFORM: {"type": "picture", "sources": sources, "default": ("jpeg", "960w")}}


def image_process_settings(content: Path, variant: str) -> str:
    return f'''# Generated by bench/images_sites.py: plain Pelican + image-process ({variant}).
PATH = {str(content)!r}
SITENAME = "Bench image-process"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = []
STATIC_PATHS = ["articles"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
PLUGINS = ["image_process"]
IMAGE_PROCESS_DIR = {DERIVATIVE_DIR!r}
IMAGE_PROCESS = {image_process_config(variant)!r}
'''
