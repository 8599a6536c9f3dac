#!/usr/bin/env python3
"""The query set of bench/search.sh, drawn from a corpus of bench/gen_corpus.py.

  python3 bench/search_queries.py --corpus DIR/bangvang --out queries.json [--seed 7]

Picks people, units and movements whose name no other page of its kind
shares (a query for a name with namesakes has no single right answer) and
writes each as it would be typed: correctly written, without diacritics, with
wrong tones, with d for đ, with one typo, by given name only, and unit and
movement titles without diacritics. Each query names the page it should find
(its URL path, the same in bangvang's and Pagefind's index of the one site).
"""
import argparse
import json
import os
import random
import re
import unicodedata

TONES = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not ("\u0300" <= c <= "\u036f"))
    return unicodedata.normalize("NFC", s).lower()


def words(s):
    return [w for w in re.split(r"[^\w]+", s.lower()) if w]


def wrong_tones(rng, name):
    """Moves or changes the tone of one or two words (keeps the other marks)."""
    out = []
    ws = name.split(" ")
    pick = set(rng.sample(range(len(ws)), min(2, len(ws))))
    for i, w in enumerate(ws):
        d = unicodedata.normalize("NFD", w)
        tones = [c for c in d if c in TONES]
        base = "".join(c for c in d if c not in TONES)
        if i in pick:
            choices = [t for t in TONES + [""] if t not in tones]
            t = rng.choice(choices)
            vowels = [k for k, c in enumerate(base) if c.lower() in "aeiouy"]
            if vowels and t:
                k = vowels[-1] if len(vowels) == 1 else vowels[len(vowels) // 2]
                while k + 1 < len(base) and unicodedata.combining(base[k + 1]):
                    k += 1
                base = base[: k + 1] + t + base[k + 1:]
            d = base
        out.append(unicodedata.normalize("NFC", d))
    return " ".join(out)


def typo(rng, text):
    """One edit (swap, drop, double or change a letter) in a word of 4+ letters."""
    ws = text.split(" ")
    cands = [i for i, w in enumerate(ws) if len(w) >= 4 and w.isalpha()]
    if not cands:
        return None
    i = rng.choice(cands)
    w = ws[i]
    k = rng.randrange(1, len(w) - 1)
    op = rng.choice(["swap", "drop", "double", "change"])
    if op == "swap":
        w = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    elif op == "drop":
        w = w[:k] + w[k + 1:]
    elif op == "double":
        w = w[:k] + w[k] + w[k:]
    else:
        w = w[:k] + rng.choice([c for c in "aeioumnhtg" if c != w[k]]) + w[k + 1:]
    ws[i] = w
    return " ".join(ws)


def front(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'^(name|title) = "(.*)"$', text, re.M)
    return m.group(2) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True, help="the bangvang/ folder of a gen_corpus.py output")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--people", type=int, default=30)
    ap.add_argument("--units", type=int, default=27)
    ap.add_argument("--movements", type=int, default=15)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    content = os.path.join(a.corpus, "content")

    def load(folder, url):
        items = []
        for f in sorted(os.listdir(os.path.join(content, folder))):
            if f.endswith(".md") and not f.startswith("_"):
                name = front(os.path.join(content, folder, f))
                if name:
                    items.append((name, f"/{url}/{f[:-3]}/"))
        counts = {}
        for name, _ in items:
            counts[fold(name)] = counts.get(fold(name), 0) + 1
        return [i for i in items if counts[fold(i[0])] == 1]

    people = load("people", "ca-nhan")
    units = load("units", "don-vi")
    movements = load("movements", "phong-trao")
    qs = []

    def add(kind, q, name, url):
        if q:
            qs.append({"type": kind, "q": q, "name": name, "url": url})

    for name, url in rng.sample(people, min(a.people, len(people))):
        add("correct", name, name, url)
        add("no diacritics", fold(name), name, url)
        add("wrong tones", wrong_tones(rng, name), name, url)
        add("one typo", typo(rng, fold(name)), name, url)
        add("given name only", fold(name.split(" ")[-1]), name, url)
    with_d = [p for p in people if "đ" in p[0].lower()]
    for name, url in rng.sample(with_d, min(a.people // 2, len(with_d))):
        add("d for đ", name.replace("đ", "d").replace("Đ", "D"), name, url)
    for name, url in rng.sample(units, min(a.units, len(units))):
        add("unit name", fold(name), name, url)
        add("correct", name, name, url)
    for name, url in rng.sample(movements, min(a.movements, len(movements))):
        add("movement title", fold(name), name, url)
        add("one typo", typo(rng, fold(name)), name, url)
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(qs, f, ensure_ascii=False, indent=1)
    print(f"{len(qs)} queries for {a.people} people, {a.units} units, {a.movements} movements -> {a.out}")


if __name__ == "__main__":
    main()
