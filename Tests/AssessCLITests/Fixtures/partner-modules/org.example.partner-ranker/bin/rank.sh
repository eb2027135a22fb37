#!/bin/sh
# Stand-in evaluator for the CLI tests: it is listed and validated, never run.
exit 0
