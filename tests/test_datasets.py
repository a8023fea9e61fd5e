import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import crmsim as cs
from crmsim.errors import DataError

ROOT = Path(__file__).resolve().parents[1]

COURSE_TABLES = [
    "pareto_clients",
    "abc_clients",
    "tcc_sales",
    "scoring_criteria",
    "scoring_clients",
    "kpi_indicators",
    "loyalty_segments",
    "portfolio_tiers",
    "ecrm_triggers",
]


def test_names_lists_every_course_table():
    assert set(COURSE_TABLES) <= set(cs.datasets.names())
    assert cs.datasets.names() == sorted(p.stem for p in (ROOT / "datasets").glob("*.csv"))


@pytest.mark.parametrize("name", COURSE_TABLES)
def test_every_table_loads_and_is_documented(name):
    frame = cs.datasets.load(name)
    assert len(frame) > 0
    readme = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    assert f"`{name}.csv`" in readme
    for column in frame.columns:
        assert f"`{column}`" in readme, f"colonne {column} de {name} non documentée"


def test_course_totals_and_dtypes():
    pareto = cs.datasets.load("pareto_clients")
    assert pareto["revenue"].sum() == 1_000_000
    assert pareto["customer_id"].dtype == "int64"
    assert cs.datasets.load("abc_clients")["revenue"].sum() == 1_000_000
    tcc = cs.datasets.load("tcc_sales")
    assert tcc["sales"].sum() == 670
    assert tcc.groupby("customer")["sales"].sum()["λ"] == 160
    criteria = cs.datasets.load("scoring_criteria")
    assert criteria.groupby("grid", observed=True)["coefficient"].sum().tolist() == [10, 10]
    segments = cs.datasets.load("loyalty_segments")
    assert segments["share_customers"].sum() == pytest.approx(1.0)
    assert segments["share_profit"].sum() == pytest.approx(1.0)
    tiers = cs.datasets.load("portfolio_tiers")
    assert tiers["share_revenue"].sum() == pytest.approx(1.0)


def test_load_returns_fresh_copies():
    first = cs.datasets.load("pareto_clients")
    first.loc[0, "revenue"] = -1
    assert cs.datasets.load("pareto_clients").loc[0, "revenue"] == 225_000


def test_unknown_name_lists_available():
    with pytest.raises(DataError) as info:
        cs.datasets.load("pareto_client")
    message = str(info.value)
    assert "inconnu" in message and "pareto_clients" in message and "Vouliez-vous" in message


def test_sample_csv_is_the_generator_output():
    shipped = cs.datasets.load("sample_customers_500")
    pd.testing.assert_frame_equal(shipped, cs.datasets.make_customer_sample())


def test_sample_bad_arguments():
    with pytest.raises(DataError, match="entier positif"):
        cs.datasets.make_customer_sample(0)
    with pytest.raises(DataError, match="sigma"):
        cs.datasets.make_customer_sample(10, sigma=-1)


def test_loads_from_another_working_directory(tmp_path):
    code = "import crmsim as cs; print(cs.datasets.load('abc_clients')['revenue'].sum())"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "1000000.0"


def test_wheel_ships_the_datasets(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("crmsim-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for table in COURSE_TABLES:
        assert f"crmsim/_data/{table}.csv" in names
    assert "crmsim/_data/README.md" in names
    # no leftover of the repository layout besides the data package
    assert not [n for n in names if re.match(r"(tests|notebooks|solutions)/", n)]


def test_appetence_clients_cover_every_quadrant():
    table = cs.datasets.load("appetence_clients")
    assert table["customer_id"].tolist() == [f"P{i}" for i in range(1, 7)]
    assert table[["interest", "capacity"]].stack().between(1, 10).all()
    grid = cs.appetence(table)
    assert grid.groupby(["interest_level", "capacity_level"]).ngroups == 4
