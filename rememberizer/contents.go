package rememberizer

import (
	"context"
	"fmt"
	"io"
	"iter"
	"net/url"
	"strconv"
)

// ContentsBatch is how many chunks one contents request asks for, the most
// Rememberizer serves in one call.
const ContentsBatch = 20

// contentsPage is one answer of GET /documents/{id}/contents/.
type contentsPage struct {
	Content  string `json:"content"`
	EndChunk int    `json:"end_chunk"`
}

// DocumentContents returns the text of document id, [ContentsBatch] chunks
// per request, as the loop goes on: each value is the text of one batch.
// It stops after the last chunk, when the loop breaks, or at the first
// error, which it yields; more than [Config.MaxPages] batches is an
// [ErrTooManyPages] error.
//
//	var text strings.Builder
//	for part, err := range rc.DocumentContents(ctx, doc.ID) {
//		if err != nil {
//			return err
//		}
//		text.WriteString(part)
//	}
func (c *Client) DocumentContents(ctx context.Context, id ID) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		if id == "" {
			yield("", fmt.Errorf("%w: empty document id", ErrInvalidArgument))
			return
		}
		start := 0
		pg := c.newPager()
		for {
			end := start + ContentsBatch
			q := url.Values{"start_chunk": {strconv.Itoa(start)}, "end_chunk": {strconv.Itoa(end)}}
			u := c.endpoint("documents/%s/contents/", q, string(id))
			if err := pg.visit(u); err != nil {
				yield("", err)
				return
			}
			var page contentsPage
			if err := c.get(ctx, u, &page); err != nil {
				yield("", err)
				return
			}
			if page.Content == "" {
				return
			}
			if !yield(page.Content, nil) {
				return
			}
			// A short batch is the last one; an end that does not move
			// forward would loop for ever.
			if page.EndChunk < end || page.EndChunk <= start {
				return
			}
			start = page.EndChunk
		}
	}
}

// DocumentReader returns the text of document id as an [io.Reader] that
// fetches [ContentsBatch] chunks at a time as it is read. Call the
// returned stop function when done reading early.
func (c *Client) DocumentReader(ctx context.Context, id ID) (r io.Reader, stop func()) {
	next, stop := iter.Pull2(c.DocumentContents(ctx, id))
	return &contentsReader{next: next}, stop
}

// contentsReader reads the batches a pull iterator gives.
type contentsReader struct {
	next func() (string, error, bool)
	buf  string
	err  error
}

func (r *contentsReader) Read(p []byte) (int, error) {
	for r.buf == "" {
		if r.err != nil {
			return 0, r.err
		}
		s, err, ok := r.next()
		switch {
		case !ok:
			r.err = io.EOF
		case err != nil:
			r.err = err
		default:
			r.buf = s
		}
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}
