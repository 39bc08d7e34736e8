"""Constructor parameters a change leaves without effect, on the real changes of the real-world benchmark:
lucidrains/vit-pytorch PR #356 and commit 3e5d1be (MIT; fixed upstream by PR #360 and 950c901) and
pavlin-policar/openTSNE PR #265 (BSD-3-Clause; fixed upstream by PR #277). Each scenario's NOTES.md names
the commits its base/ and head/ trees were taken at."""

from __future__ import annotations

import ast
import dataclasses

import pytest
from custody.reviewer.gather import content_cache
from custody.reviewer.gather.content_cache import Lru
from custody.reviewer.gather.readers import dead_parameters as dead_parameters_module
from custody.reviewer.gather.readers.dead_parameters import dead_parameters
from custody.reviewer.model.evidence.diff import FileChange

from tests.helpers import REPO

REALWORLD = REPO / "benchmark" / "realworld"
VIVIT = "rw10-code-01-vivit-flash-attn-mask/{}/vit_pytorch/vivit.py"
SIMPLE_VIT = "rw10-code-02-simple-vit-linear-head-layernorm/{}/vit_pytorch/simple_vit.py"
AFFINITY = "rw9-ticket-05-opentsne-knn-kwargs/{}/openTSNE/affinity.py"


def found(path: str, base: str, head: str, others: dict[str, str] | None = None,
          status: str = "modified", complete: bool = True) -> list[tuple[str, str, str, str | None]]:
    """(function, parameter, how, stored_as) for one changed file, its base and head read from a scenario."""
    base_text, head_text = (REALWORLD / base).read_text(), (REALWORLD / head).read_text()
    change = FileChange(path=path, status=status)  # type: ignore[arg-type]
    texts = {path: head_text, **(others or {})}
    return [(d.function, d.parameter, d.how, d.stored_as)
            for d in dead_parameters([change], lambda p: base_text if p == path else None, {path: head_text}, texts,
                                       complete=complete)]


def test_a_parameter_the_change_adds_and_only_stores_is_dead() -> None:
    assert found("vit_pytorch/vivit.py", VIVIT.format("base"), VIVIT.format("head")) == [
        ("Transformer.__init__", "use_flash_attn", "added", "self.use_flash_attn")]


def test_a_read_of_the_same_attribute_name_in_an_unrelated_class_does_not_count() -> None:
    # `Attention.forward` (same file) reads its own `self.use_flash_attn`, and so does a class of another file
    # that neither derives from `Transformer` nor is derived from it: neither read is of a `Transformer`.
    head = (REALWORLD / VIVIT.format("head")).read_text()
    assert "if self.use_flash_attn:" in head
    unrelated = ("class Sparse:\n    def __init__(self, use_flash_attn):\n"
                 "        self.use_flash_attn = use_flash_attn\n\n"
                 "    def forward(self, x):\n        return x if self.use_flash_attn else -x\n")
    expected = [("Transformer.__init__", "use_flash_attn", "added", "self.use_flash_attn")]
    assert found("vit_pytorch/vivit.py", VIVIT.format("base"), VIVIT.format("head"),
                 {"vit_pytorch/sparse.py": unrelated}) == expected
    # The same read in a class deriving from `Transformer` is a read of its attribute.
    related = "from vit_pytorch.vivit import Transformer\n\n" + unrelated.replace("Sparse:", "Sparse(Transformer):")
    assert found("vit_pytorch/vivit.py", VIVIT.format("base"), VIVIT.format("head"),
                 {"vit_pytorch/sparse.py": related}) == []


def test_a_subclass_or_another_object_reading_the_attribute_keeps_it_alive() -> None:
    subclass = "from vit_pytorch.vivit import Transformer\n\nclass Deep(Transformer):\n" \
               "    def flash(self):\n        return self.use_flash_attn\n"
    outside = "def report(model):\n    return model.temporal_transformer.use_flash_attn\n"
    by_name = "def report(model):\n    return getattr(model, 'use_flash_attn')\n"
    for other in (subclass, outside, by_name):
        assert found("vit_pytorch/vivit.py", VIVIT.format("base"), VIVIT.format("head"),
                     {"vit_pytorch/extra.py": other}) == []


