package rememberizer

import (
	"context"
	"iter"
	"net/http"
)

// paginate lists what first and its next links hold, in any shape
// [decodeList] accepts, page after page as the loop goes on, bounded as
// [Client.Documents] is.
func paginate[T any](ctx context.Context, c *Client, first string) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		next := first
		pg := c.newPager()
		for next != "" {
			if err := pg.visit(next); err != nil {
				yield(zero, err)
				return
			}
			var raw rawAnswer
			if err := c.get(ctx, next, &raw); err != nil {
				yield(zero, err)
				return
			}
			items, link, err := decodeList[T](raw.b)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			cur := next
			next = ""
			if link != "" {
				next = resolve(cur, link)
			}
		}
	}
}

// rawAnswer keeps an answer's JSON for a second, shape-aware decoding.
type rawAnswer struct{ b []byte }

func (r *rawAnswer) UnmarshalJSON(b []byte) error {
	r.b = append(r.b[:0], b...)
	return nil
}

// del sends a DELETE to rawURL once; any 2xx answer is success.
func (c *Client) del(ctx context.Context, rawURL string) error {
	return c.call(ctx, http.MethodDelete, rawURL, nil, nil)
}

// patch sends in as JSON to rawURL once and decodes the answer into out.
func (c *Client) patch(ctx context.Context, rawURL string, in, out any) error {
	return c.sendJSON(ctx, http.MethodPatch, rawURL, in, out)
}
