"""What a support contract promises: plans, contracts, tickets, status, escalation."""
