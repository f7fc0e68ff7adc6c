"""The questionnaire loader: strict YAML, located errors, cross-reference checks, built-ins."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from coprod.api import validate_file
from coprod.errors import InputFileError, InvalidFileError
from coprod.files import yamlio
from coprod.files.yamlio import parse_yaml
from coprod.model import pick
from coprod.questionnaire.load import builtin_paths, load_questionnaire
from tests.conftest import PARTS, SMALL

Write = Callable[[str, str], Path]


def test_small_questionnaire_loads(small: Path) -> None:
    """A valid file gives its principles and questions in order."""
    q = load_questionnaire(small).questionnaire
    assert [p.id for p in q.principles] == ["assets", "power"]
    assert [x.id for x in q.questions] == ["a1", "a2", "p1", "p2", "p3"]
    assert pick(q.principles[0].title, "cy") == "Mae pobl yn asedau"
    assert pick(q.principles[1].title, "cy") == "Sharing power"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yes", "Yes"),
        ("No", "No"),
        ("On", "On"),
        ("Off", "Off"),
        ("y", "y"),
        ("012", "012"),
        ("2020-01-01", "2020-01-01"),
        ("1_000", "1_000"),
        ("0x1F", "0x1F"),
        ("true", True),
        ("12", 12),
        ("1.5", 1.5),
        ("~", None),
    ],
)
def test_yaml_1_1_quirks_do_not_leak(text: str, expected: object) -> None:
    """Yes/No/On/Off and 012 keep their text; only true/false are booleans."""
    assert parse_yaml(f"value: {text}\n", "x.yaml").data == {"value": expected}


def test_labels_like_yes_and_no_stay_text(write: Write) -> None:
    """A scale whose labels are Yes and No loads with those words, not booleans."""
    path = write("q.yaml", SMALL.replace("label: Not yet", "label: No").replace("Starting", "Yes"))
    levels = load_questionnaire(path).questionnaire.scales["five"].levels
    assert pick(levels[0].label, "en") == "No"
    assert pick(levels[1].label, "en") == "Yes"


def test_five_mistakes_give_five_located_messages(write: Write) -> None:
    """Five different mistakes are all reported, each with its line and dotted path."""
    text = (
        SMALL.replace('text: "Do you ask what people can offer?"}', "text: Ask, wieght: 2}")
        .replace('scale: five, text: "Do you value', 'scale: six, text: "Do you value')
        .replace("{min: 40, max: 70", "{min: 45, max: 70")
        .replace("when: {question: p1,", "when: {question: p9,", 1)
        .replace("when: {principle: assets, below: 40}", "when: {principle: asets, below: 40}")
    )
    result = validate_file(write("bad.yaml", text))
    messages = [str(p) for p in result.problems]
    assert len(messages) == 5, messages
    expected = [
        ("principles[0].questions[0].wieght", "did you mean 'weight'?"),
        ("principles[0].questions[1].scale", "scale 'six' is not defined"),
        ("bands[1].min", "gap between 40 and 45"),
        ("principles[1].questions[1].when.question", "'p9'"),
        ("recommendations[0].when.principle", "no principle 'asets'"),
    ]
    for path, words in expected:
        match = [m for m in messages if f": {path}: " in m and words in m]
        assert match, (path, messages)
        assert match[0].startswith(f"{result.file}:")
        assert match[0].split(":")[1].isdigit()


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("id: a2,", "id: a1,", "id 'a1' is used twice"),
        ("type: yes_no", "type: yesno", "unknown question type 'yesno'"),
        ("- {min: 70, max: 100,", "- {min: 70, max: 90,", "last band ends at 90"),
        ('version: "1.0"\n', "", "'version' is missing"),
        ("weight: 2\n    questions", "weight: heavy\n    questions", "should be a number"),
        ('{question: p1, equals: "yes"}', '{question: p3, equals: "yes"}', "later in the file"),
        ("id: assets\n", "id: 9assets\n", "not a valid id"),
        ("cy: Mae pobl yn asedau", "fr: Les gens", "language 'fr' is not in"),
    ],
)
def test_each_mistake_is_explained(write: Write, old: str, new: str, words: str) -> None:
    """Each kind of mistake gets a message that says what is wrong."""
    assert old in SMALL
    result = validate_file(write("bad.yaml", SMALL.replace(old, new, 1)))
    assert not result.ok
    assert any(words in str(p) for p in result.problems), [str(p) for p in result.problems]


def test_load_raises_with_every_problem(write: Write) -> None:
    """load_questionnaire raises InvalidFileError carrying all problems."""
    text = (
        SMALL.replace("wieght", "").replace("weight: 2}", "wieght: 2}").replace("id: p3", "id: a1")
    )
    with pytest.raises(InvalidFileError) as info:
        load_questionnaire(write("bad.yaml", text))
    assert len(info.value.problems) == 2


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", "the file is empty"),
        ("title: [unclosed\n", "not valid YAML"),
        ("a: 1\na: 2\n", "appears twice"),
        ("a: &a [*a]\n", "refers to itself"),
    ],
)
def test_unreadable_yaml_is_one_clear_error(write: Write, content: str, words: str) -> None:
    """Empty, malformed, duplicate-key and self-referencing files give one InputFileError."""
    with pytest.raises(InputFileError, match=words):
        load_questionnaire(write("x.yaml", content))


def test_alias_bomb_is_refused_quickly(write: Write) -> None:
    """A billion-laughs file is refused instead of eating memory."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    with pytest.raises(InputFileError, match="too many values"):
        load_questionnaire(write("bomb.yaml", "\n".join(lines)))


