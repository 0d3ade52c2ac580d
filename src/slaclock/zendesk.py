"""Zendesk's tables (as Fivetran syncs them) into slaclock: `load` (see docs/zendesk.md)."""

from slaclock.helpdesk.problems import LoadProblem
from slaclock.helpdesk.rails_zones import MAPPING as RAILS_ZONES
from slaclock.helpdesk.zendesk import PRIORITIES, TABLES, ZendeskData, load

__all__ = ["PRIORITIES", "RAILS_ZONES", "TABLES", "LoadProblem", "ZendeskData", "load"]