def test_a_class_deriving_from_a_base_outside_the_repository_is_left_alone() -> None:
    head = (REALWORLD / VIVIT.format("head")).read_text()
    framework = head.replace("class Transformer(nn.Module):", "class Transformer(pl.LightningModule):")
    assert framework != head
    change = FileChange(path="vivit.py", status="modified")
    base = (REALWORLD / VIVIT.format("base")).read_text()
    assert dead_parameters([change], lambda p: base, {"vivit.py": framework}, {"vivit.py": framework},
                           complete=True) == []


@pytest.mark.parametrize("complete", [True, False])
def test_a_parameter_whose_last_use_the_change_removes_is_dead_and_names_the_statement(complete: bool) -> None:
    # nothing stores it: the constructor's own body says it is dead, whether or not every file was read
    change = FileChange(path="vit_pytorch/simple_vit.py", status="modified")
    base = (REALWORLD / SIMPLE_VIT.format("base")).read_text()
    head = (REALWORLD / SIMPLE_VIT.format("head")).read_text()
    [dead] = dead_parameters([change], lambda p: base, {change.path: head}, {change.path: head}, complete=complete)
    assert (dead.function, dead.parameter, dead.how, dead.stored_as) == (
        "SimpleViT.__init__", "num_classes", "orphaned", None)
    assert dead.base_use is not None and dead.base_use.startswith("self.linear_head = nn.Sequential(")
    assert (dead.head_use, dead.head_line) == ("self.linear_head = nn.LayerNorm(dim)", 108)
    assert head.splitlines()[107].strip() == "self.linear_head = nn.LayerNorm(dim)"


def test_an_attribute_is_not_called_unread_when_some_python_files_were_not_read() -> None:
    # the repository has more Python files than were read: one of the others may read self.use_flash_attn
    assert found("vit_pytorch/vivit.py", VIVIT.format("base"), VIVIT.format("head"), complete=False) == []


def test_a_stored_option_one_sibling_class_forgets_to_pass_on() -> None:
    assert found("openTSNE/affinity.py", AFFINITY.format("base"), AFFINITY.format("head")) == [
        ("PerplexityBasedNN.__init__", "knn_kwargs", "added", "self.knn_kwargs")]


def test_new_files_and_tests_are_quiet() -> None:
    assert found("vit_pytorch/vivit.py", VIVIT.format("base"), VIVIT.format("head"),
                 status="added") == []
    assert found("tests/vivit.py", VIVIT.format("base"), VIVIT.format("head")) == []


BASE_HEAD = "class Head:\n    def __init__(self, dim, classes):\n        self.out = Linear(dim, classes)\n"


def orphaned(head: str, base: str = BASE_HEAD) -> list[tuple[str, str]]:
    change = FileChange(path="m.py", status="modified")
    return [(d.parameter, d.how) for d in dead_parameters([change], lambda p: base, {"m.py": head}, {"m.py": head},
                                                        complete=True)]


def test_stubs_holders_generic_readers_and_parameters_kept_on_purpose_are_quiet() -> None:
    assert orphaned("class Head:\n    def __init__(self, dim, classes):\n        self.out = Norm(dim)\n") == [
        ("classes", "orphaned")]
    kept = "class Head:\n    def __init__(self, dim, classes):\n        # classes is deprecated\n" \
           "        self.out = Norm(dim)\n"
    stub = "class Head:\n    def __init__(self, dim, classes):\n        raise NotImplementedError\n"
    generic = "class Head:\n    def __init__(self, dim, classes):\n        self.save_hyperparameters()\n" \
              "        self.out = Norm(dim)\n"
    deleted = "class Head:\n    def __init__(self, dim, classes):\n        del classes\n        self.out = Norm(dim)\n"
    for head in (kept, stub, generic, deleted):
        assert orphaned(head) == []
    holder = "class HeadConfig:\n    def __init__(self, dim, classes):\n        self.out = Norm(dim)\n"
    assert orphaned(holder, BASE_HEAD.replace("Head:", "HeadConfig:")) == []


