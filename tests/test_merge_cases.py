"""The hard cases of cross-article merging (issue 12), each on short articles whose coding
is not in doubt, so that what is tested is the merge: which reports become one event, and
which stay apart. Each explains itself with `dyad explain-event`."""
from __future__ import annotations

import json

from click.testing import CliRunner

from dyad.cli import main
from dyad.ingest import ingest
from dyad.store import connect


def stored(tmp_path, articles: list[dict]):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"language": "en", **a}) + "\n" for a in articles), encoding="utf-8")
    db = connect(tmp_path / "m.db")
    ingest([str(path)], db, profile="fast")
    return db


def events(db, plover="CONSULT", modality="asserted"):
    return db.query("SELECT e.id, e.date, e.block_date, e.type, e.num_articles, e.modality FROM events e "
                    "WHERE plover = ? AND modality = ? ORDER BY date, id", (plover, modality))


def articles_of(db, event_id) -> set[str]:
    return {r["url"] for r in db.query("SELECT DISTINCT a.url FROM event_mentions em JOIN articles a "
                                       "ON a.id = em.article_id WHERE em.event_id = ?", (event_id,))}


def test_the_same_pair_meeting_twice_in_one_month_is_two_events(tmp_path):
    db = stored(tmp_path, [
        {"url": "u/1", "published": "2025-03-03", "text": "Chinese President Xi Jinping met Russian President "
         "Vladimir Putin in Beijing on Monday, the Kremlin said."},
        {"url": "u/2", "published": "2025-03-03", "text": "Russian President Vladimir Putin held talks with "
         "Chinese President Xi Jinping in Beijing on Monday."},
        {"url": "u/3", "published": "2025-03-24", "text": "Chinese President Xi Jinping met Russian President "
         "Vladimir Putin in Moscow on Monday, state media said."},
    ])
    evs = events(db)
    assert [e["date"] for e in evs] == ["2025-03-03", "2025-03-24"]
    assert articles_of(db, evs[0]["id"]) == {"u/1", "u/2"} and articles_of(db, evs[1]["id"]) == {"u/3"}


def test_one_leader_meeting_many_counterparts_at_a_summit_is_one_event_per_pair(tmp_path):
    db = stored(tmp_path, [
        {"url": "s/1", "published": "2024-10-23", "text": "On the sidelines of the BRICS summit in Kazan on "
         "Wednesday, Russian President Vladimir Putin met Chinese President Xi Jinping."},
        {"url": "s/2", "published": "2024-10-23", "text": "Russian President Vladimir Putin met Indian Prime "
         "Minister Narendra Modi in Kazan on Wednesday on the sidelines of the BRICS summit."},
        {"url": "s/3", "published": "2024-10-23", "text": "Russian President Vladimir Putin held talks with "
         "Iranian President Masoud Pezeshkian in Kazan on Wednesday."},
    ])
    pairs = {tuple(sorted((r["source_country"], r["target_country"]))): r["n"] for r in db.query(
        "SELECT source_country, target_country, COUNT(*) AS n FROM events WHERE plover = 'CONSULT' "
        "AND modality = 'asserted' GROUP BY source_country, target_country")}
    assert sorted(pairs) == [("CHN", "RUS"), ("IND", "RUS"), ("IRN", "RUS")]
    assert all(n == 1 for n in pairs.values())


def test_a_preview_is_a_planned_event_never_a_report_of_the_visit(tmp_path):
    db = stored(tmp_path, [
        {"url": "p/1", "published": "2024-05-14", "text": "Russian President Vladimir Putin will pay a state "
         "visit to China on May 16-17 at the invitation of Chinese President Xi Jinping, the Kremlin said."},
        {"url": "p/2", "published": "2024-05-16", "text": "Chinese President Xi Jinping welcomed Russian "
         "President Vladimir Putin in Beijing on Thursday for a state visit."},
    ])
    done = events(db)
    assert len(done) == 1 and articles_of(db, done[0]["id"]) == {"p/2"}
    planned = events(db, modality="planned")
    assert planned and all(articles_of(db, e["id"]) == {"p/1"} for e in planned)


