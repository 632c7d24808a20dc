package rememberizer

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// errorBody holds the fields Rememberizer puts its error messages in:
// DRF's "detail", "error" (sometimes in a 200 body), or "message" with
// "code".
type errorBody struct {
	Detail  json.RawMessage `json:"detail"`
	Error   json.RawMessage `json:"error"`
	Message json.RawMessage `json:"message"`
	Code    json.RawMessage `json:"code"`
}

// checkAnswer returns an *Error for a non-2xx answer or for a 2xx JSON
// object carrying a non-empty "error" field, else nil.
func checkAnswer(resp *http.Response, data []byte) *Error {
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	trimmed := bytes.TrimSpace(data)
	if ok && (len(trimmed) == 0 || trimmed[0] != '{' || !bytes.Contains(trimmed, []byte(`"error"`))) {
		return nil // the common case decodes once only
	}
	var eb errorBody
	if len(trimmed) > 0 && trimmed[0] == '{' {
		_ = json.Unmarshal(trimmed, &eb) // a body that is not JSON leaves eb empty
	}
	if ok {
		msg := text(eb.Error)
		if msg == "" {
			return nil
		}
		return &Error{StatusCode: resp.StatusCode, Detail: cleanDetail(msg), Code: cleanDetail(text(eb.Code))}
	}
	detail := text(eb.Detail)
	if detail == "" {
		detail = text(eb.Error)
	}
	if detail == "" {
		detail = text(eb.Message)
	}
	if detail == "" && len(trimmed) > 0 && trimmed[0] == '{' && eb.Code == nil {
		detail = text(trimmed) // DRF field errors: {"field": ["message"]}
	}
	return &Error{
		StatusCode: resp.StatusCode,
		Detail:     cleanDetail(detail),
		Code:       cleanDetail(text(eb.Code)),
		RetryAfter: cleanDetail(resp.Header.Get("Retry-After")),
	}
}

// text renders a JSON value as a message: a string as is, a number or
// boolean as written, an object or array (DRF's field errors) compacted;
// null and absent as "".
func text(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	if raw[0] == '{' || raw[0] == '[' {
		var buf bytes.Buffer
		if json.Compact(&buf, raw) == nil {
			return buf.String()
		}
	}
	return string(raw)
}

// retryWait is how long to wait before retry number attempt+1: what
// Retry-After asks (seconds or an HTTP date), else 1s, 2s, 4s…, capped at
// [Config.MaxRetryWait].
func (c *Client) retryWait(retryAfter string, attempt int) time.Duration {
	d := time.Second << min(attempt, 10)
	if ra := strings.TrimSpace(retryAfter); ra != "" {
		if secs, err := strconv.ParseInt(ra, 10, 64); err == nil && secs >= 0 {
			d = time.Duration(min(secs, int64(c.cfg.MaxRetryWait/time.Second)+1)) * time.Second
		} else if t, err := http.ParseTime(ra); err == nil {
			d = max(t.Sub(c.cfg.Now()), 0)
		}
	}
	return min(d, c.cfg.MaxRetryWait)
}
