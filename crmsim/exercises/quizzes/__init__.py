"""Self-check quiz files of the lessons (TOML, one per lesson); see crmsim.exercises.quiz."""
