"""Near-duplicate detection by MinHash over word shingles, with LSH banding.

Signatures and band keys are plain numbers so the store can keep them and
find candidates with an indexed lookup; that is what lets de-duplication work
across separate runs and on PostgreSQL as well as SQLite. Hashes are stable
across processes (CRC-32 and BLAKE2, never Python's salted ``hash``).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 3
_SHIFT = np.uint64(32)
_EMPTY = (1 << 32) - 1
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LshParams:
    bands: int
    rows: int


@lru_cache(maxsize=4)
def _permutations(num_perm: int = NUM_PERM) -> tuple[np.ndarray, np.ndarray]:
    """Multiply-shift hash functions ``(a·x + b) mod 2^64 >> 32`` with odd ``a``.

    A universal family like datasketch's ``(a·x + b) mod (2^61 − 1)``, without
    the modulo, which is the slowest step in numpy.
    """
    generator = np.random.RandomState(1)  # fixed seed: signatures must agree across runs
    a = generator.randint(1, 1 << 63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = generator.randint(0, 1 << 63, size=num_perm, dtype=np.uint64)
    return a, b


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased word n-grams; a text shorter than ``size`` words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signature (uint32 values) of the text's shingle set."""
    values = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles(text)), dtype=np.uint64)
    if values.size == 0:
        return np.full(num_perm, _EMPTY, dtype=np.uint32)
    a, b = _permutations(num_perm)
    hashed = (np.multiply.outer(values, a) + b) >> _SHIFT
    return hashed.min(axis=0).astype(np.uint32)


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(first == second)) / len(first)


# Candidates are checked against the full signature afterwards, so a false
# positive costs one comparison while a false negative loses a duplicate.
MIN_RECALL_AT_THRESHOLD = 0.99


@lru_cache(maxsize=16)
def lsh_params(threshold: float, num_perm: int = NUM_PERM) -> LshParams:
    """Bands and rows that find nearly every pair at ``threshold`` with fewest strays.

    datasketch's ``MinHashLSH`` balances false positives against false
    negatives, which at 0.9 leaves a fifth of the pairs right at the threshold
    undiscovered. Here recall at the threshold is a constraint (99 %), and the
    split is chosen to minimise the chance that dissimilar pairs become
    candidates (the integral of the candidate curve below the threshold).
    """
    grid = np.linspace(0.0, threshold, 201)
    best: tuple[float, LshParams] | None = None
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if 1.0 - (1.0 - threshold**rows) ** bands < MIN_RECALL_AT_THRESHOLD:
            continue
        strays = float(np.trapezoid(1.0 - (1.0 - grid**rows) ** bands, grid))
        if best is None or strays < best[0]:
            best = (strays, LshParams(bands, rows))
    return best[1] if best else LshParams(num_perm, 1)


def band_keys(sig: np.ndarray, params: LshParams) -> list[int]:
    """One signed 64-bit key per band: equal keys make two documents candidates."""
    keys = []
    for band in range(params.bands):
        chunk = sig[band * params.rows : (band + 1) * params.rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys
