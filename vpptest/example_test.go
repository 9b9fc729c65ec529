package vpptest_test

import (
	"fmt"
	"testing"

	"github.com/vppvalidate/vppvalidate"
	"github.com/vppvalidate/vppvalidate/vpptest"
)

// printingTB stands in for a test's *testing.T here, printing the errors
// a real test would report.
type printingTB struct{ testing.TB }

func (printingTB) Helper()                           {}
func (printingTB) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
func (printingTB) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

// In a test, Check(t, "testdata/*.json") fails the test with one error
// per finding that reaches the fail-on level, as here for a fixture with
// undocumented enum values.
func ExampleCheck() {
	var t testing.TB = printingTB{}
	vpptest.Check(t, "../testdata/invalid/enum.json")
	// Output:
	// ../testdata/invalid/enum.json:7:22: [enum] actionState: the string "Failed" is not a documented actionState value; expected one of "none", "pending", "canceled", "active", "done", "failed", "notSupported"; did you mean "failed"?
	// ../testdata/invalid/enum.json:12:30: [enum] actionFailureReason: the string "expiredToken" is not a documented vppTokenActionFailureReason value; expected one of "none", "appleFailure", "internalError", "expiredVppToken", "expiredApplePushNotificationCertificate"; did you mean "expiredVppToken"?
	// ../testdata/invalid/enum.json:16:22: [enum] actionState: the string "completed" is not a documented actionState value; expected one of "none", "pending", "canceled", "active", "done", "failed", "notSupported"
	// ../testdata/invalid/enum.json:22:22: [enum] actionState: the string "failed,canceled" is not a documented actionState value; expected one of "none", "pending", "canceled", "active", "done", "failed", "notSupported"
}

// CheckWith takes the options in place of a project file: here the
// enum rule only warns, and warnings do not fail the test.
func ExampleCheckWith() {
	var t testing.TB = printingTB{}
	rep := vpptest.CheckWith(t, vppvalidate.Options{
		Severities: map[string]vppvalidate.Severity{"enum": vppvalidate.Warning},
	}, "../testdata/invalid/enum.json")
	fmt.Println(rep.Summary.Warnings, "warnings; failed:", rep.Failed())
	// Output: 4 warnings; failed: false
}
