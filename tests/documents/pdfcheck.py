"""Reading generated PDFs back the way a person's viewer and printer would."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-"), "not a PDF"
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """Each page's text as pdftotext lays it out (pypdf where poppler is missing)."""
    if shutil.which("pdftotext"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "doc.pdf"
            path.write_bytes(data)
            out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                 capture_output=True, check=True).stdout.decode()
        return out.split("\f")[: len(reader(data).pages)]
    return [page.extract_text() or "" for page in reader(data).pages]


def text(data: bytes) -> str:
    return " ".join(" ".join(page.split()) for page in page_texts(data))


def require_tools() -> None:
    missing = [t for t in ("qpdf", "pdffonts", "pdftotext") if not shutil.which(t)]
    if missing:
        pytest.skip(f"missing {', '.join(missing)} (apt packages qpdf and poppler-utils)")


def check_structure(data: bytes) -> None:
    """qpdf finds no damage, and every font is embedded."""
    require_tools()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(data)
        qpdf = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert qpdf.returncode == 0, qpdf.stdout + qpdf.stderr
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts, "no fonts at all"
        for line in fonts:
            columns = line.split()
            assert columns[-5] == "yes", f"font not embedded: {line}"
