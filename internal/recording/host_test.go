package recording

import (
	"net/url"
	"testing"
)

func TestHosts(t *testing.T) {
	for _, c := range []struct {
		host, url string
		match     bool
	}{
		{"127.0.0.1:8731", "http://127.0.0.1:8731/beta/deviceAppManagement/vppTokens", true},
		{"127.0.0.1:8731", "http://127.0.0.1:8732/beta/deviceAppManagement/vppTokens", false},
		{"127.0.0.1", "http://127.0.0.1:8732/beta/x", true},
		{"Graph-Proxy.test.local.", "https://graph-proxy.test.local/v1.0/x", true},
		{"graph-proxy.test.local:443", "https://graph-proxy.test.local/v1.0/x", true},
		{"graph-proxy.test.local:80", "https://graph-proxy.test.local/v1.0/x", false},
		{"[::1]:8080", "http://[::1]:8080/beta/x", true},
		{"[::1]", "http://[::1]:8080/beta/x", true},
		{"[2001:DB8::1]", "http://[2001:db8::1]/beta/x", true},
		{"::1", "http://[::1]:8080/beta/x", true},
		{"proxy.test", "http://other.test/beta/x", false},
		{"127.0.0.1:1", "http://127.0.0.1:1/beta/x", true},
		{"127.0.0.1:65535", "http://127.0.0.1:65535/beta/x", true},
		{"127.0.0.1:08731", "http://127.0.0.1:8731/beta/x", true},
	} {
		h, err := ParseHost(c.host)
		if err != nil {
			t.Errorf("ParseHost(%q): %v", c.host, err)
			continue
		}
		u, _ := url.Parse(c.url)
		if got := h.Matches(u); got != c.match {
			t.Errorf("%q matches %s: %v, want %v", c.host, c.url, got, c.match)
		}
	}
	for _, bad := range []string{"", "http://proxy.test", "proxy.test/beta", "proxy.test:", "proxy.test:http", ":8080", "a b",
		// A TCP port is a number from 1 to 65535, in digits alone.
		"localhost:0", "localhost:00000", "localhost:65536", "localhost:99999", "localhost:99999999999999999999",
		"localhost:+80", "localhost:-1", "localhost:8_0", "localhost:٣", "[::1]:0", "[::1]:70000",
		// Two colons outside brackets: only an IPv6 address has them.
		"localhost:8080:1", "proxy:80:", "a:b:c",
		// Hosts are matched as written: a wildcard would match nothing.
		"*.0.0.1", "*.test.local:8080", "proxy?.test", "pro%78y.test",
		// An address or an address and a port? Brackets tell.
		"::1:8080", "2001:db8::1:443",
		// Brackets hold one IPv6 address, closed.
		"[::1", "[::1:8080", "::1]", "[graph.test]", "[graph.test]:443", "[127.0.0.1]", "[[::1]]", "[]", "[]:80"} {
		if _, err := ParseHost(bad); err == nil {
			t.Errorf("ParseHost(%q) accepted it", bad)
		}
	}
}
