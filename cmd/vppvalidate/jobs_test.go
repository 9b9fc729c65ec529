package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// bigCorpus writes inputs large enough (over a MiB) for a check to cut
// them into runs and check them on several workers, one for each shape
// and each kind of trouble a run can hold, and returns their paths.
func bigCorpus(t *testing.T) []string {
	dir := t.TempDir()
	const size = 1100 << 10
	// pad makes the items that take the full path long, so that a few
	// thousand of them fill a MiB and the test stays quick.
	pad := strings.Repeat("padding ", 60)
	revoke := func(i int, state string) string {
		name := fmt.Sprintf("Revoke %d ✓", i)
		if state != "done" {
			name += pad
		}
		return fmt.Sprintf(`{"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", "actionName": %q, "actionState": %q, "startDateTime": "2024-03-01T09:00:00.1234567Z", "lastUpdatedDateTime": "2024-03-01T10:04:00Z", "totalLicensesCount": %d, "failedLicensesCount": 0, "actionFailureReason": "none"}`, name, state, i)
	}
	// fill repeats item(i) with sep between until the text is big enough.
	fill := func(sep string, item func(i int) string) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(item(i))
		}
		return b.String()
	}
	const ctx = `https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenRevokeLicensesActionResult)`
	collection := func(context, items string) string {
		return `{"@odata.context": "` + context + `", "value": [` + items + "]}\n"
	}
	files := map[string]string{
		"clean.json": collection(ctx, fill(",\n", func(i int) string { return revoke(i, "done") })),
		"findings.json": collection(ctx, fill(",\n  ", func(i int) string {
			return strings.Replace(revoke(i, []string{"Done", "nope", "failed"}[i%3]), `"none"`, `"appleFailure"`, i%2)
		})),
		"syntax.json": func() string {
			items := fill(",\n", func(i int) string { return revoke(i, "done") })
			mid := strings.Index(items[len(items)/2:], ",\n") + len(items)/2
			return collection(ctx, items[:mid]+`, {"actionName": "x" "actionState": "done"}`+items[mid:])
		}(),
		"duplicates.json": `{"@odata.context": "` + ctx + `", "@odata.context": "` + ctx + `", "value": [` +
			fill(",", func(i int) string {
				if i%50 == 7 {
					return `{"actionState": "done", "actionName": "a", "actionState": "failed"}`
				}
				return revoke(i, "done")
			}) + `], "@odata.count": 1, "@odata.count": 2}`,
		"nested.json": collection(`https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens`, fill(",\n", func(i int) string {
			return fmt.Sprintf(`{"@odata.type": "#microsoft.graph.vppToken", "id": "t%d", "displayName": "token", "state": "valid", "tokenActionResults": [%s, {"actionName": "nested", "actionState": "bogus", "extra": {"deep": [1, {"x": null}]}}]}`, i, revoke(i, "failed"))
		})),
		"lines.jsonl": fill("\n", func(i int) string {
			switch i % 97 {
			case 5:
				return `{"actionName": "broken", "actionState": "done",`
			case 6:
				return `{"@odata.type": "#microsoft.graph.vppTokenActionResult", "actionName": "x", "actionState": "Done"} trailing`
			}
			return revoke(i, "done")
		}) + "\n",
		"select.json": collection(`https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens(displayName,state)`, fill(",\n", func(i int) string {
			return fmt.Sprintf(`{"displayName": "token %d %s", "state": %q}`, i, pad, []string{"valid", "expired", "Valid"}[i%3])
		})),
		"untyped.json": "[" + fill(",\n", func(i int) string {
			return fmt.Sprintf(`{"actionName": "a%d %s", "actionState": "done", "startDateTime": "2024-03-01T09:00:00Z", "lastUpdatedDateTime": "2024-03-01T10:00:00Z", "unknownThing": %d}`, i, pad, i)
		}) + "]",
		"foreign.json": collection(`https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps`, fill(",\n", func(i int) string {
			if i%3 == 0 {
				return fmt.Sprintf(`{"@odata.type": "#microsoft.graph.win32LobApp", "id": "w%d", "displayName": "not ours"}`, i)
			}
			return fmt.Sprintf(`{"@odata.type": "#microsoft.graph.iosVppApp", "id": "a%d", "displayName": "app %s", "licensingType": {"supportsUserLicensing": "yes"}}`, i, pad)
		})),
		"not-graph.json": "[" + fill(", ", func(i int) string {
			if i < 3 || i%500 == 0 {
				return fmt.Sprintf(`{"name": "package %d", "version": "1.0.%d"}`, i, i)
			}
			return revoke(i, "done")
		}) + "]",
	}
	var paths []string
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// TestJobsSameOutput runs the command on large inputs, one at a time and
// all together, with -j 1, 2, 3 and 8, and expects the same bytes on
// standard output and the same exit code whatever -j is: -j only decides
// how many cores do the work.
func TestJobsSameOutput(t *testing.T) {
	paths := bigCorpus(t)
	var inputs [][]string
	for _, p := range paths {
		inputs = append(inputs, []string{p})
	}
	// A baseline that accepts the enum findings only: the others fill
	// --max-findings, and the enum findings past it are still asked about
	// by their pointers (at -j 2 they once went unasked, and were counted).
	// (Rules that cannot be switched off have nothing to say here.)
	var others []string
	for _, r := range rules.All() {
		if r.ID != rules.Enum && r.AlwaysOn == "" {
			others = append(others, r.ID)
		}
	}
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	if code, out, errOut := runBounded(t, 2*time.Minute, nil, append([]string{"--no-config", "-j", "1", "-q",
		"--disable", strings.Join(others, ","), "--write-baseline", baseline}, paths...)...); code != 0 {
		t.Fatalf("writing the baseline: exit %d\n%s%s", code, out, errOut)
	}
	for _, run := range []struct {
		flags  []string
		inputs [][]string
	}{
		{[]string{"-o", "json"}, append(inputs, paths)},
		{[]string{"-o", "text", "--max-findings", "5"}, inputs},
		{[]string{"-o", "text", "--max-findings", "0", "--strict"}, inputs},
		{[]string{"-o", "text", "--max-findings", "5", "--baseline", baseline}, inputs},
	} {
		flags := run.flags
		for _, in := range run.inputs {
			var want string
			var wantCode int
			for _, j := range []string{"1", "2", "3", "8"} {
				args := append(append([]string{"--no-config", "-j", j}, flags...), in...)
				code, out, _ := runBounded(t, 2*time.Minute, nil, args...)
				if j == "1" {
					want, wantCode = out, code
					if code == exitTrouble || !strings.Contains(out, "resource") {
						t.Fatalf("vppvalidate %v: exit %d\n%s", args, code, out)
					}
					continue
				}
				if code != wantCode || out != want {
					t.Fatalf("vppvalidate %v: exit %d, want %d; output differs from -j 1 at byte %d:\n%s",
						args, code, wantCode, firstDifference(out, want), around(out, firstDifference(out, want)))
				}
			}
		}
	}
}

// TestJobsStdin reads a large collection of unknown size from standard
// input with every -j.
func TestJobsStdin(t *testing.T) {
	var src []byte
	for _, p := range bigCorpus(t) {
		if strings.HasSuffix(p, "findings.json") {
			src, _ = os.ReadFile(p)
		}
	}
	_, want, _ := runBounded(t, time.Minute, src, "--no-config", "-j", "1", "-o", "json", "-")
	for _, j := range []string{"2", "8"} {
		if _, got, _ := runBounded(t, time.Minute, src, "--no-config", "-j", j, "-o", "json", "-"); got != want {
			t.Fatalf("-j %s differs from -j 1 at byte %d", j, firstDifference(got, want))
		}
	}
}

func firstDifference(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func around(s string, i int) string {
	return string(bytes.ToValidUTF8([]byte(s[max(0, i-300):min(len(s), i+300)]), nil))
}
