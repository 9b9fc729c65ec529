package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runBounded runs the command in-process and fails the test if it does not
// finish within limit: a hang is as bad as a crash.
func runBounded(t *testing.T, limit time.Duration, stdin []byte, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		var out, errOut bytes.Buffer
		c := run(args, bytes.NewReader(stdin), &out, &errOut)
		done <- result{c, out.String(), errOut.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.stdout, r.stderr
	case <-time.After(limit):
		t.Fatalf("vppvalidate %v did not finish within %v", args, limit)
		return 0, "", ""
	}
}

func writeFile(t *testing.T, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const validBody = `"actionName": "a", "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z"`

// TestHostileInputs feeds the inputs a fixtures folder or a CI artifact can
// hold and checks each ends quickly with the documented exit code and a
// clear, located message.
func TestHostileInputs(t *testing.T) {
	const million = 1_000_000
	big := strings.Repeat("x", 100<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	binary := make([]byte, 64<<10)
	for i := range binary {
		binary[i] = byte(rng.Uint32())
	}
	binary[0] = 0x89 // not a JSON start, whatever the generator says
	utf16 := func(s string, bigEndian bool) []byte {
		b := []byte{0xFF, 0xFE}
		if bigEndian {
			b = []byte{0xFE, 0xFF}
		}
		for _, r := range s {
			if bigEndian {
				b = append(b, 0, byte(r))
			} else {
				b = append(b, byte(r), 0)
			}
		}
		return b
	}
	manyMembers := func() []byte {
		var b bytes.Buffer
		b.WriteString("{" + validBody)
		for i := 0; i < million; i++ {
			fmt.Fprintf(&b, `, "m%d": 0`, i)
		}
		b.WriteString("}")
		return b.Bytes()
	}
	cases := []struct {
		name    string
		content []byte
		code    int
		want    string // in stdout
		limit   time.Duration
		huge    bool // holds a huge value, which messages must clip
	}{
		{"deep arrays", []byte(strings.Repeat("[", million) + strings.Repeat("]", million)), 1, "1:1001: error [syntax] nesting deeper than 1000 levels", 10 * time.Second, false},
		{"deep objects", []byte(strings.Repeat(`{"a":`, million) + "1" + strings.Repeat("}", million)), 1, "1:5001: error [syntax] nesting deeper than 1000 levels", 10 * time.Second, false},
		{"deep value wrappers", []byte(strings.Repeat(`{"value":`, million)), 1, "1:9001: error [syntax] nesting deeper than 1000 levels", 10 * time.Second, false},
		{"100 MB string, valid", []byte(`{"actionName": "` + big + `", "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z"}`), 0, "1 file, 1 resource: 0 errors", 90 * time.Second, true},
		{"100 MB enum value", []byte(`{"actionName": "a", "actionState": "` + big + `", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z"}`), 1, `[enum] actionState: the string "xxxxx`, 90 * time.Second, true},
		// Each of the million findings is tallied for --write-baseline,
		// a million distinct entries: the bound guards against a hang,
		// with room for the race detector on a busy two-core machine.
		{"a million members", manyMembers(), 0, "warning [finding-limit] 999000 more findings not listed in this file", 150 * time.Second, false},
		{"10,000 digits", []byte(`{` + validBody + `, "totalLicensesCount": ` + strings.Repeat("9", 10000) + `, "failedLicensesCount": 0, "actionFailureReason": "none"}`), 1, "[int32-range] totalLicensesCount: 99999", 10 * time.Second, true},
		{"1e400", []byte(`{` + validBody + `, "totalLicensesCount": 1e400, "failedLicensesCount": 0, "actionFailureReason": "none"}`), 1, "[int32-range] totalLicensesCount: 1e400 is outside", 10 * time.Second, false},
		{"1e9999999", []byte(`{` + validBody + `, "totalLicensesCount": 1e9999999, "failedLicensesCount": 1E-99999999999, "actionFailureReason": "none"}`), 1, "[type] failedLicensesCount: expected an integer (Int32), found the non-integer number 1E-99999999999", 10 * time.Second, false},
		{"-0", []byte(`{` + validBody + `, "totalLicensesCount": -0, "failedLicensesCount": -0, "actionFailureReason": "none"}`), 0, "0 errors, 0 warnings, 0 infos", 10 * time.Second, false},
		{"invalid UTF-8", []byte("{\"actionName\": \"\xc3\x28\"}"), 1, `1:17: error [syntax] byte 0xc3 in string is not valid UTF-8`, 10 * time.Second, false},
		{"lone surrogate", []byte(`{"actionName": "\ud800"}`), 1, `1:17: error [syntax] escape \ud800 is half of a UTF-16 surrogate pair`, 10 * time.Second, false},
		{"NUL bytes", []byte("{\"actionName\": \"a\x00b\"}"), 1, "1:18: error [syntax] NUL byte in string; control characters must be escaped", 10 * time.Second, false},
		{"random binary", binary, 1, "1:1: error [syntax] the file does not begin with a JSON value: unexpected byte 0x89, which is not valid UTF-8 (is it a JSON file?)", 10 * time.Second, false},
		{"UTF-8 BOM", append([]byte{0xEF, 0xBB, 0xBF}, []byte(`{`+validBody+`, "x": 1}`)...), 0, `1:132: warning [unknown-property] unknown property "x"`, 10 * time.Second, false},
		{"UTF-16 LE", utf16(`{`+validBody+`}`, false), 1, "1:1: error [syntax] the file is UTF-16 (little-endian) encoded; save it as UTF-8", 10 * time.Second, false},
		{"UTF-16 BE", utf16(`{`+validBody+`}`, true), 1, "1:1: error [syntax] the file is UTF-16 (big-endian) encoded; save it as UTF-8", 10 * time.Second, false},
		{"truncated", []byte(`{"value": [{` + validBody + `}, {"actionName": "a", "actionSt`), 1, "error [syntax] unexpected end of input in the string that starts at line 1, column", 10 * time.Second, false},
		{"trailing garbage", []byte(`{` + validBody + `} {"second": true}`), 1, "error [syntax] unexpected character '{' after the end of the JSON value", 10 * time.Second, false},
		{"empty", nil, 1, "1:1: error [syntax] the file is empty; expected a JSON value", 10 * time.Second, false},
		{"white space only", []byte(" \r\n\t\n"), 1, "3:1: error [syntax] the file holds only white space", 10 * time.Second, false},
		{"null", []byte("null"), 1, "1:1: error [type] the document is null", 10 * time.Second, false},
		{"batch body not JSON", []byte(`{"responses": [{"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": "<html>oops</html>"}]}`), 1, `error [type] batch response "1" (HTTP 200): its Content-Type says JSON, but the body is a string`, 10 * time.Second, false},
	}
	dir := t.TempDir()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, dir, fmt.Sprintf("case-%02d.json", i), c.content)
			code, stdout, stderr := runBounded(t, c.limit, nil, p)
			if code != c.code || !strings.Contains(stdout, c.want) {
				t.Errorf("exit %d, want %d; want %q in output:\n%.2000s\nstderr: %s", code, c.code, c.want, stdout, stderr)
			}
			for _, line := range strings.Split(stdout, "\n") {
				if c.huge && len(line) > 2000 {
					t.Errorf("an output line of %d bytes: huge values must be clipped in messages", len(line))
					break
				}
			}
		})
	}
	runtime.GC() // give back the hundreds of megabytes above
}

