"""Helpdesk data in: Zendesk's synced tables read into slaclock's tickets and events."""
