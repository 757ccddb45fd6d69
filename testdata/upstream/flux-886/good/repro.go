package repro

import (
	"bufio"
	"bytes"
	"fmt"
)

// Resource is a parsed manifest that keeps the bytes it was parsed from.
type Resource interface {
	ResourceID() string
	Source() string
	Bytes() []byte
}

type baseObject struct {
	source string
	bytes  []byte
	Kind   string
	Name   string
}

func (o baseObject) ResourceID() string { return o.Kind + ":" + o.Name }
func (o baseObject) Source() string     { return o.source }
func (o baseObject) Bytes() []byte      { return o.bytes }

// unmarshalObject reads "kind:" and "name:" lines; the object keeps bytes.
func unmarshalObject(source string, bytes []byte) (Resource, error) {
	obj := baseObject{source: source, bytes: bytes}
	for _, line := range splitLines(bytes) {
		if v, ok := cutPrefix(line, "kind: "); ok {
			obj.Kind = v
		} else if v, ok := cutPrefix(line, "name: "); ok {
			obj.Name = v
		}
	}
	if obj.Kind == "" {
		return nil, nil
	}
	return obj, nil
}

func splitLines(b []byte) []string {
	var out []string
	for _, l := range bytes.Split(b, []byte("\n")) {
		out = append(out, string(l))
	}
	return out
}

func cutPrefix(s, p string) (string, bool) {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):], true
	}
	return "", false
}

// ParseMultidoc splits a multi-document YAML file and returns its
// resources by ID.
func ParseMultidoc(multidoc []byte, source string) (map[string]Resource, error) {
	objs := map[string]Resource{}
	chunks := bufio.NewScanner(bytes.NewReader(multidoc))
	initialBuffer := make([]byte, 4096)
	chunks.Buffer(initialBuffer, 1024*1024)
	chunks.Split(splitYAMLDocument)

	var obj Resource
	var err error
	for chunks.Scan() {
		// Bytes may be overwritten by the next Scan and the object keeps
		// them, so take a copy.
		bytes := chunks.Bytes()
		bytes2 := make([]byte, len(bytes), cap(bytes))
		copy(bytes2, bytes)
		if obj, err = unmarshalObject(source, bytes2); err != nil {
			return nil, fmt.Errorf("parsing YAML doc from %q: %w", source, err)
		}
		if obj == nil {
			continue
		}
		objs[obj.ResourceID()] = obj
	}
	if err := chunks.Err(); err != nil {
		return objs, fmt.Errorf("scanning multidoc from %q: %w", source, err)
	}
	return objs, nil
}

const yamlSeparator = "\n---"

// splitYAMLDocument yields one YAML document per token.
func splitYAMLDocument(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	sep := len(yamlSeparator)
	if i := bytes.Index(data, []byte(yamlSeparator)); i >= 0 {
		i += sep
		after := data[i:]
		if len(after) == 0 {
			if atEOF {
				return len(data), data[:len(data)-sep], nil
			}
			return 0, nil, nil
		}
		if j := bytes.IndexByte(after, '\n'); j >= 0 {
			return i + j + 1, data[0 : i-sep], nil
		}
		return 0, nil, nil
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}
