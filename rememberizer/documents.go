package rememberizer

import (
	"context"
	"iter"
	"net/url"
	"strconv"
)

// Document is one document in the user's knowledge, from GET /documents/.
type Document struct {
	// ID is the document's numeric id, the one [Client.DocumentContents]
	// takes.
	ID ID `json:"id"`
	// DocumentID is the id the data source gave the document.
	DocumentID      string `json:"document_id"`
	Name            string `json:"name"`
	Type            string `json:"type"`
	Path            string `json:"path"`
	URL             string `json:"url"`
	IntegrationType string `json:"integration_type"`
	Source          string `json:"source"`
	Status          string `json:"status"`
	StatusError     string `json:"status_error_message"`
	IndexedOn       string `json:"indexed_on"`
	CreatedTime     string `json:"created_time"`
	ModifiedTime    string `json:"modified_time"`
	Size            int64  `json:"size"`
	PK              ID     `json:"pk"`
}

// DocumentsOptions filters and pages [Client.Documents]. A nil
// *DocumentsOptions lists everything with the server's page size.
type DocumentsOptions struct {
	// IntegrationType keeps documents from one kind of source only, such
	// as [IntegrationSlack].
	// Optional. Default: all.
	IntegrationType string
	// PageSize is how many documents each request asks for.
	// Optional. Default: the server's (10).
	PageSize int
}

// documentsPage is a Django REST Framework paginated list.
type documentsPage struct {
	Count   int        `json:"count"`
	Next    *string    `json:"next"`
	Results []Document `json:"results"`
}

// Documents lists the user's documents, requesting page after page as the
// loop goes on and following each answer's next link. It stops at the last
// page, when the loop breaks, or at the first error, which it yields. A
// next link to another origin than the base URL's is an [ErrForeignHost]
// error and is not followed; a next link seen before is an [ErrPageCycle]
// error; more than [Config.MaxPages] pages is an [ErrTooManyPages] error.
//
//	for doc, err := range rc.Documents(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(doc.Name)
//	}
func (c *Client) Documents(ctx context.Context, opts *DocumentsOptions) iter.Seq2[Document, error] {
	return func(yield func(Document, error) bool) {
		q := url.Values{}
		if opts != nil {
			if opts.IntegrationType != "" {
				q.Set("integration_type", opts.IntegrationType)
			}
			if opts.PageSize > 0 {
				q.Set("page_size", strconv.Itoa(opts.PageSize))
			}
		}
		next := c.endpoint("documents/", q)
		pg := c.newPager()
		for next != "" {
			if err := pg.visit(next); err != nil {
				yield(Document{}, err)
				return
			}
			var page documentsPage
			if err := c.get(ctx, next, &page); err != nil {
				yield(Document{}, err)
				return
			}
			for _, d := range page.Results {
				if !yield(d, nil) {
					return
				}
			}
			cur := next
			next = ""
			if page.Next != nil && *page.Next != "" {
				next = resolve(cur, *page.Next)
			}
		}
	}
}

// resolve returns ref resolved against base, so a relative next link
// stays on base's origin; an unparsable ref comes back as is, for the
// request to refuse.
func resolve(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := b.Parse(ref)
	if err != nil {
		return ref
	}
	return r.String()
}
