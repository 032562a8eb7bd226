#!/usr/bin/env python3
"""Rebuild assets/fonts/NotoSansSC-subset.otf: Noto Sans CJK SC Regular cut down to GB 2312
(every character of the mainland standard set) plus CJK punctuation, full-width forms, arrows
and the symbols the app draws (✓ ⚠ ⓘ ⬅ ▶). Needs Debian's fonts-noto-cjk and `pip install fonttools`."""
import sys
from fontTools import subset

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SC_INDEX = 2  # "Noto Sans CJK SC" inside the collection
OUT = "assets/fonts/NotoSansSC-subset.otf"

chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for lo, hi in [(0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2010, 0x2027), (0x2030, 0x205E),
               (0x2190, 0x21FF), (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x2600, 0x26FF),
               (0x2700, 0x27BF), (0x2B00, 0x2BFF)]:
    chars.update(chr(c) for c in range(lo, hi + 1))

options = subset.Options()
options.font_number = SC_INDEX
options.layout_features = ["*"]
options.name_IDs = ["*"]
options.name_languages = ["*"]
options.hinting = False
font = subset.load_font(SOURCE, options)
subsetter = subset.Subsetter(options)
subsetter.populate(text="".join(sorted(chars)))
subsetter.subset(font)
subset.save_font(font, OUT, options)
print(f"{OUT}: {len(chars)} characters", file=sys.stderr)
