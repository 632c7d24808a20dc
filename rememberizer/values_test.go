package rememberizer

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestTooManyValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		json  string
		count int // values in arrays and objects
	}{
		{`{}`, 0},
		{`[]`, 0},
		{`42`, 0},
		{`[1]`, 1},
		{`[1, 2, 3]`, 3},
		{`{"a": 1, "b": [true, null]}`, 4},
		{`[{}, {}, []]`, 3},
		{`["a,b", "[{", "\"],"]`, 3},
		{`{"k\\": "v\\\"]"}`, 1},
		{` [ [ [ ] ] , { "x" : { } } ] `, 4},
	}
	for _, tt := range tests {
		if tooManyValues([]byte(tt.json), tt.count) {
			t.Errorf("%s: got over %d values, want %d", tt.json, tt.count, tt.count)
		}
		if tt.count > 0 && !tooManyValues([]byte(tt.json), tt.count-1) {
			t.Errorf("%s: got at most %d values, want %d", tt.json, tt.count-1, tt.count)
		}
	}
}

// countReference counts the values in v's arrays and objects, at any
// depth, from a full decoding.
func countReference(v any) int {
	switch v := v.(type) {
	case []any:
		n := len(v)
		for _, e := range v {
			n += countReference(e)
		}
		return n
	case map[string]any:
		n := len(v)
		for _, e := range v {
			n += countReference(e)
		}
		return n
	}
	return 0
}

// FuzzTooManyValues checks the one-pass count against a full decoding,
// on every valid JSON text without duplicate keys.
func FuzzTooManyValues(f *testing.F) {
	for _, s := range []string{`{}`, `[1,[2,{"a":[]}]]`, `{"k\\":"v\"]","x":[{},{}]}`, `"[{,"`, `[[[[]]]]`, `{"a":{"b":{"c":null}}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil || hasDuplicateKeys(data) {
			return
		}
		n := countReference(v)
		if tooManyValues(data, n) || (n > 0 && !tooManyValues(data, n-1)) {
			t.Errorf("%s: the scan disagrees with the decoding's %d values", data, n)
		}
	})
}

// hasDuplicateKeys reports whether an object of data repeats a key,
// which the decoding keeps once and the scan counts twice.
func hasDuplicateKeys(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		keys   map[string]bool
		key    bool // the next string token is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		isKey := top != nil && top.object && top.key
		if top != nil && top.object {
			top.key = !top.key
		}
		switch tok := tok.(type) {
		case json.Delim:
			switch tok {
			case '{':
				stack = append(stack, &frame{object: true, keys: map[string]bool{}, key: true})
			case '[':
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1].object {
					stack[len(stack)-1].key = true
				}
			}
		case string:
			if isKey {
				if top.keys[tok] {
					return true
				}
				top.keys[tok] = true
			}
		}
	}
}