def test_a_background_mention_of_an_old_meeting_is_not_a_new_event(tmp_path):
    db = stored(tmp_path, [
        {"url": "b/1", "published": "2023-03-21", "text": "Chinese President Xi Jinping met Russian President "
         "Vladimir Putin in Moscow on Tuesday."},
        {"url": "b/2", "published": "2025-05-08", "text": "Since their meeting in Moscow on March 21, 2023, "
         "Xi Jinping and Vladimir Putin have signed dozens of agreements, analysts said on Thursday."},
    ])
    evs = events(db)
    # the 2023 meeting once; nothing dated on the 2025 publication day
    assert [e["date"] for e in evs] == ["2023-03-21"]


def test_a_reprint_with_a_new_headline_joins_the_same_event(tmp_path):
    body = ("Russian President Vladimir Putin held a phone call with Chinese President Xi Jinping on Tuesday, "
            "the Kremlin said. The two leaders discussed trade and the situation in the Middle East, and agreed "
            "to meet later this year. Putin congratulated Xi on the anniversary of the founding of the republic.")
    db = stored(tmp_path, [
        {"url": "r/1", "published": "2025-09-30", "title": "Putin and Xi talk by phone", "text": body},
        {"url": "r/2", "published": "2025-09-30", "title": "Kremlin: leaders discuss trade, Middle East",
         "text": body},
    ])
    evs = [e for e in events(db) if e["type"] in ("phone_call", "consult")]
    assert len(evs) == 1 and articles_of(db, evs[0]["id"]) == {"r/1", "r/2"}
    assert db.scalar("SELECT COUNT(*) FROM articles WHERE reprint_of IS NOT NULL") == 1
    assert db.scalar("SELECT num_sources FROM events WHERE id = ?", (evs[0]["id"],)) == 1


def test_a_month_only_date_joins_only_its_month(tmp_path):
    call = "Russian President Vladimir Putin held a phone call with Chinese President Xi Jinping, the Kremlin said."
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in [
        {"url": "m/1", "language": "en", "text": "date 2025-03\n\n" + call},
        {"url": "m/2", "language": "en", "text": "date 2025-03\n\n" + call.replace("the Kremlin", "Moscow")},
        {"url": "m/3", "language": "en", "text": "date 2025-07\n\n" + call.replace("the Kremlin", "TASS")},
    ]), encoding="utf-8")
    db = connect(tmp_path / "m.db")
    ingest([str(path)], db, profile="fast")
    assert db.query("SELECT url, published, published_partial FROM articles ORDER BY url")[0]["published"] is None
    evs = events(db)
    assert sorted(len(articles_of(db, e["id"])) for e in evs) == [1, 2]
    assert all(e["date"] is None for e in evs)


def test_a_month_only_report_joins_the_one_event_dated_in_its_month(tmp_path):
    call = "Russian President Vladimir Putin held a phone call with Chinese President Xi Jinping, the Kremlin said."
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in [
        {"url": "m/1", "language": "en", "text": "date 2025-03\n\n" + call},
        {"url": "m/2", "language": "en", "published": "2025-03-12",
         "text": call.replace("the Kremlin said", "on Tuesday, the Kremlin said")},
        {"url": "m/3", "language": "en", "text": "date 2025-03\n\n" + call.replace("the Kremlin", "TASS")},
        {"url": "m/4", "language": "en", "text": "date 2025-07\n\n" + call.replace("the Kremlin", "Xinhua")},
    ]), encoding="utf-8")
    db = connect(tmp_path / "m.db")
    ingest([str(path)], db, profile="fast")
    evs = events(db)
    # the dated report joins the month's undated one, and a later month-only report joins it
    assert sorted(sorted(articles_of(db, e["id"])) for e in evs) == [["m/1", "m/2", "m/3"], ["m/4"]]
    assert [e["date"] for e in evs if len(articles_of(db, e["id"])) == 3] == ["2025-03-11"]


