import math

import pandas as pd
import pytest

from crmsim.errors import DataError
from crmsim.formatting import (
    NBSP,
    format_money,
    format_number,
    format_percent,
    style_fr,
    to_csv_fr,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1_000_000, 2, "1\u00a0000\u00a0000,00"),
        (1234.5, 1, "1\u00a0234,5"),
        (999, 0, "999"),
        (-1234.567, 2, "-1\u00a0234,57"),
        (-0.001, 2, "0,00"),
        (0, 2, "0,00"),
        (float("nan"), 2, "n.d."),
        (None, 2, "n.d."),
    ],
)
def test_format_number_exact_characters(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_percent_and_money_exact_characters():
    assert format_percent(0.1875) == "18,75\u00a0%"
    assert format_percent(0.8, 0) == "80\u00a0%"
    assert format_money(1_000_000) == "1\u00a0000\u00a0000,00\u00a0MAD"
    assert format_percent(math.nan) == "n.d."
    assert NBSP == "\u00a0"


def test_format_number_rejects_text():
    with pytest.raises(TypeError, match="attend un nombre"):
        format_number("12")


def test_style_fr_formats_and_translates():
    data = pd.DataFrame({"customer_id": [1], "revenue": [225000.0], "share": [0.225]})
    html = style_fr(data, money=["revenue"], percent=["share"]).to_html()
    assert "225\u00a0000,00\u00a0MAD" in html
    assert "22,50\u00a0%" in html
    assert "Part du CA" in html and "Client" in html
    assert html == style_fr(data, money=["revenue"], percent=["share"]).to_html()
    assert data["share"].iloc[0] == 0.225  # data untouched


def test_style_fr_unknown_column():
    with pytest.raises(DataError, match="absentes"):
        style_fr(pd.DataFrame({"a": [1]}), percent=["b"])


def test_csv_for_french_excel(tmp_path):
    data = pd.DataFrame({"client": ["é"], "ca": [1234.5]})
    path = to_csv_fr(data, tmp_path / "export.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    assert raw.decode("utf-8-sig").splitlines() == ["client;ca", "é;1234,5"]
