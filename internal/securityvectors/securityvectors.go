// Package securityvectors holds the attack vectors of the security
// specification, shared by the unit tests, the fuzz seeds and the
// adapters' behaviour suite.
package securityvectors

import "strings"

// ReturnToRejected are SECURITY.md's return-to vectors that must come back
// as "/", with Go string escapes as written there. The duplicate-parameter
// vector (?return_to=/a&return_to=//evil) is about reading the query, so
// it is tested where the query is read.
var ReturnToRejected = []string{
	"",
	"//redirect",
	"/\\evil.com",
	"/ /evil.com",
	"/ \\evil.com",
	"/\t/evil.com",
	"/\t\\evil.com",
	"/\v/evil.com",
	"/\n/evil.com",
	"/\r\\evil.com",
	"/./\\evil.com",
	"/./../../\\evil.com",
	"foo.bar/redirect",
	"http://foo.bar.evil.corp/redirect",
	"https://evil.corp/redirect?rd=foo.bar",
	"//google.com",
	"///google.com",
	"/%09/google.com",
	"/%5cgoogle.com",
	"//%5cgoogle.com",
	"/%2f%2fgoogle.com",
	"\\/\\/google.com/",
	"/https:/%5cgoogle.com/",
	"https:google.com",
	"https://example.com@google.com",
	"http://3627734734",
	"//google%00.com",
	"javascript:alert(1)",
	"data:text/html;base64,PHNjcmlwdD5hbGVydCgiWFNTIik8L3NjcmlwdD4=",
	"〱google.com",
	"/<>//example.com",
	"@google.com",
	"/http://google.com",
	"/%68%74%74%70%3a%2f%2f%67%6f%6f%67%6c%65%2e%63%6f%6d",
	"/auth/rememberizer/callback?code=x&state=y",
	"/" + strings.Repeat("a", 4095), // 4 KiB
}

// ReturnToKept are SECURITY.md's return-to vectors that must come back
// unchanged.
var ReturnToKept = []string{
	"/",
	"/redirect",
	"/a/b/c",
	"/dashboard?tab=settings",
	"/a/b?c=d&e=f",
	"/search?q=a%20b",
	"/search?q=a%2Fb",
	"/docs#section-2",
	"/%E2%9C%93",
	"/api/v1/items/42?sort=-created",
}

// ReturnToVariants generates variants of the open-redirect patterns: every
// combination of a scheme, a prefix of slashes, backslashes, control
// characters and their percent-encodings, and a target. None is a safe
// relative path on this app.
func ReturnToVariants() []string {
	schemes := []string{"", "http:", "https:", "javascript:", "HTTPS:"}
	prefixes := []string{"//", "/\\", "\\", "\\/", "/%2f", "/%5c", "%2f%2f", "/%09/", "/%0a/", "/%0d/", "/\t/",
		"/./", "/../", "/.%2e/", "/%2e%2e/", "/%2F/", "/%5C", "///", "\\\\", "/\\/", "%5c%5c"}
	targets := []string{"evil.com", "/evil.com", "\\evil.com", "%2fevil.com", "%5cevil.com", "@evil.com", "evil.com/%2e%2e"}
	var out []string
	for _, s := range schemes {
		for _, p := range prefixes {
			for _, t := range targets {
				out = append(out, s+p+t)
			}
		}
	}
	return out
}