def test_an_undated_report_never_joins_a_dated_event_on_what_it_reads_like(tmp_path):
    lead = ("Chinese President Xi Jinping and Russian President Vladimir Putin held talks in the Kremlin, "
            "pledging to deepen their strategic partnership and expand trade in national currencies.")
    db = stored(tmp_path, [
        {"url": "d/1", "published": "2023-03-21", "text": lead},
        {"url": "d/2", "text": lead.replace("pledging", "vowing")},  # no date anywhere: which year?
    ])
    evs = events(db)
    assert len(evs) == 2
    dated = [e for e in evs if e["block_date"]]
    assert len(dated) == 1 and articles_of(db, dated[0]["id"]) == {"d/1"}


def test_an_undated_report_joins_the_dated_event_several_reports_place_in_its_place(tmp_path):
    lead = ("Chinese President Xi Jinping and Russian President Vladimir Putin held talks in Beijing, "
            "pledging to deepen their strategic partnership and expand trade in national currencies.")
    db = stored(tmp_path, [
        {"url": "p/1", "published": "2024-05-16", "text": lead},
        {"url": "p/2", "published": "2024-05-16", "text": lead.replace("pledging", "vowing")},
        {"url": "p/3", "text": lead.replace("pledging", "promising")},  # no date, same place, same story
        {"url": "p/4", "text": lead.replace("Beijing", "Moscow")},  # no date, another place
    ])
    dated = [e for e in events(db) if e["block_date"]]
    assert len(dated) == 1 and articles_of(db, dated[0]["id"]) == {"p/1", "p/2", "p/3"}
    rule = db.scalar("SELECT em.merge_rule FROM event_mentions em JOIN articles a ON a.id = em.article_id "
                     "WHERE a.url = 'p/3' AND em.event_id = ?", (dated[0]["id"],))
    assert "same place" in rule and "cosine" in rule


def test_a_meeting_does_not_take_its_sides_from_the_summit_it_came_after(tmp_path):
    """"The meeting came after the summit between Trump and Putin": Trump and Putin are the
    parties of the summit recalled, not of the meeting reported, and the summit is recalled
    even though the meeting's own parties are named elsewhere."""
    db = stored(tmp_path, [
        {"url": "r/1", "published": "2025-08-15", "text": "US President Donald Trump met Russian President "
         "Vladimir Putin in Anchorage on Friday."},
        {"url": "r/2", "published": "2025-08-18", "text": "Ukrainian President Volodymyr Zelensky arrived at the "
         "White House on Monday. The meeting on Monday came after the summit in Alaska between Donald Trump and "
         "Vladimir Putin."},
        {"url": "r/3", "published": "2025-08-18", "text": "Ukrainian President Volodymyr Zelensky arrived at the "
         "White House on Monday. The meeting comes after Donald Trump's summit with Vladimir Putin in Alaska "
         "last Friday."},
    ])
    evs = [e for e in events(db) if e["num_articles"]]
    russia = [e for e in evs if articles_of(db, e["id"]) & {"r/1"}]
    assert len(russia) == 1 and articles_of(db, russia[0]["id"]) == {"r/1"}


def test_undated_reports_that_name_different_days_are_two_events(tmp_path):
    """Without any date but the day ("16日", "18日"), two meetings of a pair read alike;
    the days they name keep them apart, and the same day lets them join."""
    db = stored(tmp_path, [
        {"url": "j/1", "language": "ja", "text": "岸田文雄首相は16日、来日した韓国の尹錫悦大統領と首相官邸で会談した。"},
        {"url": "j/2", "language": "ja", "text": "岸田文雄首相は18日、韓国の尹錫悦大統領と首相官邸で会談した。"},
        {"url": "j/3", "language": "ja", "text": "岸田首相は16日、来日した韓国の尹錫悦大統領と首相官邸で会談した。"},
    ])
    groups = [articles_of(db, e["id"]) for e in events(db)]
    assert any({"j/1", "j/3"} <= g for g in groups)
    assert all(g == {"j/2"} for g in groups if "j/2" in g)


