"""Read-models of the pages, exports and reports that need the status engine.

Above status in the layers (docs/architecture.md, Layers): they combine the engine with the
permission helpers and the audit trail, which the engine itself never reads.
"""
