"""The one merge rule (`dyad.merge.mergeable`) on mentions whose coding is given, so what is
tested is the rule alone: which two reports are one event."""
from __future__ import annotations

from dyad.merge import View, mergeable


def visit(src, tgt, date=None):
    return View("visit", src, tgt, "asserted", date)


def test_two_reports_of_one_visit_with_host_and_guest_read_the_other_way_round_are_one_event():
    # "Putin arrived in Beijing" and "Xi welcomed Putin" (coded as Xi's visit) on one day
    assert mergeable(visit("RUS", "CHN", "2024-05-16"), visit("CHN", "RUS", "2024-05-16"), across=True)
    assert mergeable(visit("RUS", "CHN", "2024-05-16"), visit("CHN", "RUS", "2024-05-17"), across=True)


def test_visits_in_opposite_directions_stay_two_events_apart_in_time_undated_or_in_one_article():
    # Xi's visit to Moscow in March is not Putin's visit to Beijing in October
    assert not mergeable(visit("CHN", "RUS", "2023-03-20"), visit("RUS", "CHN", "2023-10-17"), across=True)
    # with a day missing nothing says the two are days apart, not years
    assert not mergeable(visit("CHN", "RUS"), visit("RUS", "CHN", "2024-05-16"), across=True)
    # one article that names both visits means two
    assert not mergeable(visit("CHN", "RUS", "2024-05-16"), visit("RUS", "CHN", "2024-05-16"))
