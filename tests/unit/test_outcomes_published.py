"""Single-system design indices checked against a worked example from the published literature.

Source of the example
---------------------
Parker, R. I., Vannest, K. J., & Davis, J. L. (2011). Effect size in single-case research: A review
of nine nonoverlap techniques. *Behavior Modification, 35*(4), 303-322. doi:10.1177/0145445511399147
(title page and abstract read at
https://studylib.net/doc/18221111/effect-size-in-single-case-research--a-review-of-nine-non...).

How the numbers were obtained (read this before relying on the tests)
----------------------------------------------------------------------
The body of the article (its figures and page numbers) could not be read from here. The input data
and the results below were read in the SingleCaseES package's test file that reproduces the
article's worked examples, ``tests/testthat/test-parker-vannest-davis-2011.R`` (context "Parker,
Vannest, and Davis (2011)."), at
https://github.com/jepusto/SingleCaseES/blob/46fb768397676abb84d841cac0b0a54015a85e0e/tests/testthat/test-parker-vannest-davis-2011.R
(also at https://rdrr.io/cran/SingleCaseES/src/tests/testthat/test-parker-vannest-davis-2011.R).
SingleCaseES is Pustejovsky, Chen & Swan's CRAN package. So the figure/page of the article on which
each example sits is NOT verified; the values are the package authors' transcription, written there
as exact fractions (5/7, 38.5/42, 11/20), which is why the tests assert the fractions themselves.

Not tested here, because they do not correspond to a function in mswlab.outcomes: PAND (1 - 2/13),
PEM (7/7), robust IRD (6/7 - 1/6), and plain Tau without trend correction ((38 - 3)/42) from the same
file. No published GAS worked example with numbers could be read (Turner-Stokes 2009 and its erratum
were only readable as far as the corrected formula, which is the one gas_tscore uses), so GAS is not
covered here.
"""

import pytest

from mswlab import outcomes

# Example 1 of the file: a 6-point baseline and a 7-point intervention phase; improvement = increase.
A1 = [20, 20, 26, 25, 22, 23]
B1 = [28, 25, 24, 27, 30, 30, 29]

# Example 2 of the file (used there for Tau-U): 4 baseline and 5 intervention points; increase.
A2 = [3, 3, 4, 5]
B2 = [4, 5, 6, 7, 7]


def test_pnd_matches_parker_vannest_davis_2011_example_1():
    """PND (Scruggs, Mastropieri & Casto, 1987) for example 1: published as 5/7.

    Source: Parker, Vannest & Davis (2011), Behavior Modification 35(4):303-322, as transcribed in
    SingleCaseES tests/testthat/test-parker-vannest-davis-2011.R, test "PND is correct."
    (``expect_equal(5 / 7, pnd$Est)``), URL in the module docstring. SingleCaseES reports PND as a
    proportion; mswlab.outcomes.pnd reports a percentage, so the published value is multiplied by 100.
    """
    # Highest baseline point: 26. Intervention points above 26: 28, 27, 30, 30, 29 -> 5 of 7
    # (25 and 24 are not). 100 * 5 / 7 = 71.428571...
    assert outcomes.pnd(A1, B1) == pytest.approx(100 * 5 / 7, abs=5e-4)
    assert outcomes.pnd(A1, B1) == pytest.approx(71.429, abs=5e-4)


def test_nap_matches_parker_vannest_davis_2011_example_1():
    """NAP (Parker & Vannest, 2009) for example 1: published as 38.5/42.

    Source: Parker, Vannest & Davis (2011), Behavior Modification 35(4):303-322, as transcribed in
    SingleCaseES tests/testthat/test-parker-vannest-davis-2011.R, test "NAP is correct."
    (``expect_equal(38.5 / 42, nap$Est)``), URL in the module docstring. Same definition as ours:
    share of the nA x nB pairs in which the intervention point is higher, ties counted as half.
    """
    # 6 x 7 = 42 pairs. For each B point, the A points (20, 20, 26, 25, 22, 23) it beats / ties:
    # 28 -> 6; 25 -> 4 (20, 20, 22, 23) + tie with 25 = 4.5; 24 -> 4 (20, 20, 22, 23);
    # 27 -> 6; 30 -> 6; 30 -> 6; 29 -> 6.  Sum = 6 + 4.5 + 4 + 6 + 6 + 6 + 6 = 38.5.
    # 38.5 / 42 = 0.916667
    assert outcomes.nap(A1, B1) == pytest.approx(38.5 / 42, abs=5e-4)
    assert outcomes.nap(A1, B1) == pytest.approx(0.917, abs=5e-4)


def test_tau_u_matches_parker_vannest_davis_2011_example_2():
    """Tau-U "A vs B - trend A" for example 2: published as 11/20.

    Source: Parker, Vannest & Davis (2011), Behavior Modification 35(4):303-322, as transcribed in
    SingleCaseES tests/testthat/test-parker-vannest-davis-2011.R, test "Tau-U is correct (example 2)."
    (``expect_equal(11 / 20, tauU$Est)``), URL in the module docstring. That version divides
    (S_AB - S_A) by nA * nB, the same denominator as mswlab.outcomes.tau_u. Pustejovsky ("What is
    Tau-U?", https://www.jepusto.com/what-is-tau-u/) notes that the definition shifted between the
    original Tau-U paper (Parker, Vannest, Davis & Sauber, 2011, Behavior Therapy 42(2):284-299) and
    later presentations, so this test vouches only for the nA * nB version.
    """
    # S_AB over the 4 x 5 = 20 pairs (better - worse):
    #   A = 3 (twice): 4, 5, 6, 7, 7 all better -> +5 each = +10
    #   A = 4: 4 tie, 5, 6, 7, 7 better -> +4
    #   A = 5: 4 worse, 5 tie, 6, 7, 7 better -> 3 - 1 = +2          S_AB = 16
    # S_A, baseline trend over the 6 ordered pairs of (3, 3, 4, 5):
    #   3-3 tie, 3-4 +, 3-5 +, 3-4 +, 3-5 +, 4-5 + -> S_A = 5
    # Tau-U = (16 - 5) / 20 = 11 / 20 = 0.55
    assert outcomes.tau_u(A2, B2) == pytest.approx(11 / 20, abs=5e-4)
    assert outcomes.tau_u(A2, B2) == pytest.approx(0.550, abs=5e-4)
