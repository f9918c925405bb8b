"""Invented text for tests: deterministic, and never copied from anywhere."""

from __future__ import annotations

import json
import random
from pathlib import Path

# Words for random filler; random sequences share almost no word 3-grams,
# so generated documents are never near duplicates of each other.
VOCABULARY = [
    "kota",
    "provinsi",
    "kerja",
    "sama",
    "wali",
    "gubernur",
    "delegasi",
    "kunjungan",
    "forum",
    "jaringan",
    "sampah",
    "banjir",
    "transportasi",
    "pendidikan",
    "budaya",
    "pariwisata",
    "investasi",
    "air",
    "kesehatan",
    "energi",
    "iklim",
    "taman",
    "pasar",
    "pelabuhan",
    "sekolah",
    "rumah",
    "jalan",
    "sungai",
    "city",
    "council",
    "mayor",
    "partner",
    "network",
    "climate",
    "waste",
    "harbour",
    "school",
    "market",
    "ville",
    "maire",
    "région",
    "coopération",
    "jumelage",
    "accord",
    "réseau",
    "climat",
    "déchets",
]

SISTER_CITY_ID = (
    "Pemerintah Kota Tanjung Sari dan Kota Halden resmi menjalin hubungan kota kembar "
    "setelah penandatanganan nota kesepahaman di balai kota pada hari Senin. Kerja sama "
    "ini mencakup pengelolaan sampah, pertukaran pelajar, dan promosi pariwisata. Wali "
    "Kota Tanjung Sari mengatakan kedua kota akan membentuk kelompok kerja bersama yang "
    "bertemu setiap tiga bulan untuk menilai kemajuan program. Delegasi Halden juga "
    "meninjau bank sampah di tiga kelurahan dan pasar tradisional yang baru ditata."
)
CLIMATE_EN = (
    "The council of Vellmar hosted mayors from twelve coastal towns for a two-day forum "
    "on climate adaptation. Participants compared flood barriers, early warning systems "
    "and the financing of green infrastructure, and agreed to publish a shared handbook "
    "before the end of the year. The network will meet again next spring in Lembang Raya."
)
JUMELAGE_FR = (
    "La ville de Saint-Aubrac et la commune de Kerlouan ont signé un accord de jumelage "
    "portant sur la culture, l'éducation et la gestion des déchets. Le maire a rappelé "
    "que les échanges scolaires ont commencé il y a dix ans et que les deux conseils "
    "municipaux se rencontreront chaque année pour faire le point sur les projets communs."
)


def filler(seed: int, words: int = 80) -> str:
    generator = random.Random(seed)
    return " ".join(generator.choice(VOCABULARY) for _ in range(words)) + "."


def edit_one_word(text: str) -> str:
    """A copy that differs by one word: a near duplicate at any sensible threshold."""
    words = text.split()
    middle = len(words) // 2
    words[middle] = words[middle] + "nya"
    return " ".join(words)


def write_jsonl(path: Path, count: int, *, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(start, start + count):
            record = {"id": f"gen-{number}", "title": f"Generated {number}", "text": filler(number)}
            handle.write(json.dumps(record) + "\n")
    return path
