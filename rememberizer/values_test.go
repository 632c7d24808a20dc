package rememberizer

import "testing"

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
