package recording

import (
	"strings"
	"testing"
)

// TestTestProxyBodies reads each way the Azure SDK test proxy writes a
// body (RecordEntry.SerializeBody in Azure/azure-sdk-tools), in the shape
// of its own test recordings: indented by two spaces, quotes and
// apostrophes escaped as \u0022 and \u0027. In every body the marked
// byte, the V of "Valid", must be placed on its source in the recording.
func TestTestProxyBodies(t *testing.T) {
	entry := func(headers, body string) string {
		return `{
  "Entries": [
    {
      "RequestUri": "https://graph.microsoft.com/beta/deviceAppManagement/vppTokens(\u0027x\u0027)",
      "RequestMethod": "GET",
      "RequestHeaders": {
        "Accept": "application/json"
      },
      "RequestBody": null,
      "StatusCode": 200,
      "ResponseHeaders": {` + headers + `
      },
      "ResponseBody": ` + body + `
    }
  ],
  "Variables": {}
}
`
	}
	const jsonCT = `
        "Content-Type": "application/json; odata.metadata=minimal"`
	cases := []struct {
		name, src, body string
		inline          bool
		at              string // the text at the V's place
	}{
		{"inline object", entry(jsonCT, "{\n        \"state\": \"Valid\"\n      }"), "{\n        \"state\": \"Valid\"\n      }", true, `Valid"`},
		{"one string", entry(jsonCT, `"{\u0022state\u0022: \u0022Valid"`), `{"state": "Valid`, false, `Valid"`},
		{"lines", entry(jsonCT, "[\n        \"{\\n\",\n        \"  \\u0022state\\u0022: \\u0022Valid\\u0022\\n\",\n        \"}\"\n      ]"), "{\n  \"state\": \"Valid\"\n}", false, `Valid\u0022`},
		{"base64, no content type", entry("", `"eyJzdGF0ZSI6ICJWYWxpZCJ9"`), `{"state": "Valid"}`, false, `ICJWYWxp`},
		{"base64, two content types", entry(`
        "Content-Type": [
          "application/json",
          "text/plain"
        ]`, `"eyJzdGF0ZSI6ICJWYWxpZCJ9"`), `{"state": "Valid"}`, false, `ICJWYWxp`},
	}
	for _, c := range cases {
		its, f, err := Read([]byte(c.src), nil)
		if err != nil || f.Name != "test-proxy" {
			t.Errorf("%s: %v (%v)", c.name, err, f)
			continue
		}
		it := its[0]
		if string(it.Body) != c.body || it.Inline != c.inline || it.Problem != "" {
			t.Errorf("%s: body %q, inline %v (%s); want %q, inline %v", c.name, it.Body, it.Inline, it.Problem, c.body, c.inline)
			continue
		}
		off := int64(strings.Index(c.body, "Valid"))
		var p = it.BodyPos
		if it.Inline {
			p.Offset += off
		} else {
			p = it.Map.Locate(off)
		}
		if got := c.src[p.Offset:]; !strings.HasPrefix(got, c.at) {
			t.Errorf("%s: the V at %d:%d, %q; want %q", c.name, p.Line, p.Column, got[:min(len(got), 12)], c.at)
		}
		if it.Inline {
			continue // the reader of the body counts lines from BodyPos
		}
		line := strings.Split(c.src, "\n")[p.Line-1]
		if !strings.HasPrefix(string([]rune(line)[p.Column-1:]), c.at) {
			t.Errorf("%s: line %d, column %d is not at %q", c.name, p.Line, p.Column, c.at)
		}
	}
}

// TestTestProxyEmptyAndRequests: null and [] bodies, and request bodies
// in each of their shapes, as a $batch's URLs are read from them.
func TestTestProxyEmptyAndRequests(t *testing.T) {
	src := `{
  "Entries": [
    {
      "RequestUri": "https://graph.microsoft.com/beta/$batch",
      "RequestMethod": "POST",
      "RequestHeaders": {
        "Content-Type": "application/json"
      },
      "RequestBody": {
        "requests": []
      },
      "StatusCode": 204,
      "ResponseHeaders": {},
      "ResponseBody": null
    },
    {
      "RequestUri": "https://graph.microsoft.com/beta/$batch",
      "RequestMethod": "POST",
      "RequestHeaders": {
        "Content-Type": "application/json"
      },
      "RequestBody": [
        "{\r\n",
        "  \u0022requests\u0022: []\r\n",
        "}"
      ],
      "StatusCode": 200,
      "ResponseHeaders": {
        "Content-Type": "application/json"
      },
      "ResponseBody": []
    },
    {
      "RequestUri": "https://login.microsoftonline.com/common/oauth2/v2.0/token",
      "RequestMethod": "POST",
      "RequestHeaders": {
        "Content-Type": "application/x-www-form-urlencoded;charset=utf-8"
      },
      "RequestBody": "grant_type=client_credentials\u0026scope=https%3A%2F%2Fgraph.microsoft.com%2F.default",
      "StatusCode": 200
    }
  ],
  "Variables": {
    "RandomSeed": "1234"
  }
}
`
	its, _, err := Read([]byte(src), nil)
	if err != nil || len(its) != 3 {
		t.Fatalf("%d interactions, %v", len(its), err)
	}
	if its[0].HasBody || string(its[0].Request) != "{\n        \"requests\": []\n      }" {
		t.Errorf("entry 0: body %v, request %q", its[0].HasBody, its[0].Request)
	}
	if !its[1].HasBody || len(its[1].Body) != 0 || string(its[1].Request) != "{\r\n  \"requests\": []\r\n}" {
		t.Errorf("entry 1: body %v %q, request %q", its[1].HasBody, its[1].Body, its[1].Request)
	}
	if its[2].HasBody || string(its[2].Request) != "grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default" {
		t.Errorf("entry 2: body %v, request %q", its[2].HasBody, its[2].Request)
	}
}
