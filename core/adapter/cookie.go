package adapter

import "strings"

// CookieValue returns the value of the first cookie called name in the
// given Cookie request header lines, or "". It allocates nothing, and
// adapters use it on the hot path instead of parsing every cookie.
func CookieValue(headers []string, name string) string {
	for _, line := range headers {
		for len(line) > 0 {
			var part string
			part, line, _ = strings.Cut(line, ";")
			part = strings.TrimLeft(part, " \t")
			n, v, ok := strings.Cut(part, "=")
			if !ok || strings.TrimRight(n, " \t") != name {
				continue
			}
			v = strings.TrimSpace(v)
			if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
				v = v[1 : len(v)-1]
			}
			return v
		}
	}
	return ""
}