def test_binary_and_missing_files(tmp_path: Path) -> None:
    """A binary file, a folder and a missing file each say what they are."""
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputFileError, match="binary"):
        load_questionnaire(binary)
    with pytest.raises(InputFileError, match="folder"):
        load_questionnaire(tmp_path)
    with pytest.raises(InputFileError, match="no such"):
        load_questionnaire(tmp_path / "missing.yaml")
    with pytest.raises(InputFileError, match="no built-in questionnaire"):
        load_questionnaire("no-such-id")


def test_huge_file_is_refused(tmp_path: Path) -> None:
    """A file over the size limit is refused before it is parsed."""
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * (6 * 1024 * 1024), encoding="utf-8")
    with pytest.raises(InputFileError, match="too big"):
        load_questionnaire(big)


def test_every_builtin_questionnaire_is_valid() -> None:
    """Every file in questionnaires/ loads without a problem."""
    paths = builtin_paths()
    assert {p.stem for p in paths} >= {"starter", "coproduction"}
    for path in paths:
        result = validate_file(path)
        assert result.ok, [str(p) for p in result.problems]


def test_builtins_have_the_promised_shape() -> None:
    """starter 2.0 has two principles; coproduction 2.0 has 12 principles and 50-60 questions."""
    starter = load_questionnaire("starter").questionnaire
    assert (starter.version, len(starter.principles)) == ("2.0", 2)
    full = load_questionnaire("coproduction").questionnaire
    assert (full.version, len(full.principles)) == ("2.0", 12)
    assert 50 <= len(full.questions) <= 60
    for q in (starter, full):
        assert q.sources
        covered = {r.principle for r in q.recommendations}
        assert covered >= {p.id for p in q.principles}


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('{question: p1, equals: "yes"}', "{question: p1}", "the condition has no test"),
        (
            '{question: p1, equals: "yes"}',
            '{question: p1, equals: "yes", at_least: 2}',
            "cannot be",
        ),
        ('{question: p1, equals: "no"}', '{question: p1, equals: "no", in: ["no"]}', "cannot be"),
    ],
)
def test_conditions_and_rules_take_one_test(write: Write, old: str, new: str, words: str) -> None:
    """A condition or rule with no test, or with clashing tests, is reported."""
    result = validate_file(write("bad.yaml", SMALL.replace(old, new)))
    assert any(words in str(p) for p in result.problems), [str(p) for p in result.problems]


def test_uneven_scale_is_a_warning_not_an_error(write: Write) -> None:
    """Levels 1, 2, 3, 5 load, with a warning that the steps are uneven."""
    result = validate_file(write("q.yaml", SMALL.replace("value: 4,", "value: 6,")))
    assert result.ok
    assert any("unevenly spaced" in str(p) and p.severity == "warning" for p in result.problems)


