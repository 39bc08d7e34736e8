"""The diff under review: computed from two trees, or parsed from GitHub's unified diff."""

from __future__ import annotations

import difflib
import re
from typing import cast

import unidiff
from custody.reviewer.gather.content_cache import cache, code_version, objects
from custody.reviewer.gather.snapshot import Snapshot
from custody.reviewer.model.digest import digest
from custody.reviewer.model.evidence import diff as evidence_diff
from custody.reviewer.model.evidence.diff import Diff, DiffLine, FileChange, Hunk
from pydantic import TypeAdapter
from unidiff.errors import UnidiffParseError
from unidiff.patch import PatchSet

MAX_DIFF_LINES_PER_FILE = 20_000
DIFF_CACHE_VERSION = code_version(__file__, evidence_diff.__file__) + unidiff.VERSION
FILE_HEADER = re.compile(r"^diff --git ", re.MULTILINE)
_CHANGES = TypeAdapter(list[FileChange])

GENERATED = re.compile(
    r"""(
        (^|/)(package-lock\.json|yarn\.lock|poetry\.lock|uv\.lock|Pipfile\.lock|dvc\.lock)$
      | \.min\.(js|css)$
      | _pb2(_grpc)?\.py$
      | (^|/)(dist|build)/
      | \.ipynb_checkpoints/
    )""",
    re.VERBOSE,
)
VENDORED = re.compile(r"(^|/)(vendor|third_party|node_modules|site-packages)/")


def _is_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def _decode(data: bytes) -> str | None:
    if _is_binary(data):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def diff_snapshots(base: Snapshot, head: Snapshot) -> Diff:
    """Unified diff of two trees, file by file; binary files are marked, not diffed."""
    base_paths = set(base.paths())
    head_paths = set(head.paths())
    chunks: list[str] = []
    binaries: list[FileChange] = []
    for path in sorted(base_paths | head_paths):
        old = base.read_bytes(path) if path in base_paths else None
        new = head.read_bytes(path) if path in head_paths else None
        if old == new:
            continue
        old_text = _decode(old) if old is not None else ""
        new_text = _decode(new) if new is not None else ""
        status = "added" if old is None else "deleted" if new is None else "modified"
        if old_text is None or new_text is None:
            binaries.append(FileChange(path=path, status=status, binary=True))
            continue
        chunks.append(_unified_cached(path, old, new, old_text, new_text))
    diff = parse_unified_diff("".join(chunks))
    diff.files.extend(_mark(f) for f in binaries)
    diff.files.sort(key=lambda f: f.path)
    return diff


def _unified_cached(path: str, old: bytes | None, new: bytes | None, old_text: str, new_text: str) -> str:
    """The file's patch, computed once per (path, old bytes, new bytes): difflib is the slow part."""
    key = digest("unified", DIFF_CACHE_VERSION, path, b"-" if old is None else b"=" + old,
                 b"-" if new is None else b"=" + new)
    hit = cache().get(key)
    if hit is not None:
        return hit.decode("utf-8")
    patch = _unified(path, old_text, new_text, old is None, new is None)
    cache().put(key, patch.encode("utf-8"))
    return patch


def _unified(path: str, old: str, new: str, added: bool, deleted: bool) -> str:
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    # difflib leaves a last line without newline as is; give every line one for a valid patch.
    old_lines = [ln if ln.endswith("\n") else ln + "\n" for ln in old_lines]
    new_lines = [ln if ln.endswith("\n") else ln + "\n" for ln in new_lines]
    header = f"diff --git a/{path} b/{path}\n"
    if added:
        header += "new file mode 100644\n"
    if deleted:
        header += "deleted file mode 100644\n"
    body = difflib.unified_diff(
        old_lines, new_lines,
        fromfile="/dev/null" if added else f"a/{path}",
        tofile="/dev/null" if deleted else f"b/{path}",
        n=3,
    )
    text = "".join(body)
    return header + text


def _file_sections(text: str) -> list[str]:
    """A git diff cut at each `diff --git` header: one section per file."""
    starts = [m.start() for m in FILE_HEADER.finditer(text)]
    if len(starts) < 2:
        return [text]
    starts[0] = 0  # anything before the first header stays with it
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def parse_unified_diff(text: str) -> Diff:
    """Parse a unified (git) diff; raise ValueError with a short reason when it is not one.

    Each file's section is parsed once: the result is kept in the content cache under a digest of
    the section, so a re-review after a push parses only the files whose patch changed."""
    store, memo = cache(), objects()
    files: list[FileChange] = []
    for section in _file_sections(text):
        key = digest("diff-section", DIFF_CACHE_VERSION, section)
        parsed = cast(list[FileChange] | None, memo.get(key))
        if parsed is None:
            hit = store.get(key)
            if hit is not None:
                parsed = _CHANGES.validate_json(hit)
            else:
                parsed = _parse_sections(section)
                store.put(key, _CHANGES.dump_json(parsed))
            for index, change in enumerate(parsed):
                change._content_key = digest(key, str(index))  # the section's digest names its content
            memo.put(key, parsed)
        files += parsed
    return Diff(files=files)


def _parse_sections(text: str) -> list[FileChange]:
    try:
        patch = PatchSet(text)
    except UnidiffParseError as exc:
        raise ValueError(f"the diff could not be parsed: {exc}") from exc
    files: list[FileChange] = []
    for pf in patch:
        path = pf.target_file[2:] if pf.target_file.startswith("b/") else pf.target_file
        old_path = pf.source_file[2:] if pf.source_file.startswith("a/") else pf.source_file
        if pf.is_removed_file:
            path = old_path
        status = (
            "added" if pf.is_added_file else "deleted" if pf.is_removed_file
            else "renamed" if pf.is_rename else "modified"
        )
        change = FileChange(
            path=path,
            old_path=old_path if pf.is_rename else None,
            status=status,
            binary=pf.is_binary_file,
            additions=pf.added,
            deletions=pf.removed,
        )
        budget = MAX_DIFF_LINES_PER_FILE
        for h in pf:
            hunk = Hunk(
                old_start=h.source_start, old_length=h.source_length,
                new_start=h.target_start, new_length=h.target_length,
                section=h.section_header or "",
            )
            for line in h:
                if budget <= 0:
                    change.truncated = True
                    break
                if line.is_added and line.target_line_no is not None:
                    hunk.added.append(DiffLine(number=line.target_line_no, text=line.value.rstrip("\n")))
                    budget -= 1
                elif line.is_removed and line.source_line_no is not None:
                    hunk.removed.append(DiffLine(number=line.source_line_no, text=line.value.rstrip("\n")))
                    budget -= 1
            change.hunks.append(hunk)
        files.append(_mark(change))
    return files


def _mark(change: FileChange) -> FileChange:
    change.generated = bool(GENERATED.search(change.path))
    change.vendored = bool(VENDORED.search(change.path))
    return change
