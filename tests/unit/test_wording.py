"""The wording check: British spellings and the slips that joining text can make."""

from __future__ import annotations

from mswlab import wording
from mswlab.wording import phrase, sentence


def test_british_spellings_are_named_with_the_us_form_but_real_names_keep_theirs():
    found = wording.british_spellings(
        "Practise recognising behaviour at the Centre; cite Behaviour Research "
        "and Therapy; see https://example.org/behaviour and `colour.py`."
    )
    assert found == [
        "'Practise' (write 'Practice')",
        "'recognising' (write 'recognizing')",
        "'behaviour' (write 'behavior')",
        "'Centre' (write 'Center')",
    ]
    assert wording.british_spellings("Data analyses of behavior in the program") == []


def test_doubled_words_and_punctuation_are_flagged_but_an_ellipsis_is_not():
    assert wording.slips("the 2026 format format") == ["doubled word 'format format'"]
    found = wording.slips("Speak to him.. Not best. Meet next week.; then wait... calmly, e.g., now?.")
    assert len(found) == 3 and all(f.startswith("doubled punctuation") for f in found)
    assert [next(w for w in f.split() if w in ("him..", "week.;", "now?.'")).rstrip("'") for f in found] == [
        "him..",
        "week.;",
        "now?.",
    ]
    assert wording.slips("Wait... then act. Use a ratio of 3:1, e.g., this; and, also: that.") == []


def test_option_text_joins_a_sentence_without_doubling_its_punctuation():
    assert (
        f"You chose {phrase('Meet next week.')}; the best is {sentence('Ask him.')}"
        == "You chose Meet next week; the best is Ask him."
    )
    assert sentence("What will it serve?") == "What will it serve?" and sentence("Ask") == "Ask."
