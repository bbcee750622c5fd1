from build_guard.errors import ContentError, ContentErrors, write_errors
from build_guard.output_swap import prepare, publish, staging_path
import io


def test_error_is_one_line_even_with_newlines_in_message():
    e = ContentError("content/a.md", 3, "date", "dòng một\ndòng hai")
    assert str(e) == "content/a.md:3: date: dòng một dòng hai"


def test_write_errors_sorted_and_deduplicated():
    out = io.StringIO()
    a = ContentError("b.md", 1, "x", "m")
    b = ContentError("a.md", 9, "y", "n")
    write_errors([a, b, a], out)
    assert out.getvalue() == "a.md:9: y: n\nb.md:1: x: m\n"
    assert "2 lỗi nội dung trong 2 tệp" in str(ContentErrors([a, b, a]))


def test_publish_replaces_output_atomically(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "old.html").write_text("old")
    staging = staging_path(output)
    assert staging == tmp_path / "output.tmp"
    (staging / "stale").mkdir(parents=True)
    prepare(staging)
    assert list(staging.iterdir()) == []
    (staging / "new.html").write_text("new")
    publish(staging, output)
    assert [p.name for p in output.iterdir()] == ["new.html"]
    assert not staging.exists() and not (tmp_path / "output.old").exists()


def test_publish_first_build(tmp_path):
    staging = staging_path(tmp_path / "out")
    prepare(staging)
    (staging / "index.html").write_text("x")
    publish(staging, tmp_path / "out")
    assert (tmp_path / "out" / "index.html").read_text() == "x"
