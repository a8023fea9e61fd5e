from crmsim.widgets import AcquisitionPanel
from crmsim.widgets._base import output_html


def test_initial_state_shows_kpis_and_sources():
    panel = AcquisitionPanel()
    assert panel.error is None and panel.result is not None
    assert set(panel.kpis["channel"]) == {
        "publipostage",
        "téléphone",
        "e-mail",
        "force de vente",
        "web",
    }
    html = output_html(panel.table_out)
    assert "Taux de remontée" in html and "MAD" in html
    assert "nouveaux clients" in panel.summary.value
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    assert panel.contacts.value == 3_000 and panel.contacts.continuous_update is False
    assert "crmsim-acquisition" in panel._dom_classes
    assert repr(panel) == "AcquisitionPanel(canal='publipostage', contacts=3000, q=0.004)"


def test_more_contacts_more_campaign_customers_same_seed():
    panel = AcquisitionPanel()
    before = int(panel.kpis.set_index("channel").loc["publipostage", "orders"])
    panel.contacts.value = 12_000
    after = int(panel.kpis.set_index("channel").loc["publipostage", "orders"])
    assert after > 2 * before
    assert panel.result.scenario.acquisition.mailing.contacts_per_month == 12_000


def test_switching_channel_loads_its_levers_and_keeps_changes():
    panel = AcquisitionPanel()
    panel.contacts.value = 0
    assert "publipostage" not in set(panel.kpis["channel"])
    panel.channel.value = "force de vente"
    assert panel.contacts.value == 80 and panel.contact_cost.value == 150
    panel.channel.value = "publipostage"
    assert panel.contacts.value == 0


def test_word_of_mouth_levers():
    panel = AcquisitionPanel()
    wom = panel.result.monthly["new_word_of_mouth"].sum()
    panel.imitation_q.value = 0.0
    assert panel.result.monthly["new_word_of_mouth"].sum() == 0 < wom
    panel.imitation_q.value = 0.004
    panel.unhappy_tell.value = 20
    assert panel.result.monthly["new_word_of_mouth"].sum() < wom
