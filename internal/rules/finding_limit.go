package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// FindingLimit is the ID of the rule that reports that a file has more findings than --max-findings; the rest are counted, not listed.
const FindingLimit = "finding-limit"

var _ = register(Rule{
	ID:      FindingLimit,
	Doc:     "a file has more findings than --max-findings; the rest are counted, not listed",
	Default: finding.Info,
	OwnSeverity: "it takes the severity of the worst finding it stands for, " +
		"so that a run that fails always lists a finding that made it fail",
	Explain: `
A file that is wrong everywhere (an object with a million unknown members,
say) would bury every other result and use memory without end. A file
lists its first --max-findings findings (1000 by default) in reading
order, as a run without the limit lists them; the rest are only
counted: they still count in the summary and the exit code, and this one
finding, at the line and column of the first one not listed, says how
many there are of each severity; its pointer is the document root, since
it speaks of the whole file. It takes the severity of the worst finding it stands for, so a
run that fails always lists a finding that made it fail; the summary
counts the findings it stands for, not the finding itself, and its
severity cannot be set (it can be switched off). --max-findings 0 lists
them all.

Bad:
    a generated fixture with 50,000 unknown members
Good:
    fix the generator, or raise --max-findings to see every member
`,
})