@pytest.mark.parametrize("text", [SMALL, "value: Yes\nother: 012\nn: 1.5\nb: false\nz: ~\n"])
def test_fast_and_pure_yaml_parsers_agree(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The libyaml parser and the pure-Python fallback give the same data and positions."""
    import coprod.files.yamlio as yamlio

    fast = parse_yaml(text, "x.yaml")
    monkeypatch.setattr(yamlio, "StrictLoader", yamlio.PureStrictLoader)
    pure = parse_yaml(text, "x.yaml")
    assert (fast.data, fast.values, fast.keys) == (pure.data, pure.values, pure.keys)


def test_weightless_questionnaire_and_empty_rule_lists(write: Write) -> None:
    """All weights 0 is warned about; an empty 'all:' list is an error."""
    text = (
        'format: 1\nid: z\nversion: "1"\ntitle: Z\n'
        "bands: [{min: 0, max: 100, label: a}]\n"
        "principles:\n- id: p\n  title: P\n  questions:\n"
        "  - {id: q, type: yes_no, text: T, weight: 0}\n"
        "recommendations:\n- {id: r, when: {all: []}, title: T, actions: [a]}\n"
    )
    result = validate_file(write("q.yaml", text))
    messages = [str(p) for p in result.problems]
    assert any("nothing can ever be scored" in m for m in messages), messages
    assert any("when.all" in m and "at least 1 item" in m for m in messages), messages


class _RefusesDeepNesting(yamlio.PureStrictLoader):
    """Stands in for PyYAML 6.0.4's libyaml: it refuses deep nesting before any event."""

    def check_event(self, *choices: Any) -> bool:
        raise yaml.scanner.ScannerError(
            "while increasing flow level", None, "exceeded maximum nesting depth", None
        )


PARSER_PATHS = {
    "installed": None,
    "pure parser only": (False, yamlio.PureStrictLoader),
    "libyaml without a depth limit": (True, yamlio.PureStrictLoader),
    "libyaml that refuses deep nesting": (True, _RefusesDeepNesting),
}


@pytest.mark.parametrize("parser", PARSER_PATHS)
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[" * 50_000 + "]" * 50_000, 1),
        ("top:\n" + " [\n" * 3_000 + " ]\n" * 3_000, 61),
        ("".join(" " * i + "k:\n" for i in range(1_200)) + " " * 1_200 + "end\n", 61),
    ],
    ids=["brackets on one line", "brackets on many lines", "deep indentation"],
)
def test_too_deep_gets_one_located_message_whatever_the_parser(
    parser: str, text: str, line: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nesting past the limit names the file, the line and the limit with every parser."""
    if PARSER_PATHS[parser] is not None:
        libyaml, loader = PARSER_PATHS[parser]
        monkeypatch.setattr(yamlio, "LIBYAML", libyaml)
        monkeypatch.setattr(yamlio, "StrictLoader", loader)
    with pytest.raises(InputFileError) as caught:
        parse_yaml(text, "deep.yaml")
    assert caught.value.message.startswith(f"deep.yaml:{line}: nested more than 60 levels")
    assert caught.value.hint == "Flatten the structure."


def test_anchor_that_refers_to_itself_is_named_as_such() -> None:
    """A self-referencing anchor is not mistaken for deep nesting."""
    with pytest.raises(InputFileError) as caught:
        parse_yaml("top: &loop\n  - *loop\n", "loop.yaml")
    assert caught.value.message.startswith("loop.yaml:")
    assert "refers to itself" in caught.value.message


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            "{principle: about, below: 50}",
            "principle 'about' is not scored, so this rule can never hold.",
        ),
        (
            "{principle: final, below: 50}",
            "principle 'final' is not scored, so this rule can never hold.",
        ),
        (
            "{overall: true, below: 50}",
            "this questionnaire has no overall score (scoring: overall: false), "
            "so this rule can never hold.",
        ),
    ],
)
def test_rules_on_unscored_parts_are_refused(write: Any, rule: str, message: str) -> None:
    """A rule on a part that is never scored, or on a missing overall, is an error."""
    text = (
        PARTS + f"recommendations:\n  - id: r\n    when: {rule}\n    title: T\n    actions: [A]\n"
    )
    result = validate_file(write("q.yaml", text))
    assert [p.message for p in result.problems if p.severity == "error"] == [message]


def test_questionnaire_without_bands_is_valid(parts: Path) -> None:
    """Bands are optional: a questionnaire without them validates with no problem."""
    assert validate_file(parts).problems == []


@pytest.mark.parametrize(
    ("sides", "message"),
    [
        ("agree: [4, 6]", "6 is not a level value of this scale."),
        ("agree: [3]\n    disagree: [1, 3]", "level 3 is listed twice in agree and disagree."),
    ],
)
def test_agreement_sides_must_be_levels_once(write: Any, sides: str, message: str) -> None:
    """'agree' and 'disagree' name the scale's own levels, each at most once."""
    text = PARTS.replace("  three:\n", f"  three:\n    {sides}\n").replace(
        "{value: 3, label: Good}", "{value: 3, label: Good}\n      - {value: 4, label: Best}"
    )
    result = validate_file(write("q.yaml", text))
    assert [p.message for p in result.problems if p.severity == "error"] == [message]


def test_question_descriptors_name_levels_of_its_scale(write: Any) -> None:
    """A question's 'descriptors' may only describe levels its scale has."""
    text = SMALL.replace(
        '{id: a1, type: scale, scale: five, text: "Do you ask what people can offer?"}',
        '{id: a1, type: scale, scale: five, text: "Ask?", descriptors: {9: Never.}}',
    )
    problems = [p for p in validate_file(write("q.yaml", text)).problems if p.severity == "error"]
    assert [p.message for p in problems] == ["9 is not a level value of scale 'five'."]


def test_for_names_known_perspectives(write: Any) -> None:
    """'for:' lists perspectives coprod knows; a typo would leave everyone unasked."""
    from tests.conftest import AUDIENCE

    text = AUDIENCE.replace("for: [staff]}", "for: [staf]}")
    problems = [p for p in validate_file(write("q.yaml", text)).problems if p.severity == "error"]
    assert [(p.path, p.message) for p in problems] == [
        ("principles[0].questions[1].for[0]", "'staf' is not a perspective.")
    ]


def test_show_says_who_a_question_is_for(audience: Path) -> None:
    """coprod show marks a question (or a principle's questions) asked of some perspectives only."""
    from typer.testing import CliRunner

    from coprod.cli import app

    shown = CliRunner().invoke(app, ["show", str(audience)]).stdout
    assert "People shape the budget.  [budget]  (for staff only)" in shown
    assert "There is a written policy.  [written]  (for staff, partner only)" in shown
    assert "[heard]  (for" not in shown
