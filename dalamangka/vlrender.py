"""The Vega renderer's process: vl-convert draws Vega-Lite specs to SVG here, in a process of its
own that :mod:`dalamangka.firstpaint` starts (``python -m dalamangka.vlrender``).

Why a process: vl-convert holds Python's interpreter lock while it draws (measured: a thread
looping beside a render did not run for up to 2.3 s). In the app's process every session would
stop for the length of each first paint (the national map: 0.66 s). This process draws while the
sessions run. It is started with ``-m`` and imports nothing but vl-convert (~80 MB once Vega has
drawn), not the app: ``multiprocessing`` would run the app's script again in the child (Streamlit
runs the script as ``__main__``), ~390 MB measured.

The protocol, one request at a time on stdin/stdout: a spec as JSON, framed by its length (4 bytes,
big-endian); the answer is one status byte (``+`` an SVG, ``-`` an error text) and the framed text.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import threading
from typing import IO, Any

VL_VERSION = "6.4"  # the Vega-Lite Streamlit 1.67 bundles (6.4.0)
_LEN = struct.Struct(">I")


class RenderError(RuntimeError):
    """Vega could not draw the spec (its message), or the renderer process is gone."""


def svg(spec: dict[str, Any]) -> str:
    """The spec drawn by Vega (vl-convert) as one SVG document, in this process."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(spec, vl_version=VL_VERSION))


def _read(stream: IO[bytes]) -> bytes | None:
    head = stream.read(_LEN.size)
    if len(head) < _LEN.size:
        return None
    (n,) = _LEN.unpack(head)
    body = stream.read(n)
    return body if len(body) == n else None


def _write(stream: IO[bytes], data: bytes) -> None:
    stream.write(_LEN.pack(len(data)) + data)
    stream.flush()


class Renderer:
    """The renderer process, started on first use and again after it died; one request at a time
    (a lock), so any thread may call :meth:`svg`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None

    def _process(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "dalamangka.vlrender"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        return self._proc

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def svg(self, spec: dict[str, Any]) -> str:
        data = json.dumps(spec, allow_nan=False).encode()
        with self._lock:
            proc = self._process()
            assert proc.stdin is not None and proc.stdout is not None
            try:
                _write(proc.stdin, data)
                status, body = proc.stdout.read(1), _read(proc.stdout)
            except OSError as e:
                proc.kill()
                raise RenderError(f"renderer gone: {e}") from e
            if body is None:
                proc.kill()
                raise RenderError("renderer gone")
        if status != b"+":
            raise RenderError(body.decode("utf-8", "replace"))
        return body.decode("utf-8")

    def close(self) -> None:
        with self._lock:
            if self._proc is not None and self._proc.poll() is None:
                self._proc.kill()
                self._proc.wait()


def main() -> None:
    """The renderer process: answer specs until stdin closes (the app's process ended)."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while (request := _read(stdin)) is not None:
        try:
            out, status = svg(json.loads(request)).encode(), b"+"
        except Exception as e:
            out, status = f"{type(e).__name__}: {e}".encode(), b"-"
        stdout.write(status)
        _write(stdout, out)


if __name__ == "__main__":
    main()
