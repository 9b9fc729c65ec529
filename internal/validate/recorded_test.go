package validate_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/dnaeon/go-vcr.v4/pkg/recorder"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/validate"
)

// The Graph stand-in's bodies: captured shapes, with one mistake each
// where the name says so.
const (
	cleanToken = `{"id":"0d9a5c3e-7b1f-4e2a-9c8d-6f5e4d3c2b1a","appleId":"vpp@fabrikam.example","automaticallyUpdateApps":true,` +
		`"claimTokenManagementFromExternalMdm":false,"countryOrRegion":"ca","dataSharingConsentGranted":true,"displayName":"Fabrikam \"é\" VPP",` +
		`"expirationDateTime":"2026-08-31T23:59:59Z","lastModifiedDateTime":"2025-09-01T06:29:58Z","lastSyncDateTime":"2025-09-01T06:30:12Z",` +
		`"lastSyncStatus":"completed","locationName":"Office","organizationName":"Fabrikam","roleScopeTagIds":["0"],"state":"valid","token":null,` +
		`"vppTokenAccountType":"education","appleDeviceAppDeliveryProtocolType":"mobileDeviceManagement","tokenActionResults":[]}`
	tokensBody = "{\n  \"@odata.context\": \"https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens\",\n  \"value\": [\n    " +
		cleanToken + ",\n    {\"id\": \"1\", \"state\": \"Valid\", \"displayName\": \"tab\\there\"}\n  ]\n}\n"
	selectBody = `{"id":"0d9a5c3e-7b1f-4e2a-9c8d-6f5e4d3c2b1a","displayName":"Contoso \u00e9","lastSyncDateTime":"2024-05-02T07:12:30"}`
	meBody     = `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity","displayName":"Adele","state":"NotAVppState"}`
	brokenBody = `{"id": "x", "state": valid}`
	batchReq   = `{"requests":[{"id":"1","method":"GET","url":"/deviceAppManagement/vppTokens/abc/tokenActionResults"},{"id":"2","method":"GET","url":"/me"}]}`
	batchBody  = `{"responses":[{"id":"2","status":200,"headers":{"Content-Type":"application/json"},"body":{"displayName":"Adele","state":"x"}},` +
		`{"id":"1","status":200,"headers":{"Content-Type":"application/json"},"body":{"value":[{"actionName":"SyncLicenses","actionState":"Done","startDateTime":"2025-09-01T06:30:00Z","lastUpdatedDateTime":"2025-09-01T06:31:00Z"}]}}]}`
)

// graphStandIn serves the bodies above under Graph's paths.
func graphStandIn(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	serve := func(pattern, body string) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json; odata.metadata=minimal")
			io.WriteString(w, body)
		})
	}
	serve("GET /beta/deviceAppManagement/vppTokens", tokensBody)
	serve("GET /beta/deviceAppManagement/vppTokens/0d9a5c3e-7b1f-4e2a-9c8d-6f5e4d3c2b1a", selectBody)
	serve("GET /beta/deviceAppManagement/vppTokens/broken", brokenBody)
	serve("GET /v1.0/me", meBody)
	serve("POST /beta/$batch", batchBody)
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// calls are the requests made to the stand-in, in order.
var calls = []struct{ method, path, body string }{
	{"GET", "/beta/deviceAppManagement/vppTokens", ""},
	{"GET", "/beta/deviceAppManagement/vppTokens/0d9a5c3e-7b1f-4e2a-9c8d-6f5e4d3c2b1a?$select=id,displayName,lastSyncDateTime", ""},
	{"GET", "/v1.0/me", ""},
	{"GET", "/beta/deviceAppManagement/vppTokens/broken", ""},
	{"POST", "/beta/$batch", batchReq},
}

// located is a finding expected in a recording: its rule, its pointer in
// the body, and the text at its line and column in the recording, with
// the recording's escapes removed.
type located struct{ rule, pointer, text string }

// recordedWant is what every recording of calls holds.
var recordedWant = []located{
	{"enum", "/value/1/state", `"Valid"`},
	{"missing-property", "/value/1", `{"id"`},
	{"date-time", "/lastSyncDateTime", `"2024-05-02T07:12:30"`},
	{"syntax", "/state", `valid}`},
	{"enum", "/responses/1/body/value/0/actionState", `"Done"`},
}

