"""The size of a cover image, read from the file header only when a template
asks for it. Pure (Pillow, no Pelican).

With responsive_images the templates take the size from ``image_set`` and
never ask, so no cover is opened twice; without it (the fallback templates)
``{% if article.image_size %}`` and ``image_size[0]`` read the header once.
"""

from __future__ import annotations

from PIL import Image, UnidentifiedImageError


class CoverSize:
    """Behaves as the ``(width, height)`` tuple; false if the file cannot be read."""

    def __init__(self, path: str):
        self._path = path
        self._size: tuple[int, int] | None = None
        self._read = False

    def _get(self) -> tuple[int, int] | tuple[()]:
        if not self._read:
            self._read = True
            try:
                with Image.open(self._path) as img:
                    self._size = img.size
            except (OSError, UnidentifiedImageError):
                self._size = None  # front_matter reports a missing cover; the page just has no size
        return self._size or ()

    def __getitem__(self, index):
        return self._get()[index]

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __bool__(self) -> bool:
        return bool(self._get())

    def __eq__(self, other) -> bool:
        return tuple(self._get()) == other

    def __repr__(self) -> str:
        return f"CoverSize({self._path!r}, {self._size if self._read else 'chưa đọc'})"
