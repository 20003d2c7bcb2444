package se.arkiv.fixity;

import java.util.List;

/** A run with its findings, as {@code GET /api/fixity/runs/{id}} shows it. */
public record FixityReport(FixityRun run, List<Finding> findings) {}