func TestHostilePaths(t *testing.T) {
	dir := t.TempDir()
	spaced := writeFile(t, dir, "with space/ünïcödé fixture.json", []byte(`{"actionName": "a", "actionState": "Done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z"}`))
	code, stdout, _ := runBounded(t, 10*time.Second, nil, filepath.Join(dir, "with space"))
	if code != 1 || !strings.Contains(stdout, spaced+":1:36: error [enum]") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}

	// Thousands of files, and a symbolic link loop among them.
	many := filepath.Join(dir, "many")
	for i := 0; i < 3000; i++ {
		writeFile(t, many, fmt.Sprintf("d%d/f%04d.json", i%10, i), []byte(`{`+validBody+`}`))
	}
	if err := os.Symlink(many, filepath.Join(many, "d0", "loop")); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runBounded(t, 60*time.Second, nil, "-q", "-o", "json", many)
	if code != 0 || !strings.Contains(stdout, `"summary":{"files":3000,"resources":3000,"errors":0`) {
		t.Errorf("exit %d:\n%.500s", code, stdout)
	}
}

func TestEndlessInputs(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err == nil {
		code, stdout, _ := runBounded(t, 10*time.Second, nil, "/dev/zero")
		if code != 1 || !strings.Contains(stdout, "/dev/zero:1:1: error [syntax] the file does not begin with a JSON value: unexpected NUL byte") {
			t.Errorf("/dev/zero: exit %d:\n%s", code, stdout)
		}
	}
	// A FIFO whose writer never stops writing white space: only the size
	// limit ends it.
	fifo := filepath.Join(t.TempDir(), "endless.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		chunk := bytes.Repeat([]byte(" "), 64<<10)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := f.Write(chunk); err != nil {
				return
			}
		}
	}()
	code, _, stderr := runBounded(t, 20*time.Second, nil, "--max-size", "8MiB", fifo)
	if code != 2 || !strings.Contains(stderr, "cannot read "+fifo+": it is larger than the size limit of 8388608 bytes (raise it with --max-size)") {
		t.Errorf("FIFO: exit %d, stderr %q", code, stderr)
	}
}

