"""reportlab's own lock-down, the second line of defence behind fonts.markup's escaping.

printprog.pdf.writer sets ``rl_config.trustedHosts`` and ``trustedSchemes`` to ``[]``. Here raw,
unescaped markup (what escaping prevents from ever reaching reportlab) is fed to a Paragraph
in a child process whose audit hook records every file opened and every socket call: a
``file:`` or ``http:`` URL in ``<img src>`` must open neither. A plain path is NOT covered by
reportlab's lock-down (it is read as an image file), which is why no data may reach markup
unescaped; that is asserted too, so a change in reportlab's behaviour shows up here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CHILD = r'''
import json, sys
seen = []
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and "passwd" in args[0]:
        seen.append(["open", args[0]])
    elif event.startswith("socket."):
        seen.append([event, repr(args)[:80]])
        raise OSError("blocked by the test")
sys.addaudithook(hook)

import printprog.pdf.writer  # the lock-down
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from printprog.draw import fonts

fonts.register()
style = ParagraphStyle("s", fontName="Sans", fontSize=9, leading=11)
markup = sys.argv[1]
error = ""
try:
    SimpleDocTemplate(sys.argv[2]).build([Paragraph(markup, style)])
except Exception as exc:  # reportlab refuses the resource: that is the point
    error = type(exc).__name__
print(json.dumps({"seen": seen, "error": error}))
'''


def child(markup: str, tmp_path) -> dict:
    r = subprocess.run([sys.executable, "-c", CHILD, markup, str(tmp_path / "x.pdf")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("src", ["file:///etc/passwd", "http://127.0.0.1:9/x.png",
                                 "https://127.0.0.1:9/x.png", "ftp://127.0.0.1:9/x"])
def test_lockdown_refuses_urls_in_raw_img_markup(tmp_path, src):
    result = child(f'<img src="{src}" width="10" height="10"/>', tmp_path)
    sockets = [s for s in result["seen"] if s[0].startswith("socket.")]
    assert sockets == []
    # 'file:///etc/passwd' may be tried as a relative file name (which does not exist);
    # /etc/passwd itself is never opened.
    assert ["open", "/etc/passwd"] not in result["seen"]
    assert result["error"]  # refused, not fetched


def test_lockdown_does_not_cover_plain_paths_so_escaping_must(tmp_path):
    raw = child('<img src="/etc/passwd" width="10" height="10"/>', tmp_path)
    assert ["open", "/etc/passwd"] in raw["seen"]  # reportlab reads plain paths
    from printprog.draw import fonts

    escaped = child(fonts.markup('<img src="/etc/passwd" width="10" height="10"/>'), tmp_path)
    assert escaped == {"seen": [], "error": ""}  # printed as text, nothing opened
