"""When a desk is open: schedules, holidays, closures, zones, and the open-time engine."""
