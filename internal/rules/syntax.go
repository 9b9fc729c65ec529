package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// Syntax is the ID of the rule that reports that the file is not well-formed UTF-8 JSON.
const Syntax = "syntax"

var _ = register(Rule{
	ID:      Syntax,
	Doc:     "the file is not well-formed UTF-8 JSON",
	Default: finding.Error,
	AlwaysOn: "reading stops at the fault, so nothing after it is checked, and the file " +
		"would pass unseen; lower its severity instead, or keep such files out with an exclude pattern",
	Explain: `
The file could not be read as one JSON text: it is empty or only white
space, has a trailing comma, something after the value, an unescaped
control character, invalid UTF-8, a lone UTF-16 surrogate escape, or it was
saved as UTF-16 (Windows PowerShell 5.1's default). The finding points at
the byte where reading stopped; nothing after it is checked. For that
reason the rule cannot be switched off: its severity can be lowered, and a
file that is not meant to be JSON is kept out with --exclude.

Bad:
    {"actionName": "RevokeLicenses", "actionState": "done",}
Good:
    {"actionName": "RevokeLicenses", "actionState": "done"}
`,
})
