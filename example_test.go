package vppvalidate_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/vppvalidate/vppvalidate"
)

// Checking a directory of fixtures, as "vppvalidate testdata/valid" does.
func ExampleCheckFiles() {
	rep, err := vppvalidate.CheckFiles([]string{"testdata/valid"}, vppvalidate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(rep.Findings), "findings, exit code", rep.ExitCode, "failed:", rep.Failed())
	// Output: 0 findings, exit code 0 failed: false
}

// Checking a payload held in memory, with one rule made a warning and
// the run failing on warnings too.
func ExampleCheckBytes() {
	payload := []byte(`{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#deviceAppManagement/vppTokens/$entity",
  "id": "1",
  "state": "Valid"
}`)
	// Only what this payload has is checked here: the missing
	// properties of a partial capture are not a concern.
	rep, err := vppvalidate.CheckBytes("token.json", payload, vppvalidate.Options{
		Severities: map[string]vppvalidate.Severity{
			"enum":             vppvalidate.Warning,
			"missing-property": vppvalidate.Off,
		},
		FailOn: vppvalidate.Warning,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range rep.Findings {
		fmt.Println(f.Severity, f)
	}
	fmt.Println("exit code", rep.ExitCode)
	// Output:
	// warning token.json:4:12: [enum] state: the string "Valid" is not a documented vppTokenState value in Graph v1.0; expected one of "unknown", "valid", "expired", "invalid", "assignedToExternalMDM"; did you mean "valid"?
	// exit code 1
}

// Streaming the findings of a reader one by one, as they are found.
func ExampleCheckReader() {
	r := strings.NewReader(`{
  "@odata.context": "https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenLicenseSummary)",
  "value": [
    {"vppTokenId": "1", "appleId": "vpp@contoso.example", "organizationName": "Contoso",
     "availableLicenseCount": "38", "usedLicenseCount": -1}
  ]
}`)
	rep, err := vppvalidate.CheckReader("stdin.json", r, vppvalidate.Options{
		OnFinding: func(f vppvalidate.Finding) { fmt.Println(f.Severity, f.Rule, f.Pointer) },
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rep.Summary.Errors, "error(s),", rep.Summary.Warnings, "warning(s); kept in the report:", len(rep.Findings))
	// Output:
	// error type /value/0/availableLicenseCount
	// error negative-count /value/0/usedLicenseCount
	// 2 error(s), 0 warning(s); kept in the report: 0
}
