"""PDF/X-4 (`--pdfx`, issue #24 item 11): the output intent with its embedded CMYK profile,
GTS_PDFXVersion in Info and XMP, a TrimBox on every page, Trapped set, nothing PDF/X
forbids; `printprog preflight` says whether a file meets PDF/X-4 and names each reason it
does not. Read with pikepdf (no veraPDF offline). Also the CMYK clean-up's cap on one
content stream (#27 item 4)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf
import pytest

from conftest import KVM, MINI, ROOT
from printprog.cli import main
from printprog.core.errors import PrintprogError
from printprog.production import rewrite as rewrite_mod
from printprog.production.pdfx import xmp_date
from printprog.production.spec import Production
from printprog.qa.pdfx import xmp_properties

PROFILE = ROOT / "templates" / "icc" / "printprog-FOGRA39.icc"


@pytest.fixture(scope="module")
def pdfx_booklet(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdfx") / "booklet.pdf"
    assert main(["booklet", "--data", str(KVM), "--out", str(out), "--pdfx", "--bleed", "3"]) == 0
    return out


def preflight(path: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["preflight", str(path)])
    return code, capsys.readouterr().out


def test_pdfx_booklet_has_a_gts_pdfx_output_intent_with_the_bundled_profile(pdfx_booklet):
    with pikepdf.open(pdfx_booklet) as pdf:
        intents = list(pdf.Root.OutputIntents)
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == "/GTS_PDFX" and intent.Type == "/OutputIntent"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        profile = intent.DestOutputProfile
        assert profile.N == 4
        data = profile.read_bytes()
        assert data == PROFILE.read_bytes()
        assert data[12:16] == b"prtr" and data[16:20] == b"CMYK"


def test_pdfx_booklet_says_pdfx4_in_info_and_xmp_and_is_pdf_16(pdfx_booklet):
    with pikepdf.open(pdfx_booklet) as pdf:
        assert pdf.pdf_version == "1.6"
        info = pdf.docinfo
        assert str(info.GTS_PDFXVersion) == "PDF/X-4"
        assert info.Trapped == "/False"
        xmp = xmp_properties(pdf)
        assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert xmp["pdfx:GTS_PDFXVersion"] == "PDF/X-4"
        assert xmp["pdf:Trapped"] == "False"
        assert xmp["dc:title"] == str(info.Title) == \
            "KVM Forum + oVirt Developers Summit 2013: programme"
        assert xmp["xmp:CreateDate"] == xmp_date(str(info.CreationDate))
        assert xmp["xmp:ModifyDate"] == xmp_date(str(info.ModDate))
        assert xmp["xmpMM:DocumentID"].startswith("uuid:")
        assert xmp["xmpMM:RenditionClass"] == "default"


def test_pdfx_booklet_has_a_trimbox_on_every_page_and_bleed_3mm(pdfx_booklet):
    with pikepdf.open(pdfx_booklet) as pdf:
        assert len(pdf.pages) >= 8 and len(pdf.pages) % 4 == 0  # every page, a folded book
        for page in pdf.pages:
            trim = [float(v) for v in page.obj.TrimBox]
            bleed = [float(v) for v in page.obj.BleedBox]
            assert trim == pytest.approx([8.504, 8.504, 428.031, 603.780], abs=1e-3)
            assert bleed == pytest.approx([0, 0, 436.535, 612.283], abs=1e-3)


def test_pdfx_booklet_has_no_rgb_links_or_embedded_files(pdfx_booklet):
    with pikepdf.open(pdfx_booklet) as pdf:
        assert not pdf.is_encrypted
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        assert "/AF" not in pdf.Root and "/OpenAction" not in pdf.Root
        assert all("/Annots" not in page.obj for page in pdf.pages)
        for page in pdf.pages:
            ops = {str(i.operator) for i in pikepdf.parse_content_stream(page)}
            assert not ops & {"rg", "RG"}


def test_pdfx_preflight_says_the_booklet_meets_pdfx4(pdfx_booklet, capsys):
    code, out = preflight(pdfx_booklet, capsys)
    assert code == 0, out
    assert "PDF/X-4: meets it" in out


def test_pdfx_preflight_of_a_plain_booklet_says_no_and_names_why(tmp_path, capsys):
    out = tmp_path / "plain.pdf"
    assert main(["booklet", "--data", str(MINI), "--out", str(out)]) == 0
    code, text = preflight(out, capsys)
    assert code == 0  # a plain PDF is not an error: it never claimed to be PDF/X
    line = next(x for x in text.splitlines() if "PDF/X-4" in x)
    assert "does not meet it" in line
    for reason in ("PDF version 1.4", "/OutputIntents with /S /GTS_PDFX",
                   "no /GTS_PDFXVersion in the document information", "no XMP metadata",
                   "annotations (links)", "/Names /EmbeddedFiles", "DeviceRGB"):
        assert reason in line, reason


@pytest.mark.parametrize("damage, reason", [
    (lambda pdf: pdf.docinfo.__delitem__("/GTS_PDFXVersion"),
     "no /GTS_PDFXVersion in the document information"),
    (lambda pdf: pdf.Root.__delitem__("/OutputIntents"), "/S /GTS_PDFX"),
    (lambda pdf: pdf.pages[3].obj.__delitem__("/TrimBox"), "no /TrimBox (or /ArtBox) on pages 4"),
    (lambda pdf: pdf.docinfo.__setitem__("/Trapped", pikepdf.Name.Unknown),
     "/Trapped is not /True or /False"),
    (lambda pdf: pdf.Root.OutputIntents[0].__delitem__("/DestOutputProfile"),
     "no embedded ICC profile (/DestOutputProfile)"),
])
def test_pdfx_preflight_names_each_missing_key_of_a_file_that_claims_pdfx(
        pdfx_booklet, tmp_path, capsys, damage, reason):
    damaged = tmp_path / "damaged.pdf"
    with pikepdf.open(pdfx_booklet) as pdf:
        damage(pdf)
        pdf.save(damaged)
    code, text = preflight(damaged, capsys)
    expected_code = 0 if "GTS_PDFXVersion" in reason else 1  # claims PDF/X: an error
    assert code == expected_code, text
    assert reason in text, text


def test_pdfx_preflight_names_missing_xmp_keys(pdfx_booklet, tmp_path, capsys):
    damaged = tmp_path / "noxmp.pdf"
    with pikepdf.open(pdfx_booklet) as pdf:
        xmp = pdf.Root.Metadata.read_bytes()
        xmp = xmp.replace(b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>", b"")
        xmp = xmp.replace(b"<pdfx:GTS_PDFXVersion>PDF/X-4</pdfx:GTS_PDFXVersion>", b"")
        xmp = xmp.replace(b"<pdf:Trapped>False</pdf:Trapped>", b"")
        pdf.Root.Metadata = pdf.make_stream(xmp)
        pdf.save(damaged)
    code, text = preflight(damaged, capsys)
    assert code == 1
    assert "no pdfxid:GTS_PDFXVersion in the XMP metadata" in text
    assert "no pdf:Trapped in the XMP metadata" in text


def test_pdfx_output_is_deterministic(tmp_path, pdfx_booklet):
    again = tmp_path / "again.pdf"
    assert main(["booklet", "--data", str(KVM), "--out", str(again), "--pdfx",
                 "--bleed", "3"]) == 0
    assert again.read_bytes() == pdfx_booklet.read_bytes()


def test_pdfx_implies_cmyk():
    assert Production(pdfx=True).cmyk is True
    assert Production().cmyk is False


@pytest.mark.parametrize("argv, out", [
    (["signage", "--room", "stirling", "--day", "2013-10-22"], "signs"),
    (["badges"], "badges.pdf"), (["poster", "--day", "2013-10-22"], "poster.pdf"),
    (["booklet", "--impose", "saddle", "--crop-marks"], "booklet.pdf"),
])
def test_pdfx_every_product_meets_pdfx4(tmp_path, capsys, argv, out):
    target = tmp_path / out
    assert main([*argv, "--data", str(KVM), "--out", str(target), "--pdfx", "--bleed", "3"]) == 0
    files = sorted(target.glob("*.pdf")) if target.is_dir() else sorted(tmp_path.glob("*.pdf"))
    assert files
    for path in files:
        code, text = preflight(path, capsys)
        assert code == 0 and "PDF/X-4: meets it" in text, text


def test_xmp_date_from_a_pdf_date():
    assert xmp_date("D:20231114221320+00'00'") == "2023-11-14T22:13:20+00:00"
    assert xmp_date("D:20231114221320-05'30'") == "2023-11-14T22:13:20-05:30"
    assert xmp_date("D:20231114221320Z") == "2023-11-14T22:13:20Z"


# -- #27 item 4: the CMYK clean-up's cap on one content stream ---------------------------------

def _big_stream_pdf(path: Path, repeat: int) -> Path:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    data = b"1 0 0 rg 0 0 10 10 re f\n" * repeat  # 24 bytes each, compresses to little
    pdf.pages[0].obj.Contents = pdf.make_stream(zlib.compress(data),
                                                Filter=pikepdf.Name.FlateDecode)
    pdf.save(path)
    return path


def test_cmyk_content_stream_over_the_cap_is_a_one_line_error_naming_it(tmp_path):
    path = _big_stream_pdf(tmp_path / "big.pdf", 50_000)  # 1.2 MB decoded
    before = path.read_bytes()
    with pytest.raises(PrintprogError) as caught:
        rewrite_mod.rewrite(path, Production(cmyk=True), cmyk_limit=2**20)
    message = str(caught.value)
    assert str(path) in message and "1 MB" in message and "MAX_CMYK_STREAM_BYTES" in message
    assert "\n" not in message
    assert path.read_bytes() == before  # nothing replaced


def test_cmyk_content_stream_under_the_cap_is_converted(tmp_path):
    path = _big_stream_pdf(tmp_path / "small.pdf", 20_000)  # 480 KB decoded
    rewrite_mod.rewrite(path, Production(cmyk=True), cmyk_limit=2**20)
    with pikepdf.open(path) as pdf:
        ops = {str(i.operator) for i in pikepdf.parse_content_stream(pdf.pages[0])}
    assert "k" in ops and "rg" not in ops


def test_cmyk_cap_default_is_named_and_above_real_pages():
    assert rewrite_mod.MAX_CMYK_STREAM_BYTES == 4 * 2**20
