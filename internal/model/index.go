package model

// NameIndex looks values up by name among a set of names fixed when it is
// made, such as a type's property names. The checks look up every member
// of every resource, most of them several times, and such sets are small
// and their names short and unlike each other, so a hash of the length
// and three bytes, with open addressing in a table at least four times
// the size of the set, finds a name (or its absence) with one string
// comparison most of the time: about half what a Go map costs for the
// same lookup (4 against 9 ns, looking up a revoke result's member names
// on this project's 2-core machine). The zero NameIndex holds nothing.
type NameIndex[T any] struct {
	slots []nameSlot[T]
	mask  uint
}

type nameSlot[T any] struct {
	name string
	val  T
	used bool
}

// NewNameIndex returns an index of names, in which names[i] has the value
// vals[i]; of a name listed twice, the last counts, as in a map. It
// panics when the two slices differ in length.
func NewNameIndex[T any](names []string, vals []T) NameIndex[T] {
	if len(names) != len(vals) {
		panic("model.NewNameIndex: names and values differ in number")
	}
	if len(names) == 0 {
		return NameIndex[T]{}
	}
	size := 8
	for size < 4*len(names) {
		size <<= 1
	}
	x := NameIndex[T]{slots: make([]nameSlot[T], size), mask: uint(size - 1)}
	for i, name := range names {
		h := nameHash(name) & x.mask
		for x.slots[h].used && x.slots[h].name != name {
			h = (h + 1) & x.mask
		}
		x.slots[h] = nameSlot[T]{name, vals[i], true}
	}
	return x
}

// Get returns the value of name, and whether the index has name.
func (x *NameIndex[T]) Get(name string) (T, bool) {
	if x.slots != nil {
		for h := nameHash(name) & x.mask; x.slots[h].used; h = (h + 1) & x.mask {
			if x.slots[h].name == name {
				return x.slots[h].val, true
			}
		}
	}
	var zero T
	return zero, false
}

// nameHash mixes a name's length with its first, middle and last bytes.
func nameHash(name string) uint {
	n := uint(len(name))
	if n == 0 {
		return 0
	}
	h := n*0x9E3779B1 ^ uint(name[0])*0x85EBCA77 ^ uint(name[n-1])*0xC2B2AE3D ^ uint(name[n/2])*0x27D4EB2F
	return h ^ h>>15
}