// checkLocated checks a recording against want: the same findings, each
// pointing at its text.
func checkLocated(t *testing.T, path string, opts validate.Options, want []located, skipped int) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := validate.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := v.Check(validate.Input{Name: path, Reader: bytes.NewReader(src), Sniff: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped != skipped {
		t.Errorf("%d calls skipped, want %d", res.Skipped, skipped)
	}
	lines := strings.Split(string(src), "\n")
	unescape := strings.NewReplacer(`\\`, `\`, `\"`, `"`, `''`, `'`)
	var seen []finding.Finding
	for _, w := range want {
		found := false
		for _, f := range res.Findings {
			if f.Rule != w.rule || f.Pointer != w.pointer {
				continue
			}
			found = true
			seen = append(seen, f)
			if !strings.HasPrefix(f.Message, "interaction ") {
				t.Errorf("%s %s: the message does not name the interaction: %s", w.rule, w.pointer, f.Message)
			}
			if f.Line < 1 || f.Line > len(lines) {
				t.Errorf("%s %s: line %d is outside the recording", w.rule, w.pointer, f.Line)
				continue
			}
			rest := string([]rune(lines[f.Line-1])[f.Column-1:])
			if got := unescape.Replace(rest); !strings.HasPrefix(got, w.text) {
				t.Errorf("%s %s: %d:%d points at %q, want %q", w.rule, w.pointer, f.Line, f.Column, rest, w.text)
			}
		}
		if !found {
			t.Errorf("no %s finding at %s", w.rule, w.pointer)
		}
	}
	if len(seen) != len(res.Findings) {
		for _, f := range res.Findings {
			t.Logf("got %d:%d %s %s %s", f.Line, f.Column, f.Rule, f.Pointer, f.Message)
		}
		t.Errorf("%d findings, want %d", len(res.Findings), len(seen))
	}
}

// TestGoVCRRecording records the stand-in through go-vcr, as a Go test
// suite would record Graph, and checks the cassette. The requests name
// graph.microsoft.com; the transport dials the stand-in.
func TestGoVCRRecording(t *testing.T) {
	s := graphStandIn(t)
	out := filepath.Join(t.TempDir(), "go-vcr")
	if *update {
		out = filepath.Join("..", "..", "testdata", "recordings", "go-vcr")
		os.Remove(out + ".yaml")
	}
	dial := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, s.Listener.Addr().String())
	}}
	rec, err := recorder.New(out, recorder.WithMode(recorder.ModeRecordOnly), recorder.WithRealTransport(dial), recorder.WithSkipRequestLatency(true))
	if err != nil {
		t.Fatal(err)
	}
	client := rec.GetDefaultClient()
	for _, c := range calls {
		req, err := http.NewRequest(c.method, "http://graph.microsoft.com"+c.path, strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if err := rec.Stop(); err != nil {
		t.Fatal(err)
	}
	checkLocated(t, out+".yaml", validate.Options{}, recordedWant, 1)
}

// TestVCRPyRecording records the stand-in through VCR.py (Debian's
// python3-vcr) and checks the cassette. The stand-in's address is named
// a Graph host, as a proxy would be.
func TestVCRPyRecording(t *testing.T) {
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import vcr").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Skip("VCR.py is not installed (apt-get install python3-vcr)")
	}
	s := graphStandIn(t)
	out := filepath.Join(t.TempDir(), "vcrpy.yaml")
	if *update {
		out = filepath.Join("..", "..", "testdata", "recordings", "vcrpy.yaml")
		os.Remove(out)
	}
	var script strings.Builder
	script.WriteString("import sys, urllib.request, vcr\nbase, out = sys.argv[1], sys.argv[2]\nwith vcr.use_cassette(out, record_mode='all'):\n")
	for _, c := range calls {
		data := "None"
		if c.body != "" {
			data = "b'" + strings.ReplaceAll(c.body, "'", `\'`) + "'"
		}
		script.WriteString("    urllib.request.urlopen(urllib.request.Request(base + " + pyQuote(c.path) + ", data=" + data + ", method='" + c.method + "', headers={'Content-Type': 'application/json'})).read()\n")
	}
	cmd := exec.Command(python, "-c", script.String(), s.URL, out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("VCR.py: %v\n%s", err, msg)
	}
	checkLocated(t, out, validate.Options{GraphHosts: []string{"127.0.0.1"}}, recordedWant, 1)
}

func pyQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// TestRecordingFixtures: every recording under testdata/recordings gives
// exactly the findings in the .want file beside it. The cassettes there
// were made by TestGoVCRRecording and TestVCRPyRecording with -update;
// the HAR file follows what Chrome's "Save all as HAR" writes.
func TestRecordingFixtures(t *testing.T) {
	var files []string
	for _, ext := range []string{"*.har", "*.yaml", "*.json"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "recordings", ext))
		files = append(files, m...)
	}
	if len(files) < 3 {
		t.Fatalf("only %d recordings under testdata/recordings", len(files))
	}
	v, err := validate.New(validate.Options{GraphHosts: []string{"127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := v.Check(validate.Input{Name: path, Reader: bytes.NewReader(src), Sniff: true})
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for _, f := range res.Findings {
				got.WriteString(wantLine(f) + "\n")
			}
			got.WriteString("skipped " + strconv.Itoa(res.Skipped) + "\n")
			wantPath := strings.TrimSuffix(path, filepath.Ext(path)) + ".want"
			if *update {
				if err := os.WriteFile(wantPath, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("no expected findings beside the recording: %v", err)
			}
			if got.String() != string(want) {
				t.Errorf("findings differ from %s\n--- got\n%s--- want\n%s", wantPath, got.String(), want)
			}
		})
	}
}

// TestHARLocated checks that the HAR fixture's findings point at the
// offending values, through JSON escapes and base64.
func TestHARLocated(t *testing.T) {
	checkLocated(t, filepath.Join("..", "..", "testdata", "recordings", "chrome.har"), validate.Options{}, []located{
		{"enum", "/value/0/state", `"Valid"`},
		{"date-time", "/lastSyncDateTime", `eyJ`[:0]},
		{"syntax", "/state", `valid`},
	}, 2)
}
