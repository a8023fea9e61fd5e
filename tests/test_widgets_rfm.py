import datetime as dt

import pandas as pd

import crmsim as cs
from crmsim.analysis.rfm import RFM_SEGMENTS
from crmsim.widgets import RfmPanel
from crmsim.widgets._base import output_html
from crmsim.widgets.rfm import rfm_segment_summary


def test_initial_state_scores_the_shipped_sample():
    panel = RfmPanel()
    assert len(panel.scores) == 300
    assert panel.scores["recency_days"].min() == 0  # as_of defaults to the last purchase
    assert panel.bins.continuous_update is False
    assert panel.segments["customers"].sum() == 300
    html = output_html(panel.table_out)
    assert "Meilleurs clients" in html and "Part des clients" in html
    assert "30/12/2024" in panel.summary.value
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    assert panel.error is None
    assert "crmsim-rfm" in panel._dom_classes
    assert repr(panel) == "RfmPanel(niveaux=5, date=None, couleur='count')"


def test_as_of_date_drops_later_purchases_and_shifts_recency():
    panel = RfmPanel()
    panel.as_of.value = dt.date(2024, 6, 30)
    expected = cs.rfm(cs.datasets.load("transactions_sample"), as_of="2024-06-30")
    pd.testing.assert_frame_equal(panel.scores, expected)
    assert len(panel.scores) < 300
    assert "30/06/2024" in panel.summary.value


def test_bins_change_scores_and_table():
    panel = RfmPanel()
    old_png = panel.plot_out.outputs[0]["data"]["image/png"]
    panel.bins.value = 3
    assert panel.scores["r_score"].between(1, 3).all()
    assert list(panel.segments["r_score"]) == [3, 2, 1]
    assert "supposent 5 niveaux" in output_html(panel.table_out)
    assert panel.plot_out.outputs[0]["data"]["image/png"] != old_png
    panel.colour.value = "monetary"
    assert panel.error is None


def test_date_before_the_data_shows_french_message():
    panel = RfmPanel(as_of="2024-12-31")
    panel.as_of.value = dt.date(2022, 1, 1)
    assert panel.scores is None and panel.segments is None
    assert panel.error is not None
    html = output_html(panel.table_out)
    assert "Valeur impossible" in html and "date plus tardive" in html
    assert "Traceback" not in html
    assert panel.plot_out.outputs == ()
    panel.as_of.value = dt.date(2024, 12, 31)  # recovers
    assert panel.error is None and len(panel.scores) == 300


def test_bad_log_shows_french_message():
    bad = pd.DataFrame({"customer_id": [1, 2], "date": ["2024-01-01", "2024-02-01"]})
    panel = RfmPanel(bad)
    assert panel.error is not None and "amount" in output_html(panel.table_out)


def test_segment_summary_covers_every_customer_in_segment_order():
    scores = cs.rfm(cs.datasets.load("transactions_sample"))
    summary = rfm_segment_summary(scores)
    assert summary["customers"].sum() == len(scores)
    assert abs(summary["customers_share"].sum() - 1) < 1e-12
    order = list(RFM_SEGMENTS)
    assert sorted(summary["segment"], key=order.index) == list(summary["segment"])
    assert summary["action"].notna().all()
