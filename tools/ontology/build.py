"""Build src/dyad/data/ontology.json from the official CAMEO->PLOVER table and the files here.

    python tools/ontology/build.py ../shared/reference/plover/CAMEO2PLOVER-2021.txt

Inputs:
- the CAMEO2PLOVER-2021 table (PLOVER codebook, Open Event Data Alliance, CC BY-SA 4.0):
  each CAMEO code's PLOVER type, mode and context, copied exactly;
- names.tsv and goldstein.tsv: CAMEO code names and Goldstein scores as GDELT publishes them
  (CAMEO.eventcodes.txt, CAMEO.goldsteinscale.txt); 1213 and 1214 take their names from the
  table and the score of their siblings;
- types.tsv: dyad's named event types (what lexicons say), each a CAMEO code;
- behaviour.json: what each PLOVER type needs (actors, place, modality, merge rule) and
  the per-type overrides.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE.parent.parent / "src" / "dyad" / "data" / "ontology.json"


def read_table(path: Path) -> dict[str, dict]:
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),([^#]*)#\s*(.*)$", line)
        if not m:
            continue
        code, plover, mode, context, comment = (x.strip() for x in m.groups())
        if code in rows:  # 175 is listed twice, with the same columns
            continue
        contexts = [c.strip() for c in context.split(";") if c.strip()]
        rows[code] = {"plover": plover, "mode": mode or None,
                      "context": contexts or None, "table_name": comment.split("  ")[0].strip()}
    return rows


def read_tsv(name: str) -> list[list[str]]:
    return [l.split("\t") for l in (HERE / name).read_text(encoding="utf-8").splitlines()
            if l.strip() and not l.startswith("#")]


def quad(code: str) -> int:
    r = int(code[:2])
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def main(table_path: str) -> None:
    table = read_table(Path(table_path))
    names = {c: n for c, n in read_tsv("names.tsv")}
    gold = {c: float(g) for c, g in read_tsv("goldstein.tsv")}
    behaviour = json.loads((HERE / "behaviour.json").read_text(encoding="utf-8"))
    cameo = {}
    for code in sorted(set(names) | set(table), key=lambda c: (c[:2], c)):
        row = table.get(code)
        rec = {"name": names.get(code) or row["table_name"], "goldstein": gold[code], "quad_class": quad(code),
               "level": len(code) - 1 if len(code) > 2 else 1}
        if row:
            rec.update(plover=row["plover"], mode=row["mode"], context=row["context"], source="CAMEO2PLOVER-2021")
        elif code[:2] == "02":
            # CAMEO 02 (appeal) is not in the 2021 table (the codebook dropped it); PLOVER's
            # REQUEST covers "all requests, demands, and orders", so dyad maps appeals there
            rec.update(plover="REQUEST", mode=None, context=None, source="dyad: CAMEO 02 is not in the table")
        elif code == "01" or code[:2] == "01":
            # CAMEO 01 (public statements) was dropped from PLOVER: no event type
            rec.update(plover=None, mode=None, context=None, source="not in the table (PLOVER dropped CAMEO 01)")
        elif len(code) == 2:
            sub = [table[c]["plover"] for c in table if c[:2] == code and len(c) == 3]
            rec.update(plover=sub[0] if sub and len(set(sub)) == 1 else None, mode=None, context=None,
                       source="root: the type of its codes" if sub and len(set(sub)) == 1 else "root: no single type")
        else:
            raise SystemExit(f"CAMEO {code} is neither in the table nor a root")
        cameo[code] = rec
    types = {}
    for key, code, mode, desc in read_tsv("types.tsv"):
        assert code in cameo, code
        t = {"cameo": code, "description": desc}
        if mode != "-":
            t["plover_mode"] = mode
        t.update(behaviour["types"].get(key, {}))
        types[key] = t
    out = {
        "about": behaviour["about"],
        "plover": behaviour["plover"],
        "cameo": cameo,
        "types": types,
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(cameo)} CAMEO codes, {len(types)} named types")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/plover/CAMEO2PLOVER-2021.txt")
