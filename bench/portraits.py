#!/usr/bin/env python3
"""Gives every person of a generated site (bench/gen_corpus.py) a portrait
of a phone's size: 3000 x 4000 pixels, camera grain, EXIF with a GPS
position, 1.5 to 2 MB. Sixteen base photos are drawn; each person's file is
one of them with a comment segment of its own, so every file has its own
bytes (and its own cache entry) while drawing stays quick."""

import argparse
import os
import random
import struct

from PIL import Image, ImageDraw, ImageFilter


def base_photo(seed, w=3000, h=4000):
    rnd = random.Random(seed)
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    top = (rnd.randint(150, 230), rnd.randint(150, 230), rnd.randint(150, 230))
    bottom = (rnd.randint(40, 120), rnd.randint(40, 120), rnd.randint(40, 120))
    for y in range(0, h, 4):
        t = y / h
        c = tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3))
        d.rectangle([0, y, w, y + 4], fill=c)
    d.ellipse([w * 0.3, h * 0.15, w * 0.7, h * 0.5], fill=(222, 184, 150))
    d.rectangle([w * 0.15, h * 0.55, w * 0.85, h], fill=(rnd.randint(20, 90), 60, 120))
    img = img.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise((w, h), 22).convert("RGB")
    img = Image.blend(img, noise, 0.12)
    exif = Image.Exif()
    exif[0x010F] = "Samsung"
    exif[0x0110] = "SM-A546E"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (21.0, 51.0, 7.0), "E", (106.0, 45.0, 40.0)
    path = f"/tmp/bangvang-portrait-{seed}.jpg"
    img.save(path, "JPEG", quality=90, exif=exif.tobytes())
    with open(path, "rb") as f:
        return f.read()


def with_comment(jpeg, text):
    body = text.encode()
    return jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(body) + 2) + body + jpeg[2:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site", help="a site made by gen_corpus.py (its bangvang/ folder)")
    args = ap.parse_args()
    people = os.path.join(args.site, "content", "people")
    bases = [base_photo(s) for s in range(16)]
    total = 0
    for k, name in enumerate(sorted(os.listdir(people))):
        if not name.endswith(".md"):
            continue
        slug = name[:-3]
        jpeg = with_comment(bases[k % len(bases)], f"portrait {slug}")
        with open(os.path.join(people, slug + ".jpg"), "wb") as f:
            f.write(jpeg)
        total += len(jpeg)
        path = os.path.join(people, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        head, sep, rest = text.partition("\nunit = ")
        line, nl, tail = rest.partition("\n")
        text = f'{head}{sep}{line}\nphoto = "{slug}.jpg"{nl}{tail}'
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    print(f"portraits: {k + 1} files, {total / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