def test_an_undated_report_stored_before_the_dated_event_joins_it_once_it_is_dated(tmp_path):
    """The order of ingestion does not decide: undated reports stored first (one in the
    place, one that only reads like it) end in the dated event the later reports place
    there, as they would had they come after them."""
    lead = ("Chinese President Xi Jinping and Russian President Vladimir Putin held talks in Beijing, "
            "pledging to deepen their strategic partnership and expand trade in national currencies.")
    db = stored(tmp_path, [
        {"url": "o/3", "text": lead.replace("pledging", "promising")},  # no date, same place, same story
        {"url": "o/5", "text": lead.replace("pledging", "promising").replace(" in Beijing", "")},  # no place
        {"url": "o/4", "text": "Russian President Vladimir Putin welcomed Chinese President Xi Jinping at the "
         "Kremlin in Moscow, where the two leaders discussed the war in Ukraine and a new gas pipeline."},
        {"url": "o/1", "published": "2024-05-16", "text": lead},
        {"url": "o/2", "published": "2024-05-16", "text": lead.replace("pledging", "vowing")},
    ])
    dated = [e for e in events(db) if e["block_date"]]
    assert len(dated) == 1 and articles_of(db, dated[0]["id"]) == {"o/1", "o/2", "o/3", "o/5"}
    rule = db.scalar("SELECT em.merge_rule FROM event_mentions em JOIN articles a ON a.id = em.article_id "
                     "WHERE a.url = 'o/3' AND em.event_id = ?", (dated[0]["id"],))
    assert "moved to the dated event" in rule and "cosine" in rule
    assert len(events(db)) == 2  # the Moscow report stays apart


def test_placing_undated_reports_runs_no_encoder_inside_the_write_transaction(tmp_path, monkeypatch):
    """Two ingests writing one database wait for each other's transaction: the article
    vectors that placing an undated report (or drawing undated reports into a dated event)
    compares are computed before the writer's lock is taken, whichever order the reports
    come in."""
    from dyad import ingest as ingest_mod, stories

    lead = ("Chinese President Xi Jinping and Russian President Vladimir Putin held talks in Beijing, "
            "pledging to deepen their strategic partnership and expand trade in national currencies.")
    arts = [{"url": "t/3", "text": lead.replace("pledging", "promising")},
            {"url": "t/1", "published": "2024-05-16", "text": lead},
            {"url": "t/2", "published": "2024-05-16", "text": lead.replace("pledging", "vowing")},
            {"url": "t/4", "text": lead.replace("pledging", "hoping")}]
    encode = stories._embed
    for name, order in (("first", arts), ("last", arts[1:3] + [arts[0], arts[3]])):
        db = connect(tmp_path / f"{name}.db")
        inside = []

        def watched(texts):
            inside.append(db.conn.in_transaction)
            return encode(texts)

        monkeypatch.setattr(stories, "_embed", watched)
        ingest_mod._PREPARED.clear()
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps({"language": "en", **a}) + "\n" for a in order), encoding="utf-8")
        ingest([str(path)], db, profile="fast")
        assert inside and not any(inside), name
        dated = [e for e in events(db) if e["block_date"]]
        assert len(dated) == 1 and articles_of(db, dated[0]["id"]) == {"t/1", "t/2", "t/3", "t/4"}, name


