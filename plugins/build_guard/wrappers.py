"""Tags, categories and authors whose URLs are remembered once the build is
settled. Pure (Pelican's URL wrapper classes only).

Pelican formats ``url``, ``save_as`` and ``page_name`` of a tag, category or
author from the settings on every access, and every card of every listing
reads them (about 5% of rendering at 10,000 articles). These subclasses
(same class names: Pelican reads ``TAG_URL``, ``CATEGORY_URL``… from the
class name) remember each value on the instance once the build is settled
(:func:`settle`, called by parallel_render when every generator is done), as
long as the instance's name, slug and settings stay the same; before that,
and for any change, they format it as Pelican does. The front_matter reader
makes its articles' wrappers with them. Pelican's own classes are left as
they are: a wrapper Pelican makes itself (a default category) is formatted
every time, as in plain Pelican.
"""

from __future__ import annotations

from pelican import urlwrappers

_MEMO = "_settled_urls"  # instance attribute: (epoch, settings, (name, slug), {property: value})
_MISSING = object()
_EPOCH: list = [None]  # an object of the settled build; None until it is settled


def _remembered(attribute: str, key: str, page_name: bool) -> property:
    def get(self):
        epoch, memo = _EPOCH[0], self.__dict__.get(_MEMO)
        valid = (memo is not None and memo[0] is epoch and memo[1] is self.settings
                 and memo[2] == (self._name, self._slug))
        if valid:
            value = memo[3].get(attribute, _MISSING)
            if value is not _MISSING:
                return value
        value = self._from_settings(key, get_page_name=page_name)
        if epoch is not None:
            if not valid:  # (the slug may have been computed just now)
                memo = self.__dict__[_MEMO] = (epoch, self.settings, (self._name, self._slug), {})
            memo[3][attribute] = value
        return value

    get.__name__ = attribute
    return property(get)


class _Settled:
    _kind: type = urlwrappers.URLWrapper  # the Pelican class: equal to its instances of the same slug, both ways
    url = _remembered("url", "URL", False)
    save_as = _remembered("save_as", "SAVE_AS", False)
    page_name = _remembered("page_name", "URL", True)

    def __eq__(self, other):
        if isinstance(other, self._kind):
            return self.slug == other.slug
        return super().__eq__(other)  # a name, as Pelican compares it

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        if isinstance(other, self._kind):
            return self.slug < other.slug
        return super().__lt__(other)

    __hash__ = urlwrappers.URLWrapper.__hash__


class Category(_Settled, urlwrappers.Category):
    _kind = urlwrappers.Category


class Tag(_Settled, urlwrappers.Tag):
    _kind = urlwrappers.Tag


class Author(_Settled, urlwrappers.Author):
    _kind = urlwrappers.Author


def settle() -> None:
    """From now on, this build's wrapper URLs are remembered. Lazily: each
    article has its own tag, category and author instances (50,000 at 10,000
    articles), most read once or never, so formatting all of them up front
    cost more than it saved."""
    _EPOCH[0] = object()


def unsettle() -> None:
    """A new build starts: nothing is remembered until it is settled."""
    _EPOCH[0] = None
