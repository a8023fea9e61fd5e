"""Interactive panels (ipywidgets) used by the lessons and the instructor dashboard.

Each panel is a widget you display; its controls are attributes you can also set from
code, which is how the tests drive them.
"""

from crmsim.widgets.abc import ABCPanel
from crmsim.widgets.acquisition import AcquisitionPanel
from crmsim.widgets.attrition import AttritionPanel
from crmsim.widgets.dashboard import SimulationDashboard
from crmsim.widgets.ecrm import EcrmPanel
from crmsim.widgets.kpi import KpiPanel
from crmsim.widgets.loyalty import LoyaltyPanel
from crmsim.widgets.matrices import MatrixPanel
from crmsim.widgets.pareto import ParetoPanel, default_pareto_datasets
from crmsim.widgets.rfm import RfmPanel
from crmsim.widgets.scoring import ScoringPanel
from crmsim.widgets.simulated_portfolio import SimulatedPortfolioPanel
from crmsim.widgets.tcc import TccPanel

__all__ = [
    "ABCPanel",
    "AcquisitionPanel",
    "AttritionPanel",
    "EcrmPanel",
    "KpiPanel",
    "LoyaltyPanel",
    "MatrixPanel",
    "ParetoPanel",
    "RfmPanel",
    "ScoringPanel",
    "SimulatedPortfolioPanel",
    "SimulationDashboard",
    "TccPanel",
    "default_pareto_datasets",
]
