package validate

import (
	"maps"
	"sync"
	"sync/atomic"
)

// memo remembers the answers of a pure function for up to memoSize
// distinct questions, for every goroutine at once. A question already
// answered costs an atomic load and a map lookup, with no lock: workers
// that check the same collection on many cores share the map without
// writing to it. A new answer copies the map, which is bounded, so that
// all the copies together cost at most memoSize²/2 entries.
type memo[K comparable, V any] struct {
	answers atomic.Pointer[map[K]V]
	mu      sync.Mutex // held to add an answer
}

// memoSize bounds the questions a memo remembers; further ones are
// answered anew each time. A collection holds a few distinct mistakes,
// repeated.
const memoSize = 256

// maxMemoText bounds, in bytes, the input text a memo's question may
// hold: memoSize questions hold at most memoSize times as much.
const maxMemoText = 256

// get returns the answer to k, from work the first time. keep returns
// the question as it is to be stored: a copy of any string in it that
// looks into input bytes that will change.
func (m *memo[K, V]) get(k K, keep func(K) K, work func() V) V {
	if answers := m.answers.Load(); answers != nil {
		if v, ok := (*answers)[k]; ok {
			return v
		}
	}
	v := work()
	m.mu.Lock()
	defer m.mu.Unlock()
	old := m.answers.Load()
	if old != nil && len(*old) >= memoSize {
		return v
	}
	answers := make(map[K]V, 1+lenOf(old))
	if old != nil {
		maps.Copy(answers, *old)
	}
	answers[keep(k)] = v
	m.answers.Store(&answers)
	return v
}

func lenOf[K comparable, V any](m *map[K]V) int {
	if m == nil {
		return 0
	}
	return len(*m)
}
