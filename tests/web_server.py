"""A web server on 127.0.0.1 for the tests of importing from a link: pages, redirects, errors and a stall."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE = """<!DOCTYPE html><html><head><title>Harbour levy goes ahead</title>
<meta property="og:site_name" content="Harbour Herald"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour levy goes ahead</h1>
<p>Maria Ellison, the finance minister, said on Monday that the harbour levy would go ahead despite objections.</p>
<p>“We have listened to the shipping firms, and we will not back down,” Ellison told reporters.</p>
</article><footer>Copyright 2026 Harbour Media Group</footer></body></html>"""
RUSSIAN = (
    "<html><body><article><p>Министр заявил, что пошлина будет введена в срок, несмотря на возражения.</p>"
    "<p>По словам представителя порта, судоходные компании уже готовят иск и требуют отсрочки на полгода.</p>"
    "<p>Депутаты городского совета отметили, что обсуждение затянулось почти на целый год.</p></article></body></html>"
)


class Pages(BaseHTTPRequestHandler):
    """GET of a path answers as `ROUTES` says; /stall sends its headers and waits until the server is told to stop."""

    protocol_version = "HTTP/1.0"  # the body ends when the connection closes: a page of unstated length

    def do_GET(self):  # noqa: N802 - the name http.server calls
        route = ROUTES.get(self.path.split("?")[0])
        if route is None:
            self._send(404, b"<html><body>Not here</body></html>")
        else:
            route(self)

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/html", headers: dict | None = None, length=True):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):  # quiet
        pass


def _redirect(to: str):
    return lambda handler: handler._send(302, headers={"Location": to})


def _stall(handler: Pages) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    handler.wfile.write(b"<html><body><p>The start")
    handler.wfile.flush()
    handler.server.stop.wait(10)


def _endless(handler: Pages) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(200):
        handler.wfile.write(b"<p>" + b"Peskov said so. " * 1000 + b"</p>")


ROUTES = {
    "/article": lambda h: h._send(200, ARTICLE.encode("utf-8"), "text/html; charset=utf-8"),
    "/header-charset": lambda h: h._send(200, RUSSIAN.encode("cp1251"), "text/html; charset=windows-1251"),
    "/meta-charset": lambda h: h._send(
        200, RUSSIAN.replace("<html>", '<html><head><meta charset="koi8-r"></head>').encode("koi8_r"), "text/html"
    ),
    "/detected-charset": lambda h: h._send(200, RUSSIAN.encode("cp1251"), "text/html"),
    "/first": _redirect("/second"),
    "/second": _redirect("/article"),
    "/loop-a": _redirect("/loop-b"),
    "/loop-b": _redirect("/loop-a"),
    "/to-file": _redirect("file:///etc/passwd"),
    "/chain": lambda h: h._send(302, headers={"Location": f"/chain?{int((h.path.split('?') + ['0'])[1]) + 1}"}),
    "/large": lambda h: h._send(200, b"<p>" + b"x" * 300_000 + b"</p>"),
    "/endless": _endless,
    "/stall": _stall,
    "/gone": lambda h: h._send(404, b"<html><body>Not found</body></html>"),
    "/broken": lambda h: h._send(500, b"<html><body>Oops</body></html>"),
    "/report.pdf": lambda h: h._send(200, b"%PDF-1.4", "application/pdf"),
}


class PageServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Pages)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def close(self) -> None:
        self.stop.set()
        self.shutdown()
        self.server_close()
        self.thread.join()


@pytest.fixture
def web(monkeypatch):
    """A PageServer for the test; the system's proxy settings set aside, so 127.0.0.1 is asked directly."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    server = PageServer()
    yield server
    server.close()