def test_a_parameter_dead_in_the_base_too_is_not_the_change_s_doing() -> None:
    base = "class Fit:\n    def __init__(self, x, seed):\n        self.x = x\n"
    assert orphaned("class Fit:\n    def __init__(self, x, seed):\n        self.x = x + 1\n", base) == []


def test_only_constructors_are_judged() -> None:
    # A plain function keeps an unused parameter for a fixed signature (a DataLoader's worker_init_fn gets the
    # worker id) or as a refactor's harmless remnant; a constructor's parameter configures what its caller builds.
    base = "def worker_init_fn(id):\n    np.random.seed(id + torch.initial_seed())\n"
    head = "def worker_init_fn(id):\n    random.seed(torch.initial_seed())\n"
    assert orphaned(head, base) == []
    method = "class Loss:\n    def forward(self, a, bias=None):\n        self.bias = bias\n        return a\n"
    assert orphaned(method, method.replace(", bias=None", "")) == []


def test_a_stored_option_of_a_class_that_lists_its_attributes_generically_is_quiet() -> None:
    base = "class Head:\n    def __init__(self, dim):\n        self.out = Norm(dim)\n"
    head = ("class Head:\n    def __init__(self, dim, flag=False):\n        self.out = Norm(dim)\n"
            "        self.flag = flag\n")
    change = FileChange(path="m.py", status="modified")
    assert [(d.parameter, d.how, d.stored_as) for d in dead_parameters(
        [change], lambda p: base, {"m.py": head}, {"m.py": head},
                                                        complete=True)] == [("flag", "added", "self.flag")]
    for reader in ("    def __repr__(self):\n        return str(vars(self))\n",
                   "    def __getattr__(self, name):\n        return self.out\n",
                   "    def state(self):\n        return self.__dict__\n"):
        listed = head + reader
        assert dead_parameters([change], lambda p: base, {"m.py": listed}, {"m.py": listed},
                               complete=True) == []


def test_a_warm_read_parses_only_the_changed_file_and_equals_the_cold_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content_cache, "_objects", Lru(100))  # a new process: nothing parsed yet
    parsed: list[str] = []

    def counting(text: str, path: str = "<unknown>") -> ast.Module:
        parsed.append(path)
        return ast.parse(text)

    monkeypatch.setattr(dead_parameters_module, "parse_python", counting)
    # Other files that name the stored attribute are read for reads of it: an unrelated class, a string.
    others = {"vit_pytorch/sparse.py": "class Sparse:\n    def forward(self):\n        return self.use_flash_attn\n",
              "vit_pytorch/notes.py": "NOTE = 'use_flash_attn is read by Attention'\n"}
    cold = found("vit_pytorch/vivit.py", VIVIT.format("base"), VIVIT.format("head"), others)
    assert "vit_pytorch/sparse.py" in parsed and "vit_pytorch/notes.py" in parsed
    parsed.clear()
    # A later push that changes the same file again: the other files' reads are remembered by content.
    warm = found("vit_pytorch/vivit.py", VIVIT.format("base"), VIVIT.format("head"), others)
    assert warm == cold == [("Transformer.__init__", "use_flash_attn", "added", "self.use_flash_attn")]
    assert sorted(parsed) == ["vit_pytorch/vivit.py", "vit_pytorch/vivit.py"]  # its base and head scopes
    remembered = dead_parameters_module._file_reads("vit_pytorch/sparse.py", others["vit_pytorch/sparse.py"])
    assert remembered is not None and ("use_flash_attn", "Sparse", True) in remembered.loads
    with pytest.raises(dataclasses.FrozenInstanceError):
        remembered.names = frozenset()  # type: ignore[misc]


GENERIC = "rw17-aeq-03-sensitive-column-rename-leftover/{}/src/aequitas/flow/datasets/generic.py"


def test_a_parameter_renamed_in_place_from_one_already_unused_is_not_this_changes_doing() -> None:
    # dssg/aequitas PR #161 (MIT) renames `categorical_features` to `categorical_columns`; both only stored.
    path = "src/aequitas/flow/datasets/generic.py"
    assert found(path, GENERIC.format("base"), GENERIC.format("head")) == []
    base = (REALWORLD / GENERIC.format("base")).read_text()
    assert "self.categorical_features = categorical_features" in base
