package repro

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
)

// ParsedRequest is a recorded request and the time it was captured.
type ParsedRequest struct {
	Request   []byte
	Timestamp int64
}

// readLines reads a whole capture file into memory and returns its requests.
func readLines(path string) (requests []ParsedRequest, err error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()

	scanner := bufio.NewScanner(file)
	scanner.Split(scanLinesFunc)

	for scanner.Scan() {
		if len(scanner.Text()) > 5 {
			i := bytes.IndexByte(scanner.Bytes(), '\n')
			timestamp, _ := strconv.Atoi(string(scanner.Bytes()[:i]))
			pr := ParsedRequest{scanner.Bytes()[i+1:], int64(timestamp)}

			requests = append(requests, pr)
		}
	}

	return requests, scanner.Err()
}

// scanLinesFunc splits a capture file into timestamped requests.
func scanLinesFunc(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}

	delimiter := []byte{'\r', '\n', '\r', '\n', '\n'}

	// A request ends with a blank line followed by a newline.
	if i := bytes.Index(data, delimiter); i >= 0 {
		return i + len(delimiter), data[0 : i+len(delimiter)], nil
	}

	if atEOF {
		return len(data), data, nil
	}

	return 0, nil, nil
}
