package report

import "strings"

// GitHub Actions workflow commands (::error file=F,line=L,title=T::message)
// are read line by line: the runner's rules (actions/toolkit, command.ts)
// escape %, CR and LF in the message, and also : and , in property values,
// which separate the properties.

var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubEscapeData escapes a workflow command's message.
func githubEscapeData(s string) string { return githubData.Replace(s) }

// githubEscapeProperty escapes a workflow command's property value.
func githubEscapeProperty(s string) string { return githubProperty.Replace(s) }
