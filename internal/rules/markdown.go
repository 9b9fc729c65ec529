package rules

import "strings"

// Markdown renders the rule's explanation as GitHub-flavoured Markdown, for
// the README and for SARIF help.
func (r Rule) Markdown() string { return explainMarkdown(r.Explanation()) }

// isExampleLine reports whether a line of a rule explanation belongs to an
// indented example block.
func isExampleLine(line string) bool {
	return strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t")
}

// explainMarkdown renders a rule explanation as GitHub-flavoured Markdown.
// The indented examples follow their "Bad:" or "Good:" line directly, and
// an indented block cannot interrupt a paragraph in Markdown, so they
// become fenced blocks; the prose is escaped so that a stray "*" or "_"
// is not read as emphasis.
func explainMarkdown(explain string) string {
	lines := strings.Split(strings.TrimSpace(explain), "\n")
	var b strings.Builder
	for i := 0; i < len(lines); {
		if !isExampleLine(lines[i]) {
			b.WriteString(escapeMarkdownLine(lines[i]))
			b.WriteByte('\n')
			i++
			continue
		}
		j := i
		for j < len(lines) && isExampleLine(lines[j]) {
			j++
		}
		block := dedent(lines[i:j])
		fence := strings.Repeat("`", max(3, longestRun(block, '`')+1))
		b.WriteString(fence + "\n")
		for _, l := range block {
			b.WriteString(l + "\n")
		}
		b.WriteString(fence + "\n")
		i = j
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// dedent removes the indentation that all the lines share, keeping any
// deeper indentation (continuation lines of an example).
func dedent(lines []string) []string {
	common := -1
	for _, l := range lines {
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l[common:]
	}
	return out
}

// longestRun is the length of the longest run of c in any of the lines,
// so that a fence can be made longer than any backticks it encloses.
func longestRun(lines []string, c byte) int {
	longest := 0
	for _, l := range lines {
		run := 0
		for i := 0; i < len(l); i++ {
			if l[i] == c {
				run++
				longest = max(longest, run)
			} else {
				run = 0
			}
		}
	}
	return longest
}

// escapeMarkdownLine backslash-escapes the characters that Markdown would
// read as markup inside a line, and the markers that only count at the
// start of a line (headings, lists, quotes, setext underlines).
func escapeMarkdownLine(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		if strings.IndexByte("\\`*_[]<>|~&#", line[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(line[i])
	}
	s := b.String()
	trimmed := strings.TrimLeft(s, " ")
	indent := s[:len(s)-len(trimmed)]
	switch {
	case trimmed == "":
		return ""
	case strings.IndexByte("-+=", trimmed[0]) >= 0:
		return indent + `\` + trimmed
	}
	// An ordered-list marker is digits and then "." or ")".
	digits := len(trimmed) - len(strings.TrimLeft(trimmed, "0123456789"))
	if digits > 0 && digits < len(trimmed) && (trimmed[digits] == '.' || trimmed[digits] == ')') {
		return indent + trimmed[:digits] + `\` + trimmed[digits:]
	}
	return s
}
