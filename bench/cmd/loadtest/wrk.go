package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
)

// wrkResult is what the load test keeps of one wrk run.
type wrkResult struct {
	RequestsPerSec float64
	Non2xx         int64
	Errors         bool
}

// parseWrk reads wrk's report: the "Requests/sec:" line, and whether any
// answer was not 2xx or 3xx, or any socket error happened.
func parseWrk(out string) (wrkResult, error) {
	var r wrkResult
	found := false
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "Requests/sec:"):
			v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimPrefix(line, "Requests/sec:")), 64)
			if err != nil {
				return r, fmt.Errorf("wrk: %q: %w", line, err)
			}
			r.RequestsPerSec, found = v, true
		case strings.HasPrefix(line, "Non-2xx or 3xx responses:"):
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimPrefix(line, "Non-2xx or 3xx responses:")), 10, 64)
			if err != nil {
				return r, fmt.Errorf("wrk: %q: %w", line, err)
			}
			r.Non2xx = n
		case strings.HasPrefix(line, "Socket errors:"):
			r.Errors = true
		}
	}
	if !found {
		return r, fmt.Errorf("wrk printed no Requests/sec line")
	}
	return r, nil
}
