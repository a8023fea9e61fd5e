"""Browser tests (a package, so that their servers and Chromium stop when they end)."""
