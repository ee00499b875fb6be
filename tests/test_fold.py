"""Several real events that a coder folded into one, and sentences a scraper glued."""
from dyad.sentences import split


def _texts(t):
    return [t[s.start:s.end] for s in split(t)]


def test_glued_full_stop_ends_a_sentence():
    # a page flattened by a scraper: no space after the full stop
    assert _texts("a transmis Jandarmeria Bucuresti.Protestatarii au un banner mare.") == [
        "a transmis Jandarmeria Bucuresti.", "Protestatarii au un banner mare."]
    assert len(split("روابط خود را با ایران قطع کرده است.سودان هم سفیر ایران را اخراج کرده بود.")) == 2


def test_glued_dot_in_names_and_addresses_is_kept():
    for t in ("See www.Example.Com and ASP.NET today.", "Read news.bg and the U.S.Army report.",
              "Visit https://site.com/Path.Html now.", "It costs 3.5 euros."):
        assert len(split(t)) == 1, t
