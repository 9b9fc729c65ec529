package rules

import "strings"

// Markdown renders a rule's explanation for Markdown readers (the README,
// SARIF help): the indented example lines become fenced code blocks.
func (r Rule) Markdown() string {
	var b strings.Builder
	inCode := false
	for _, line := range strings.Split(r.Explain, "\n") {
		code := strings.HasPrefix(line, "    ")
		switch {
		case code && !inCode:
			b.WriteString("```\n")
		case !code && inCode:
			b.WriteString("```\n")
		}
		inCode = code
		b.WriteString(strings.TrimPrefix(line, "    "))
		b.WriteByte('\n')
	}
	if inCode {
		b.WriteString("```\n")
	}
	return b.String()
}