def test_a_video_call_and_a_phone_call_on_different_days_are_two_events(tmp_path):
    db = stored(tmp_path, [
        {"url": "v/1", "published": "2025-01-21", "text": "Chinese President Xi Jinping held a video call with "
         "Russian President Vladimir Putin on Tuesday."},
        {"url": "v/2", "published": "2025-01-24", "text": "Russian President Vladimir Putin held a phone call "
         "with Chinese President Xi Jinping on Friday."},
    ])
    evs = events(db)
    assert [(e["date"], e["type"]) for e in evs] == [("2025-01-21", "video_call"), ("2025-01-24", "phone_call")]


def test_explain_event_names_the_rule_that_joined_each_report(tmp_path):
    db = stored(tmp_path, [
        {"url": "x/1", "published": "2025-03-03", "text": "Chinese President Xi Jinping met Russian President "
         "Vladimir Putin in Beijing on Monday."},
        {"url": "x/2", "published": "2025-03-04", "text": "Russian President Vladimir Putin and Chinese "
         "President Xi Jinping held talks in Beijing on Monday, the Kremlin said on Tuesday."},
    ])
    (eid,) = [e["id"] for e in events(db)]
    db.close()
    out = CliRunner().invoke(main, ["explain-event", str(eid), "--db", str(tmp_path / "m.db")])
    assert out.exit_code == 0, out.output
    assert "2 mention(s) in 2 article(s)" in out.output
    assert "joined: first report" in out.output
    assert "joined: same CONSULT of CHN|RUS on the same day" in out.output
    js = json.loads(CliRunner().invoke(main, ["explain-event", str(eid), "--db", str(tmp_path / "m.db"),
                                              "--json"]).output)
    assert [m["url"] for m in js["mentions"]] == ["x/1", "x/2"]
    missing = CliRunner().invoke(main, ["explain-event", "999", "--db", str(tmp_path / "m.db")])
    assert missing.exit_code == 1 and "no event 999" in missing.output


def test_an_undated_report_and_a_dated_one_of_a_call_are_one_event_in_either_order(tmp_path):
    undated = {"url": "c/1", "published": "2025-03-05", "text": "Chinese President Xi Jinping held a phone call "
               "with Russian President Vladimir Putin, state media said."}
    dated = {"url": "c/2", "published": "2025-03-04", "text": "Chinese President Xi Jinping held a phone call "
             "with Russian President Vladimir Putin on Monday, the Kremlin said."}
    for i, order in enumerate(([undated, dated], [dated, undated])):
        (tmp_path / str(i)).mkdir()
        db = stored(tmp_path / str(i), order)
        evs = events(db)
        assert [e["date"] for e in evs] == ["2025-03-03"], order
        assert articles_of(db, evs[0]["id"]) == {"c/1", "c/2"}


def test_two_undated_reports_in_one_language_need_to_read_more_alike_than_across_languages(tmp_path, monkeypatch):
    # every two articles at cosine 0.88: above the bar between languages, below the bar
    # within one (two texts in one language read alike for their language alone)
    import numpy as np

    from dyad import ingest as ingest_mod

    def vector(db, article_id, doc=None):
        v = np.zeros(64, dtype=np.float32)
        v[0], v[article_id] = 0.88 ** 0.5, 0.12 ** 0.5
        return v

    monkeypatch.setattr(ingest_mod, "article_vector", vector)
    monkeypatch.setattr(ingest_mod, "prepare_vectors", lambda db, doc: 0)
    en = "Chinese President Xi Jinping held talks with Russian President Vladimir Putin, state media said."
    db = stored(tmp_path, [
        {"url": "l/1", "text": en},
        {"url": "l/2", "text": en.replace("state media", "the Kremlin")},
        {"url": "l/3", "language": "es", "text": "El presidente chino, Xi Jinping, mantuvo conversaciones con "
         "el presidente ruso, Vladímir Putin, según medios estatales."},
    ])
    groups = [articles_of(db, e["id"]) for e in events(db)]
    assert not any({"l/1", "l/2"} <= g for g in groups)  # one language, 0.88: two events
    assert any("l/3" in g and len(g) == 2 for g in groups)  # across languages, 0.88: joined
