package recording

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// Host is a host whose recorded responses are Graph's, as --graph-host
// and "graphHosts" give it: a name or address, and a port when the
// traffic went through a proxy that listens on one.
type Host struct {
	Name string // lower case, without a trailing dot or IPv6 brackets
	Port string // "" for any port
}

// ParseHost reads HOST or HOST:PORT ("graph-proxy.test.local",
// "127.0.0.1:8731", "[::1]:8731"). It fails for an empty name, a scheme
// or path (a URL rather than a host), or a port that is not a TCP port
// number: digits alone, from 1 to 65535 (a port is a 16-bit field, RFC
// 9293 section 3.1, and IANA's port number registry reserves port 0, on
// which no server listens), a wildcard (hosts are matched as written, so
// *.test would match nothing), a character no host name has, or an IPv6
// address without brackets whose last group could be a port (::1:8080).
// The port is kept in decimal without leading zeros, as URLs write it.
func ParseHost(s string) (Host, error) {
	if s == "" {
		return Host{}, errors.New("a host name is empty")
	}
	if strings.ContainsAny(s, " \t") {
		return Host{}, errors.New("a host name has no spaces")
	}
	if strings.ContainsAny(s, "/?#@") {
		return Host{}, errors.New("want a host name or HOST:PORT, such as graph-proxy.test.local or 127.0.0.1:8731, not a URL")
	}
	name, port := s, ""
	if h, p, err := net.SplitHostPort(s); err == nil {
		name = h
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return Host{}, errors.New("the port after the colon must be a number")
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return Host{}, errors.New("the port after the colon must be from 1 to 65535")
		}
		port = strconv.Itoa(n)
	} else if strings.Count(s, ":") == 1 {
		return Host{}, errors.New("the port after the colon must be a number")
	} else if strings.Contains(s, ":") && !strings.HasPrefix(s, "[") && net.ParseIP(s) == nil {
		// More than one colon is an IPv6 address, or a mistake.
		return Host{}, errors.New("want HOST or HOST:PORT with one colon; an IPv6 address with a port is written [ADDRESS]:PORT")
	} else if i := strings.LastIndexByte(s, ':'); i > 0 && !strings.HasPrefix(s, "[") &&
		strings.Trim(s[i+1:], "0123456789") == "" && net.ParseIP(s[:i]) != nil {
		// ::1:8080 is an IPv6 address, and also ::1 with a port: which
		// was meant cannot be told.
		return Host{}, fmt.Errorf("an IPv6 address and a port cannot be told apart without brackets: write [%s]:%s for the address %s with a port, or [%s] for the address", s[:i], s[i+1:], s[:i], s)
	}
	if strings.HasPrefix(s, "[") {
		// Brackets hold one IPv6 address: "[::1" and "[graph.test]" are
		// mistakes, not ::1 and graph.test. With a port, SplitHostPort
		// has taken them off already.
		inner := name
		if rest, open := strings.CutPrefix(inner, "["); open {
			var closed bool
			if inner, closed = strings.CutSuffix(rest, "]"); !closed {
				inner = ""
			}
		}
		if !strings.Contains(inner, ":") || net.ParseIP(inner) == nil {
			return Host{}, errors.New("brackets hold an IPv6 address: write [ADDRESS] or [ADDRESS]:PORT, such as [::1]:8731")
		}
		name = inner
	}
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	if name == "" {
		return Host{}, errors.New("a host name is empty")
	}
	if strings.ContainsAny(name, "*?") {
		return Host{}, errors.New("a host has no wildcards: name each host (or address) the traffic went to, with its port if it matters")
	}
	if net.ParseIP(name) == nil && strings.ContainsFunc(name, func(r rune) bool {
		// Letters beyond ASCII stand for themselves (an internationalized
		// name as a recorder may write it).
		return r < 0x80 && !strings.ContainsRune("abcdefghijklmnopqrstuvwxyz0123456789-._", r)
	}) {
		return Host{}, errors.New("a host name has only letters, digits, '-', '_' and '.'")
	}
	return Host{Name: name, Port: port}, nil
}

// Matches tells whether a request URL goes to the host (and port, when
// the Host has one; a URL without a port has its scheme's default).
func (h Host) Matches(u *url.URL) bool {
	if strings.ToLower(strings.TrimSuffix(u.Hostname(), ".")) != h.Name {
		return false
	}
	if h.Port == "" {
		return true
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
	}
	return port == h.Port
}
