package rememberizer

import (
	"errors"
	"testing"
)

func TestPagerSeesRepeatedCursors(t *testing.T) {
	t.Parallel()
	const base = "https://api.rememberizer.ai/api/v1/documents/"
	tests := []struct {
		name   string
		first  string
		second string
		cycle  bool
	}{
		{"next page", base + "?page_size=2", base + "?page=2&page_size=2", false},
		{"the first page again", base + "?page_size=2", base + "?page=1", true},
		{"reordered query", base + "?page=2&page_size=2", base + "?page_size=2&page=2", true},
		{"fragment added", base + "?page=2", base + "?page=2#top", true},
		{"other parameters changed", base + "?page=3&x=1", base + "?page=3&x=2&y=3", true},
		{"cursor seen", base + "?cursor=abc", base + "?cursor=abc&n=1", true},
		{"new cursor", base + "?cursor=abc", base + "?cursor=abd", false},
		{"another path", base + "?page=2", "https://api.rememberizer.ai/api/v1/mementos/?page=2", false},
		{"contents batch again", base + "1/contents/?start_chunk=20&end_chunk=40", base + "1/contents/?end_chunk=40&start_chunk=20", true},
	}
	for _, tt := range tests {
		p := &pager{max: 10, seen: map[string]bool{}}
		if err := p.visit(tt.first); err != nil {
			t.Fatalf("%s: first visit: %v", tt.name, err)
		}
		err := p.visit(tt.second)
		if got := errors.Is(err, ErrPageCycle); got != tt.cycle {
			t.Errorf("%s: got %v, want a cycle: %t", tt.name, err, tt.cycle)
		}
	}
}

func TestPagerLimit(t *testing.T) {
	t.Parallel()
	p := &pager{max: 2, seen: map[string]bool{}}
	for i, u := range []string{"https://x/a/?page=1", "https://x/a/?page=2"} {
		if err := p.visit(u); err != nil {
			t.Fatalf("visit %d: %v", i, err)
		}
	}
	if err := p.visit("https://x/a/?page=3"); !errors.Is(err, ErrTooManyPages) {
		t.Errorf("third page of two: got %v, want ErrTooManyPages", err)
	}
}
