"""Developer tools, not part of the pipeline: synthetic data, benchmarks, page weight, a static test server."""
