package main

import "testing"

const wrkReport = `Running 10s test @ http://127.0.0.1:40123/api/me
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.12ms  612.31us  14.20ms   78.11%
    Req/Sec    14.61k     1.02k   17.01k    71.50%
  290781 requests in 10.00s, 63.05MB read
Requests/sec:  29072.51
Transfer/sec:      6.30MB
`

func TestParseWrk(t *testing.T) {
	tests := []struct {
		name    string
		out     string
		want    wrkResult
		wantErr bool
	}{
		{name: "clean run", out: wrkReport, want: wrkResult{RequestsPerSec: 29072.51}},
		{name: "non-2xx", out: wrkReport + "  Non-2xx or 3xx responses: 12\n", want: wrkResult{RequestsPerSec: 29072.51, Non2xx: 12}},
		{name: "socket errors", out: "  Socket errors: connect 0, read 3, write 0, timeout 0\n" + wrkReport, want: wrkResult{RequestsPerSec: 29072.51, Errors: true}},
		{name: "no result", out: "unable to connect to 127.0.0.1:1 Connection refused\n", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseWrk(tt.out)
			if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
				t.Fatalf("got %+v, %v; want %+v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
