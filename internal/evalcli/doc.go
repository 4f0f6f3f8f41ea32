// Package evalcli implements `planscan eval` and `planscan validate` without
// touching files or flags: it decodes evaluation cases (JSON lines or a batch
// document) into evaluator.PolicySet and evaluator.Request values, runs the
// engine, and encodes one JSON line (or one explanation) per request.
//
// Everything here takes an io.Reader or byte slices and writes to an
// io.Writer, so cmd/planscan stays a thin layer of flags and I/O.
package evalcli
