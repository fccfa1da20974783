"""Checks that two generations of schemake-codegen differ only inside one table's blocks.

    locality.py OLD_DIR NEW_DIR TABLE CLASS

TABLE is the table's name as the diagrams and C comments show it, CLASS its
Python class. For every file of OLD_DIR, every changed line (difflib) must
lie in that table's block, on the old side and on the new side; and at
least one file must have changed. Exits 1 and says where otherwise.
"""
import difflib
import os
import re
import sys

old_dir, new_dir, table, cls = sys.argv[1:5]
t = re.escape(table)
c = re.escape(cls)
# file -> (start of the table's block, start of whatever follows a block)
blocks = {
    ".h": (r"^/\* ---- table %s ---- \*/$" % t, r"^(/\* ---- |#ifdef __cplusplus$)"),
    ".c": (r"^/\* ---- table %s ---- \*/$" % t, r"^/\* ---- "),
    "models.py": (r"^(class %s\(Base\):|t_%s = sa\.Table\()$" % (c, t), r"^(class \w+\(|t_\w+ = sa\.Table\()"),
    "schemas.py": (r"^class %sBase\(_Schema\):$" % c, r"^class (?!%s(Create|Read)\()\w+\(" % c),
    "er.mmd": (r"^    %s \{$" % t, r"^    \w+ \{$"),
    "er.dot": (r'^    "%s" \[label=<$' % t, r'^(    "\w+" \[label=<|\})$'),
}


def block(lines, start, nxt):
    """[first, end) of the block: from its start line to the next block's."""
    first = next(i for i, line in enumerate(lines) if re.match(start, line))
    end = next((i for i in range(first + 1, len(lines)) if re.match(nxt, lines[i])), len(lines))
    return first, end


bad = 0
changed = 0
for name in sorted(os.listdir(old_dir)):
    key = next(k for k in blocks if name.endswith(k))
    old = open(os.path.join(old_dir, name)).read().split("\n")
    new = open(os.path.join(new_dir, name)).read().split("\n")
    ob = block(old, *blocks[key])
    nb = block(new, *blocks[key])
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        changed += 1
        if not (ob[0] <= i1 and i2 <= ob[1] and nb[0] <= j1 and j2 <= nb[1]):
            bad += 1
            print("%s: change at old lines %d-%d / new %d-%d outside the block %s / %s of %s"
                  % (name, i1 + 1, i2, j1 + 1, j2, ob, nb, table))
if not changed:
    print("nothing changed")
    bad += 1
print("%d changes, %d outside %s's blocks" % (changed, bad, table))
sys.exit(1 if bad else 0)
