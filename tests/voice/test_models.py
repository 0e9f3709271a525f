"""`heartline models fetch` against a real HTTP server on loopback."""

from __future__ import annotations

import http.server
import io
import socket
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from voice.errors import FetchError
from voice.models import DEFAULT_MODEL, fetch_model, is_vosk_model

MODEL_FILES = {
    "am/final.mdl": b"acoustic model",
    "conf/mfcc.conf": b"--sample-frequency=16000\n",
    "conf/model.conf": b"--beam=10.0\n",
    "graph/HCLr.fst": b"fst",
    "graph/Gr.fst": b"fst",
    "ivector/final.ie": b"ivector",
}


def model_zip(top: str, files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(f"{top}/{name}" if top else name, content)
    return buf.getvalue()


class Server:
    """Serves ``files`` (URL path -> bytes) over HTTP on 127.0.0.1."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.requests: list[str] = []
        files, requests = self.files, self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                requests.append(self.path)
                body = files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/vosk/models/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


def leftovers(dest: Path) -> list[str]:
    return sorted(p.name for p in dest.iterdir()) if dest.exists() else []


def test_fetch_downloads_verifies_and_installs(tmp_path: Path, server: Server) -> None:
    data = model_zip(DEFAULT_MODEL, MODEL_FILES)
    server.files[f"/vosk/models/{DEFAULT_MODEL}.zip"] = data
    progress: list[tuple[int, int | None]] = []
    dest = tmp_path / "models"
    path = fetch_model(dest=dest, base_url=server.url,
                       progress=lambda done, total: progress.append((done, total)))
    assert path == dest / DEFAULT_MODEL
    assert is_vosk_model(path)
    assert (path / "am" / "final.mdl").read_bytes() == b"acoustic model"
    assert leftovers(dest) == [DEFAULT_MODEL]
    assert progress[0] == (0, len(data)) and progress[-1] == (len(data), len(data))
    # Installed: no second download unless forced.
    assert fetch_model(dest=dest, base_url=server.url) == path
    assert len(server.requests) == 1
    fetch_model(dest=dest, base_url=server.url, force=True)
    assert len(server.requests) == 2
    assert leftovers(dest) == [DEFAULT_MODEL]


def test_base_url_from_environment(tmp_path: Path, server: Server,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    server.files["/vosk/models/vosk-model-small-fr-0.22.zip"] = model_zip(
        "vosk-model-small-fr-0.22", MODEL_FILES)
    monkeypatch.setenv("HEARTLINE_MODEL_URL", server.url.rstrip("/"))
    path = fetch_model("vosk-model-small-fr-0.22", tmp_path)
    assert path.name == "vosk-model-small-fr-0.22" and is_vosk_model(path)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "HTTP 404"),
        (b"PK\x03\x04 this is not really a zip", "is not a valid zip"),
        (model_zip(DEFAULT_MODEL, {"am/final.mdl": b"x", "conf/mfcc.conf": b"x"}),
         "missing graph/HCLG.fst"),
        (model_zip(DEFAULT_MODEL, {k: v for k, v in MODEL_FILES.items() if k != "am/final.mdl"}),
         "missing am/final.mdl"),
        (model_zip("", {f"{DEFAULT_MODEL}/{k}": v for k, v in MODEL_FILES.items()}
                   | {"../../evil.txt": b"gotcha"}), "unsafe member name '../../evil.txt'"),
        (model_zip("", {"/etc/evil": b"x", **{f"m/{k}": v for k, v in MODEL_FILES.items()}}),
         "unsafe member name"),
        (model_zip("", {**{f"a/{k}": v for k, v in MODEL_FILES.items()}, "b/x": b"x"}),
         "one top-level folder"),
    ],
    ids=["404", "corrupt", "no-graph", "no-am", "traversal", "absolute", "two-tops"],
)
def test_failures_raise_one_line_and_leave_nothing(tmp_path: Path, server: Server,
                                                   content: bytes | None, says: str) -> None:
    if content is not None:
        server.files[f"/vosk/models/{DEFAULT_MODEL}.zip"] = content
    dest = tmp_path / "models"
    with pytest.raises(FetchError) as e:
        fetch_model(dest=dest, base_url=server.url)
    assert says in str(e.value) and "\n" not in str(e.value)
    assert leftovers(dest) == []
    assert not (tmp_path / "evil.txt").exists()


def test_damaged_member_fails_testzip(tmp_path: Path, server: Server) -> None:
    data = bytearray(model_zip(DEFAULT_MODEL, {**MODEL_FILES, "am/final.mdl": b"a" * 5000}))
    # Flip bytes inside the first member's compressed data: its CRC no longer matches.
    at = data.index(b"PK\x03\x04") + 30 + len(f"{DEFAULT_MODEL}/am/final.mdl") + 2
    data[at : at + 4] = b"\x00\x01\x02\x03"
    server.files[f"/vosk/models/{DEFAULT_MODEL}.zip"] = bytes(data)
    dest = tmp_path / "models"
    with pytest.raises(FetchError, match="corrupt|not a valid zip"):
        fetch_model(dest=dest, base_url=server.url)
    assert leftovers(dest) == []


def test_offline_is_a_clear_fetch_error(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on: connection refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dest = tmp_path / "models"
    with pytest.raises(FetchError) as e:
        fetch_model(dest=dest, base_url=f"http://127.0.0.1:{port}/vosk/models/", timeout=5)
    assert str(e.value) == (
        f"Could not reach 127.0.0.1 to download {DEFAULT_MODEL}: check the internet connection, "
        f"or download the zip elsewhere and unpack it into {dest}/"
    )
    assert leftovers(dest) == []


def test_existing_broken_install_is_replaced(tmp_path: Path, server: Server) -> None:
    dest = tmp_path / "models"
    (dest / DEFAULT_MODEL / "am").mkdir(parents=True)
    server.files[f"/vosk/models/{DEFAULT_MODEL}.zip"] = model_zip(DEFAULT_MODEL, MODEL_FILES)
    path = fetch_model(dest=dest, base_url=server.url)
    assert is_vosk_model(path) and leftovers(dest) == [DEFAULT_MODEL]


@pytest.mark.parametrize("name", ["", "../x", "a/b", ".."])
def test_bad_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(FetchError, match="not a model name"):
        fetch_model(name, tmp_path, base_url="http://127.0.0.1:9/")
