package finding

import (
	"strings"
	"testing"
)

func TestGeneralPointer(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "/": "/", "/x": "/x", "/value/3/a": "/value/*/a", "/value/3": "/value/*",
		"/a1/12/b/0": "/a1/*/b/*", "/1/2": "/*/*", "/value//1": "/value//*", "/v/12a/3": "/v/12a/*",
	} {
		if got := GeneralPointer(in); got != want {
			t.Errorf("GeneralPointer(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArticle(t *testing.T) {
	for noun, want := range map[string]string{
		"entity": "an entity", "vppToken": "a vppToken", "iosVppApp": "an iosVppApp",
		"object": "an object", "Enum": "an Enum", "string": "a string", "": "a ",
	} {
		if got := Article(noun); got != want {
			t.Errorf("Article(%q) = %q, want %q", noun, got, want)
		}
	}
}

// TestAddHost: a host is listed once, in the order met, and no more than
// MaxHosts are; an empty one is none.
func TestAddHost(t *testing.T) {
	var hosts []string
	for _, h := range []string{"a:1", "", "b", "a:1", "c:3", "d", "b"} {
		hosts = AddHost(hosts, h)
	}
	if got := strings.Join(hosts, " "); got != "a:1 b c:3" {
		t.Errorf("got %q, want %q", got, "a:1 b c:3")
	}
}
