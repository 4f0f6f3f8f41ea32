// Package report renders analysis results as text, JSON, Markdown, SARIF and
// JUnit. It holds no IAM logic: every decision and message comes from
// analysis.
package report
