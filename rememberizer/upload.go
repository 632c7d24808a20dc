package rememberizer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"strings"
)

// Upload is one file to send to Rememberizer. Its content is streamed
// from Content as the request goes out, never held in memory whole.
type Upload struct {
	// Name is the file name sent with the content, such as "notes.md".
	// Required.
	Name string

	// Content is the file's content, read once, as the request is sent.
	// Required.
	Content io.Reader

	// Size is Content's length in bytes when it is known: exactly Size
	// bytes are sent, with a Content-Length, and a Content that ends
	// early fails the request. A Size over [Config.MaxUploadBytes] is
	// refused before anything is sent. When Size is 0 the length is
	// unknown: Content is read to its end and sent chunked, and a Content
	// longer than [Config.MaxUploadBytes] fails the request with
	// [ErrUploadTooLarge] (Rememberizer then gets a cut request and
	// stores nothing).
	// Optional. Default: 0 (unknown).
	Size int64

	// ContentType is the content's media type.
	// Optional. Default: "application/octet-stream".
	ContentType string
}

// multipartBody returns a function giving a multipart/form-data body
// holding files, each in a part named field, streamed from their
// readers. It checks what can be checked before sending.
func (c *Client) multipartBody(field string, files []Upload) (func() requestBody, error) {
	if len(files) == 0 {
		return nil, fmt.Errorf("%w: no file to upload", ErrInvalidArgument)
	}
	var (
		buf     bytes.Buffer
		readers []io.Reader
		length  int64
		unknown bool // a file's size is unknown: the body is sent chunked
	)
	mw := multipart.NewWriter(&buf)
	flush := func() {
		piece := bytes.Clone(buf.Bytes())
		buf.Reset()
		readers = append(readers, bytes.NewReader(piece))
		length += int64(len(piece))
	}
	for _, f := range files {
		if strings.TrimSpace(f.Name) == "" || f.Content == nil {
			return nil, fmt.Errorf("%w: an upload needs a name and content", ErrInvalidArgument)
		}
		if f.Size < 0 {
			return nil, fmt.Errorf("%w: negative upload size", ErrInvalidArgument)
		}
		if f.Size > c.cfg.MaxUploadBytes {
			return nil, fmt.Errorf("%w: %s is %d bytes, over %d", ErrUploadTooLarge, f.Name, f.Size, c.cfg.MaxUploadBytes)
		}
		ct := f.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, quoteEscaper.Replace(field), quoteEscaper.Replace(f.Name)))
		h.Set("Content-Type", strings.Map(dropControl, ct))
		if _, err := mw.CreatePart(h); err != nil {
			return nil, fmt.Errorf("rememberizer: building the upload: %w", err)
		}
		flush()
		if f.Size > 0 {
			readers = append(readers, &exactReader{r: f.Content, left: f.Size})
			length += f.Size
		} else {
			readers = append(readers, &cappedReader{r: f.Content, left: c.cfg.MaxUploadBytes, name: f.Name})
			unknown = true
		}
	}
	if err := mw.Close(); err != nil {
		return nil, fmt.Errorf("rememberizer: building the upload: %w", err)
	}
	flush()
	if unknown {
		length = -1
	}
	ctype := mw.FormDataContentType()
	used := false
	return func() requestBody {
		if used { // an upload's readers are read once: never a second attempt
			return requestBody{r: errReader{}, contentType: ctype, length: -1}
		}
		used = true
		return requestBody{r: io.MultiReader(readers...), contentType: ctype, length: length}
	}, nil
}

// quoteEscaper escapes a name for a Content-Disposition parameter, as
// mime/multipart does.
var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", " ", "\n", " ")

// dropControl removes control characters from a header value.
func dropControl(r rune) rune {
	if r < 0x20 || r == 0x7f {
		return -1
	}
	return r
}

// exactReader gives exactly left bytes of r, failing if r ends early.
type exactReader struct {
	r    io.Reader
	left int64
}

func (e *exactReader) Read(p []byte) (int, error) {
	if e.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > e.left {
		p = p[:e.left]
	}
	n, err := e.r.Read(p)
	e.left -= int64(n)
	if err == io.EOF && e.left > 0 {
		return n, fmt.Errorf("%w: upload content ended %d bytes before its Size", ErrInvalidArgument, e.left)
	}
	if err == io.EOF {
		err = nil
	}
	return n, err
}

// cappedReader gives r whole, failing once it goes past left bytes.
type cappedReader struct {
	r    io.Reader
	left int64
	name string
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return 0, fmt.Errorf("%w: %s is over the upload limit", ErrUploadTooLarge, c.name)
	}
	return n, err
}

// errReader fails every read: the body of an attempt that cannot be made.
type errReader struct{}

func (errReader) Read([]byte) (int, error) {
	return 0, errors.New("rememberizer: an upload is sent once only")
}
