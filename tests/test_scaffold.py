"""`make new`: a complete, valid draft; never overwrites; refuses bad input."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from front_matter.scaffold import scaffold
from tests.helpers import ROOT, check, write

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def settings(tmp_path):
    (tmp_path / "content" / "articles").mkdir(parents=True)
    path = tmp_path / "conf.py"
    path.write_text(f"from pelicanconf import *\nPATH = {str(tmp_path / 'content')!r}\n", encoding="utf-8")
    return path


def test_scaffold_writes_a_valid_draft(settings, tmp_path):
    path = scaffold(str(settings), "Quý 4: kết quả đăng ký đất đai", "Cải cách thủ tục hành chính", "Mi Lê", now=NOW)
    assert path == tmp_path / "content" / "articles" / "2026" / "quy-4-ket-qua-dang-ky-dat-dai.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Quý 4: kết quả đăng ký đất đai"' in text
    assert "date: 2026-11-26 09:30" in text and "period: 2026-Q4" in text and "status: draft" in text
    for name in ("tags", "summary", "unit", "image", "image_alt", "image_caption", "slug", "related"):
        assert f"{name}:" in text, name
    result = check("--content", str(tmp_path / "content"))
    assert result.returncode == 0, result.stderr


def test_scaffold_never_overwrites(settings):
    first = scaffold(str(settings), "Bài mới", "Cải cách thể chế", "Mi Lê", now=NOW)
    first.write_text(first.read_text(encoding="utf-8") + "\nĐã viết.\n", encoding="utf-8")
    before = first.read_bytes()
    with pytest.raises(FileExistsError, match="không ghi đè"):
        scaffold(str(settings), "Bài mới", "Cải cách thể chế", "Mi Lê", now=NOW)
    assert first.read_bytes() == before


def test_scaffold_refuses_a_slug_used_in_another_year(settings, tmp_path):
    write(tmp_path / "content", {"articles/2021/cu.md": "---\ntitle: Bài Mới\n---\n"})
    with pytest.raises(FileExistsError, match='slug "bai-moi" đã dùng'):
        scaffold(str(settings), "Bài mới", "Cải cách thể chế", "Mi Lê", now=NOW)


def test_scaffold_rejects_unknown_category_with_suggestion(settings):
    with pytest.raises(ValueError, match='có phải ý bạn là "Cải cách thể chế"'):
        scaffold(str(settings), "Bài", "Cải cách thê chế", now=NOW)
    with pytest.raises(ValueError, match="thiếu tiêu đề"):
        scaffold(str(settings), "  ", "Cải cách thể chế", now=NOW)


def test_scaffold_without_author_leaves_a_required_blank(settings, tmp_path, monkeypatch):
    monkeypatch.setattr("front_matter.scaffold._git_user", lambda: "")
    path = scaffold(str(settings), "Chưa có tác giả", "Cải cách thể chế", now=NOW)
    result = check("--content", str(tmp_path / "content"))
    assert result.returncode == 1
    assert f"{path}:4: author: không được để trống" in result.stderr
