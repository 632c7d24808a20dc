package rememberizer

import (
	"fmt"
	"net/url"
)

// cursorParams are the query parameters that say where a page starts. A
// next link whose path and cursor were seen before is a cycle, whatever
// else its query holds.
var cursorParams = []string{"page", "cursor", "offset", "start", "after", "start_chunk"}

// pager bounds one walk over a paginated list: at most
// [Config.MaxPages] requests, none for a page already fetched.
type pager struct {
	max   int
	pages int
	seen  map[string]bool
}

// newPager returns a pager with the client's page limit.
func (c *Client) newPager() *pager {
	return &pager{max: c.cfg.MaxPages, seen: map[string]bool{}}
}

// visit records that rawURL is about to be requested. It returns an
// [ErrPageCycle] error for a page already fetched and an
// [ErrTooManyPages] error past the limit.
func (p *pager) visit(rawURL string) error {
	key, path := cursorKey(rawURL)
	if p.seen[key] {
		return fmt.Errorf("%w: %s", ErrPageCycle, path)
	}
	if p.pages >= p.max {
		return fmt.Errorf("%w: %s: more than %d pages", ErrTooManyPages, path, p.max)
	}
	p.seen[key] = true
	p.pages++
	return nil
}

// cursorKey names the page rawURL asks for: its path and its cursor
// parameters, a link without any being page 1 as in Django REST
// Framework. Other parameters, their order and a fragment do not make a
// new page. It returns the path too, for error messages.
func cursorKey(rawURL string) (key, path string) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL, ""
	}
	q := u.Query()
	cur := url.Values{}
	for _, k := range cursorParams {
		if vs, ok := q[k]; ok {
			cur[k] = vs
		}
	}
	if len(cur) == 0 {
		cur.Set("page", "1")
	}
	return u.EscapedPath() + "?" + cur.Encode(), u.Path
}
