"""Walking JSON Pointers with what earlier pointers reached remembered."""

from __future__ import annotations

from foundation_engine.state.pointers import walk_remembered


def test_each_prefix_is_walked_once_and_remembered() -> None:
    steps: list[tuple[str, str]] = []

    def step(reached: str, raw: str) -> str:
        steps.append((reached, raw))
        return f"{reached}/{raw}"

    walked = {"": "root"}
    assert walk_remembered(walked, "/a/b/c", step) == "root/a/b/c"
    assert walk_remembered(walked, "/a/b/d", step) == "root/a/b/d"
    assert walk_remembered(walked, "/a/b/c", step) == "root/a/b/c"
    assert steps == [("root", "a"), ("root/a", "b"), ("root/a/b", "c"), ("root/a/b", "d")]
    assert set(walked) == {"", "/a", "/a/b", "/a/b/c", "/a/b/d"}


def test_a_pointer_of_any_depth_is_walked_without_recursion() -> None:
    deep = "/x" * 50_000
    assert walk_remembered({"": 0}, deep, lambda reached, raw: reached + 1) == 50_000
