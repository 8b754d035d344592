#!/usr/bin/python3
# readme-examples.py: the README quotes the example programs exactly.
#
# A fenced block that follows a line `<!-- example: PATH -->` must be the
# whole of PATH (relative to the source root), so what readers copy is
# what the tests build and run.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import re
import sys
from pathlib import Path

root = Path(sys.argv[1])
readme = (root / 'README.md').read_text()
blocks = re.findall(r'<!-- example: (\S+) -->\n```[a-z]*\n(.*?)```\n', readme, re.S)
failed = 0
print(f'1..{max(len(blocks), 1)}')
if not blocks:
    print('not ok 1 - the README quotes no example')
    sys.exit(1)
for number, (path, code) in enumerate(blocks, 1):
    if (root / path).read_text() == code:
        print(f'ok {number} - README quotes {path}')
    else:
        failed += 1
        print(f'not ok {number} - README differs from {path}')
sys.exit(1 if failed else 0)
