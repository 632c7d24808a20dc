package parallel_test

import (
	"errors"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/rzauth/rememberizer-go/internal/parallel"
)

func TestStatusesCallsEachIndexOnce(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	got := parallel.Statuses(t, 20, func(i int) (int, error) {
		calls.Add(1)
		return 100 + i, nil
	})
	if n := calls.Load(); n != 20 {
		t.Fatalf("calls: got %d, want 20", n)
	}
	for i, s := range got {
		if s != 100+i {
			t.Errorf("status %d: got %d, want %d", i, s, 100+i)
		}
	}
}

// recorder is a testing.TB that keeps the errors reported to it.
type recorder struct {
	testing.TB
	errs atomic.Int32
}

func (r *recorder) Helper()               {}
func (r *recorder) Error(...any)          { r.errs.Add(1) }
func (r *recorder) Errorf(string, ...any) { r.errs.Add(1) }

func TestStatusesReportsErrors(t *testing.T) {
	t.Parallel()
	rec := &recorder{TB: t}
	got := parallel.Statuses(rec, 4, func(i int) (int, error) {
		if i%2 == 1 {
			return 200, errors.New("connection refused")
		}
		return 200, nil
	})
	if n := rec.errs.Load(); n != 2 {
		t.Errorf("errors reported: got %d, want 2", n)
	}
	if want := []int{200, 0, 200, 0}; !slices.Equal(got, want) {
		t.Errorf("statuses: got %v, want %v", got, want)
	}
}
