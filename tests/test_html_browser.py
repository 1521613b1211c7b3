"""The interactive HTML map in real headless Chromium, driven over the DevTools protocol (stdlib websocket client)."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import queue
import shutil
import socket
import struct
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from argmap.render.html import to_html

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")) if p), None)
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make system-deps installs it)"),
              pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")]


class WebSocket:
    """Just enough RFC 6455 for CDP: client handshake, masked text frames out, (fragmented) frames in."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        rest = url.split("://", 1)[1]
        hostport, path = rest.split("/", 1)
        host, port = hostport.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("websocket handshake: connection closed")
            head += chunk
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
        assert head.startswith(b"HTTP/1.1 101") and accept.encode() in head, head

    def _exact(self, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("websocket closed")
            buf += chunk
        return buf

    def send(self, text: str) -> None:
        data = text.encode()
        n = len(data)
        head = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n) if n < 65536
                                else bytes([0x80 | 127]) + struct.pack(">Q", n))
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self) -> str:
        parts: list[bytes] = []
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            mask = self._exact(4) if b1 & 0x80 else None
            payload = self._exact(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise ConnectionError("websocket closed by peer")
            if opcode == 0x9:  # ping -> pong
                self.sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + b"\0\0\0\0" + payload)
                continue
            if opcode in (0x0, 0x1, 0x2):
                parts.append(payload)
                if b0 & 0x80:
                    return b"".join(parts).decode()


class Browser:
    """Headless Chromium with one page, driven by CDP commands."""

    def __init__(self, profile: Path) -> None:
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1400,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in self.proc.stderr], daemon=True).start()  # type: ignore[union-attr]
        deadline = time.monotonic() + 60
        endpoint = None
        while endpoint is None:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                self.close()
                raise RuntimeError("chromium did not report a DevTools endpoint") from None
            if "DevTools listening on " in line:
                endpoint = line.split("DevTools listening on ", 1)[1].strip()
        port = endpoint.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = WebSocket(page["webSocketDebuggerUrl"])
        self.next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, **params: object) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg["result"]
            self.events.append(msg)

    def js(self, expression: str) -> object:
        res = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(f"JS error: {res['exceptionDetails']}")
        return res["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click (press + release) at the centre of the element."""
        box = self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                      "e.scrollIntoView({block: 'center', inline: 'center'});"
                      "const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        x, y = box  # type: ignore[misc]
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        self.call("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", clickCount=1)
        self.call("Input.dispatchMouseEvent", type="mouseReleased", x=x, y=y, button="left", clickCount=1)

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _map_page(tmp_path: Path) -> tuple[str, list[str]]:
    """The seed corpus map when the linker is installed, else a hand-built map; returns (html, claim ids)."""
    try:
        from argmap.render import load_map

        data = load_map([str(ROOT / "corpus")])
        return to_html(data.amap, data.colors, documents=data.documents), [c.id for c in data.amap.claims]
    except Exception as exc:  # the linker not installed yet: fall back to the hand-built map
        if "linking is not available" not in str(exc):
            raise
        from test_render import COLORS, hand_map

        amap = hand_map(hostile=True)
        return to_html(amap, COLORS), [c.id for c in amap.claims]


def test_click_node_shows_claim_and_filters_hide_nodes(tmp_path: Path) -> None:
    page, claim_ids = _map_page(tmp_path)
    path = tmp_path / "map.html"
    path.write_text(page, encoding="utf-8")
    browser = Browser(tmp_path / "profile")
    try:
        browser.call("Network.enable")
        browser.call("Page.enable")
        browser.call("Page.navigate", url=path.as_uri())
        for _ in range(200):
            if browser.js("document.readyState") == "complete" and browser.js("!!document.getElementById('shown-count').textContent"):
                break
            time.sleep(0.05)
        data = json.loads(browser.js("document.getElementById('argmap-data').textContent"))  # type: ignore[arg-type]
        assert browser.js("window.__pwned === undefined && document.querySelectorAll('script').length") == 2
        cid = sorted(claim_ids)[0]
        claim = data["claims"][cid]
        # click a claim node: the side panel shows that claim, its holder, citation and rule
        browser.click(f"#m-{cid}")
        detail = browser.js("document.getElementById('detail').innerText")
        assert browser.js("document.getElementById('detail').dataset.node") == cid
        assert claim["text"][:40] in " ".join(str(detail).split())
        assert claim["rule"] in str(detail) and claim["holder"] in str(detail)
        if claim["citation"]:
            assert claim["citation"].split(" — ")[0] in str(detail)
        shots = ROOT / "out"
        shots.mkdir(exist_ok=True)
        png = base64.b64decode(browser.call("Page.captureScreenshot", format="png")["data"])
        (shots / "map-screenshot.png").write_bytes(png)
        assert png.startswith(b"\x89PNG")
        # untick the claim's type: every node of that type (and its edges) is hidden, the others stay
        ctype = claim["type"]
        browser.click(f"input.type-filter[value='{ctype}']")
        assert browser.js(f"document.querySelector(\"input.type-filter[value='{ctype}']\").checked") is False
        states = browser.js("Object.fromEntries(Array.from(document.querySelectorAll('#mapbox g.node.claim'))"
                            ".map(g => [g.id.slice(2), getComputedStyle(g).display]))")
        assert states and all((st == "none") == (data["nodes"][n]["type"] == ctype) for n, st in states.items())  # type: ignore[union-attr]
        hidden_edges = browser.js("Array.from(document.querySelectorAll('#mapbox g.edge')).filter(e => "
                                  f"e.querySelector('title').textContent.startsWith({json.dumps(cid)} + '->'))"
                                  ".map(e => getComputedStyle(e).display)")
        assert hidden_edges and set(hidden_edges) == {"none"}  # type: ignore[arg-type]
        # reset, then keep one actor: only that actor's claim nodes remain
        browser.click("#reset")
        actor = data["nodes"][cid]["actor"]
        browser.js(f"(() => {{ const s = document.getElementById('actor-filter'); s.value = {json.dumps(actor)};"
                   "s.dispatchEvent(new Event('change')); })()")
        states = browser.js("Object.fromEntries(Array.from(document.querySelectorAll('#mapbox g.node.claim'))"
                            ".map(g => [g.id.slice(2), getComputedStyle(g).display]))")
        assert all((st != "none") == (data["nodes"][n]["actor"] == actor) for n, st in states.items())  # type: ignore[union-attr]
        assert "of" in str(browser.js("document.getElementById('shown-count').textContent"))
        # nothing was fetched from the network
        urls = [e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"]
        assert all(u.startswith(("file:", "data:", "about:")) for u in urls), urls
    finally:
        browser.close()
