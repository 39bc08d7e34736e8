"""Tickets that ask for a result derived from an input, on real issues (tests/fixtures/tickets/prose/README.md
names them): category_encoders #395 asks for output names determined from the input feature names, #408 only
that `get_feature_names_out` accept `input_features`, skorch #957 for a switch that reads no input."""

from __future__ import annotations

from custody.agents.scope_params import derived_ask, named_parameters, unread_asks, words_of
from custody.reviewer.gather.readers.tickets import parse_markdown_ticket
from custody.reviewer.model.evidence.parameters import UnreadParameter
from custody.reviewer.model.evidence.tickets import Ticket

from tests.helpers import FIXTURES

PROSE = FIXTURES / "tickets" / "prose"


def ticket(name: str, key: str) -> Ticket:
    return parse_markdown_ticket(key, (PROSE / name).read_text(), f"tickets/{key}.md")


def unread(parameter: str, function: str = "BaseEncoder.get_feature_names_out") -> UnreadParameter:
    return UnreadParameter(path="category_encoders/utils.py", function=function, parameter=parameter, line=366)


def test_a_parameter_s_words_are_what_prose_writes() -> None:
    assert words_of("input_features") == ["input", "feature"]
    assert words_of("numClasses") == ["num", "class"]
    assert words_of("loss") == ["loss"]
    assert words_of("num_categories") == ["num", "category"]


def test_output_derived_from_the_input_is_found_on_its_line() -> None:
    ask = derived_ask(ticket("category-encoders-395.md", "395"), "input_features")
    assert ask is not None
    assert ask.locator == "tickets/395.md#L8"
    assert "determines the output feature names from given input feature names" in ask.quote
    lines = (PROSE / "category-encoders-395.md").read_text().splitlines()
    assert "from given input feature names" in lines[7]


def test_asking_only_to_accept_the_argument_is_not_a_derived_ask() -> None:
    # #408 wants the signature (`Add `input_features` keyword argument`): an unread parameter satisfies it.
    assert derived_ask(ticket("category-encoders-408.md", "408"), "input_features") is None


def test_a_one_word_parameter_needs_its_name_in_backticks() -> None:
    # "output ... from given input feature names": `names` alone is everywhere in prose.
    assert derived_ask(ticket("category-encoders-395.md", "395"), "names") is None


def test_a_ticket_that_derives_nothing_from_the_switch_is_quiet() -> None:
    assert derived_ask(ticket("skorch-957.md", "957"), "use_caching") is None


def test_one_ask_per_parameter_with_every_function_that_ignores_it() -> None:
    tickets = [ticket("category-encoders-408.md", "408"), ticket("category-encoders-395.md", "395")]
    items = [unread("input_features"), unread("input_features", "SummaryEncoder.get_feature_names_out"),
             unread("verbose")]
    [(found, ask, functions)] = unread_asks(tickets, items)
    assert found.key == "395" and ask.locator.endswith("#L8")
    assert [f.function for f in functions] == ["BaseEncoder.get_feature_names_out",
                                               "SummaryEncoder.get_feature_names_out"]


def test_a_parameter_the_ticket_states_its_need_in_is_named_with_its_line() -> None:
    named, accepted = named_parameters(ticket("imbalanced-learn-990.md", "990"))
    assert (named.name, named.locator) == ("min_frequency", "tickets/990.md#L3")
    assert (accepted.name, accepted.locator) == ("categorical_features", "tickets/990.md#L7")
    assert named.quote == "Usually, I use One-Hot Encoding with min_frequency parameter to encode this dataset."


def test_parameters_in_code_blocks_and_reproduction_steps_are_context() -> None:
    # #408 names `input_features` as a "keyword argument" only under "Steps to Reproduce the Problem";
    # #442 sets `return_df=False` and `handle_missing=` inside code blocks.
    assert named_parameters(ticket("category-encoders-408.md", "408")) == []
    assert named_parameters(ticket("category-encoders-442.md", "442")) == []
