// Package analysis answers questions about the IAM models of a plan:
// queries, the access matrix and its diff, built-in findings and the
// planscan.hcl gate (check). It asks the evaluator for every decision and
// writes no bytes: it must not import report or do I/O beyond reading the
// planscan.hcl file it is given.
package analysis
