"""bench/build_bench.py: what it does between timed builds."""

import os

from bench.build_bench import empty_trash, set_aside


def test_old_trees_are_moved_aside_not_deleted_until_the_end(tmp_path):
    """A tree freed just before a timed build makes that build pay for the
    deletion (no-journal ext4 skips recently freed inodes): the bench moves
    earlier trees into its trash and deletes them only at the end."""
    trash = tmp_path / "trash"
    site = tmp_path / "build-10"
    first = site / "out-ours"
    (first / "bai" / "a").mkdir(parents=True)
    (first / "bai" / "a" / "index.html").write_text("một")
    inode = (first / "bai" / "a" / "index.html").stat().st_ino

    set_aside(first, trash)
    assert not first.exists()
    kept = [p / "bai" / "a" / "index.html" for p in trash.iterdir()]
    assert [p.stat().st_ino for p in kept] == [inode]  # moved, not copied or freed

    # A second tree of the same name does not replace the first one in the trash.
    (first / "bai").mkdir(parents=True)
    set_aside(first, trash)
    set_aside(site / "missing", trash)  # nothing to move
    assert not first.exists() and len(os.listdir(trash)) == 2
    assert kept[0].read_text() == "một"

    empty_trash(trash)
    assert not trash.exists()
