package jsonpos

import (
	"bytes"
	"errors"
)

// Walking a document piece by piece: objects and arrays opened and
// walked by the caller, JSON Lines, recovery after an error, and looking
// ahead at the unread bytes.

// OpenObject consumes the '{' of an object whose members the caller will
// walk with NextMember instead of reading it whole.
func (d *Decoder) OpenObject() error { return d.open('{', true) }

// OpenArray consumes the '[' of an array whose items the caller will walk
// with NextItem.
func (d *Decoder) OpenArray() error { return d.open('[', false) }

func (d *Decoder) open(want byte, object bool) error {
	c, ok, err := d.Peek()
	if err != nil {
		return err
	}
	p := d.here(0)
	if !ok || c != want {
		return d.fail(p, "expected %q, found %s", want, d.describe(0))
	}
	if err := d.enter(p); err != nil {
		return err
	}
	d.consume(1, false)
	d.levels = append(d.levels, level{object: object, opened: p})
	return nil
}

// NextMember moves to the next member of the object opened with
// OpenObject and returns its name; the caller must then read its value
// (ReadValue, or OpenObject/OpenArray). more is false after the closing '}',
// which closes the level.
func (d *Decoder) NextMember() (name string, namePos Pos, more bool, err error) {
	if d.err != nil {
		return "", Pos{}, false, d.err
	}
	lv := &d.levels[len(d.levels)-1]
	if lv.n > 0 {
		d.path = d.path[:len(d.path)-1]
	}
	if more, err := d.separator(lv, '}'); !more || err != nil {
		return "", Pos{}, false, err
	}
	name, namePos, err = d.memberName(lv.opened)
	if err != nil {
		return "", Pos{}, false, err
	}
	if first, dup := lv.seen[name]; dup {
		d.duplicate(name, namePos, first)
	} else {
		if lv.seen == nil {
			lv.seen = make(map[string]Pos)
		}
		lv.seen[name] = namePos
	}
	lv.n++
	d.path = append(d.path, step{name: name, index: -1})
	return name, namePos, true, nil
}

// NextItem moves to the next item of the array opened with OpenArray; the
// caller must then read it. more is false after the closing ']', which
// closes the level. index is the item's position in the array.
func (d *Decoder) NextItem() (index int, more bool, err error) {
	if d.err != nil {
		return 0, false, d.err
	}
	lv := &d.levels[len(d.levels)-1]
	if lv.n > 0 {
		d.path = d.path[:len(d.path)-1]
	}
	if more, err := d.separator(lv, ']'); !more || err != nil {
		return 0, false, err
	}
	index = lv.n
	lv.n++
	d.path = append(d.path, step{index: index})
	return index, true, nil
}

// separator reads what comes between the members or items of an open
// level: nothing before the first, then ',' or the closing byte.
func (d *Decoder) separator(lv *level, closing byte) (bool, error) {
	what := "array"
	if lv.object {
		what = "object"
	}
	c, ok, err := d.Peek()
	if err != nil {
		return false, err
	}
	if !ok {
		if lv.run {
			return false, nil
		}
		return false, d.failEOF("unexpected end of input in the %s opened at %s", what, where(lv.opened))
	}
	if c == closing {
		d.consume(1, false)
		d.levels = d.levels[:len(d.levels)-1]
		return false, nil
	}
	if lv.n == 0 {
		return true, nil
	}
	if c != ',' {
		return false, d.fail(d.here(0), "unexpected %s in the %s opened at %s; expected ',' or %q", d.describe(0), what, where(lv.opened), closing)
	}
	comma := d.here(0)
	d.consume(1, false)
	if c, ok, _ := d.Peek(); ok && c == closing {
		return false, d.fail(comma, "trailing comma before %q", closing)
	}
	return true, nil
}

// BeginLine starts a JSON Lines document: until EndLine, a line break
// ends the input, so a document cut short cannot run into the next line.
func (d *Decoder) BeginLine() { d.oneLine = true }

// EndLine checks, for JSON Lines, that nothing but spaces follows the
// document before the line break.
func (d *Decoder) EndLine() error {
	d.oneLine = false
	if d.err != nil {
		return d.err
	}
	for {
		c, ok := d.at(0)
		switch {
		case !ok:
			if d.rerr != nil {
				return d.readFailed()
			}
			return nil
		case c == ' ' || c == '\t' || c == '\r':
			d.pos++
		case c == '\n':
			return nil
		default:
			return d.fail(d.here(0), "unexpected %s after the JSON value; JSON Lines hold one document per line", d.describe(0))
		}
	}
}

// Recover clears a syntax error so that reading can go on at the next
// line, for JSON Lines where one bad line must not hide the rest. It
// returns false when nothing is left to read, when the error was a read
// error, which cannot be recovered from, or when the input is not UTF-8,
// which no later line would be either. When a read error (an input cut
// at its size limit) stops it before the next line, it returns true and
// the next read returns that error, which is not to be lost with the
// rest of the bad line.
func (d *Decoder) Recover() bool {
	var se *SyntaxError
	if d.err != nil && !errors.As(d.err, &se) || d.encoding {
		return false
	}
	d.err = nil
	d.oneLine = false
	d.levels = d.levels[:0]
	d.path = d.path[:0]
	for {
		c, ok := d.at(0)
		if !ok {
			if d.rerr == nil {
				return false
			}
			d.readFailed() // for the next read to return
			return true
		}
		d.pos++
		if c == '\n' {
			d.line++
			d.lineStart = d.base + int64(d.pos)
			d.cont = 0
			return true
		}
	}
}

// Window returns the unread input from the scan point on, reading until it
// holds at least n bytes or the input ends; for a JSON Lines document it
// stops at the line break. It lets a caller that recognises a common value
// cheaply look at its bytes before deciding how to read it: either Skip it
// whole, or read it with ReadValue as if Window had not been called. The
// slice is valid until the next call on d, and must not be modified.
func (d *Decoder) Window(n int) []byte {
	if d.err != nil {
		return nil
	}
	for len(d.buf)-d.pos < n && d.fill() {
	}
	w := d.buf[d.pos:]
	if d.oneLine {
		if i := bytes.IndexByte(w, '\n'); i >= 0 {
			w = w[:i]
		}
	}
	return w
}

// Skip consumes the first n bytes of the Window, which the caller has
// checked to be one whole, well-formed value, and keeps the line and
// column count for what follows. ascii tells that the caller saw only
// ASCII bytes among them, which spares counting characters.
func (d *Decoder) Skip(n int, ascii bool) {
	seg := d.buf[d.pos : d.pos+n]
	d.pos += n
	if bytes.IndexByte(seg, '\n') >= 0 {
		nl := bytes.LastIndexByte(seg, '\n')
		d.line += bytes.Count(seg, []byte{'\n'})
		d.lineStart = d.base + int64(d.pos-n+nl+1)
		d.cont = 0
		seg = seg[nl+1:]
	}
	if !ascii {
		d.cont += int64(extraBytes(seg))
	}
}