// TestInputsUnchangedAndOutputStable: inputs are only read, and the same
// inputs give the same bytes every run.
func TestInputsUnchangedAndOutputStable(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	sum := func() string {
		h := sha256.New()
		_ = filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err == nil && info.Mode().IsRegular() {
				b, _ := os.ReadFile(p)
				fmt.Fprintf(h, "%s %v %d %x\n", p, info.ModTime(), info.Mode(), sha256.Sum256(b))
			}
			return nil
		})
		return fmt.Sprintf("%x", h.Sum(nil))
	}
	before := sum()
	var outputs []string
	for i := 0; i < 3; i++ {
		_, stdout, _ := runBounded(t, 30*time.Second, nil, "-o", "json", root)
		outputs = append(outputs, stdout)
	}
	if outputs[0] != outputs[1] || outputs[1] != outputs[2] {
		t.Error("the same inputs gave different output")
	}
	if sum() != before {
		t.Error("running vppvalidate changed the input files")
	}
}

// TestUTF16LinesOneFinding checks that JSON Lines saved as UTF-16 (with or
// without a byte order mark) is one finding, whatever the reading mode,
// not one per line.
func TestUTF16LinesOneFinding(t *testing.T) {
	line := `{"actionName": "a", "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z"}`
	utf16 := func(s string, bom bool) []byte {
		var b []byte
		if bom {
			b = append(b, 0xFF, 0xFE)
		}
		for _, c := range []byte(s) {
			b = append(b, c, 0)
		}
		return b
	}
	dir := t.TempDir()
	text := line + "\r\n" + line + "\r\n" + line + "\r\n"
	for _, tc := range []struct {
		name string
		args []string
		bom  bool
	}{
		{"log.jsonl", nil, true},
		{"log.ndjson", nil, false},
		{"log.json", []string{"--lines"}, true},
		{"plain.json", nil, true},
	} {
		p := writeFile(t, dir, tc.name, utf16(text, tc.bom))
		code, stdout, _ := runBounded(t, time.Minute, nil, append(tc.args, "-o", "json", p)...)
		if code != exitFindings {
			t.Errorf("%s %v: exit %d", tc.name, tc.args, code)
		}
		if n := strings.Count(stdout, `"rule":"syntax"`); n != 1 || !strings.Contains(stdout, "UTF-16") {
			t.Errorf("%s %v: %d syntax findings, want one that names UTF-16:\n%s", tc.name, tc.args, n, stdout)
		}
	}
}
