"""Which compiled templates an environment may share. Pure (no Pelican).

Jinja's bytecode cache keys a template by its name and source only, yet the
code compiled from one source depends on the environment's options too:
with ``autoescape`` on, ``{{ x }}`` compiles to ``escape(x)``; off, to
``str(x)``. Code compiled with other options must never be loaded, or an
edit of ``JINJA_ENVIRONMENT`` (turning autoescape on) would go on printing
titles unescaped from templates whose source did not change. So each set of
options gets its own folder.
"""

from __future__ import annotations

import hashlib

# The Environment attributes the lexer and the code generator read.
_COMPILE_OPTIONS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
    "autoescape",
)


def options_key(environment) -> str | None:
    """A short name for what ``environment`` compiles a source to, or None
    when that depends on code (an autoescape function, a finalize
    function): such an environment gets no shared cache."""
    if callable(environment.autoescape) or environment.finalize is not None:
        return None
    parts = [repr(getattr(environment, name)) for name in _COMPILE_OPTIONS]
    parts += sorted(environment.extensions)  # "module.Class" of each extension
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=8).hexdigest()
