"""irkit's speed next to numpy/OpenBLAS and onnxruntime: ``python -m benchmarks`` from the
repository root writes docs/performance.md and docs/performance.json (see README.md here).

The pieces are usable from Python too: ``cases.select`` picks benchmarks,
``harness.run_benchmarks`` checks and times them, ``report.report_data`` and
``report.write_report`` turn the results into the report.
"""
