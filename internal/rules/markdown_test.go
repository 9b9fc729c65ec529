package rules

import "testing"

func TestExplainMarkdown(t *testing.T) {
	explain := "Use *stars* and _under_scores_ and `ticks`\n# not a heading\n1. not a list\n- nor this\n<b>no html</b>\n\nBad:\n    {\"a\": \"```\"}\n     continued\nGood:\n    {}"
	got := explainMarkdown(explain)
	want := "Use \\*stars\\* and \\_under\\_scores\\_ and \\`ticks\\`\n" +
		"\\# not a heading\n" +
		"1\\. not a list\n" +
		"\\- nor this\n" +
		"\\<b\\>no html\\</b\\>\n" +
		"\n" +
		"Bad:\n" +
		"````\n{\"a\": \"```\"}\n continued\n````\n" +
		"Good:\n" +
		"```\n{}\n```"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
