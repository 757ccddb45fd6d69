#include "req.h"

size_t req_sum(struct req *r) {
	size_t s = 0;
	for (size_t i = 0; i < r->len; i++) s += (unsigned char)r->data[i];
	return s;
}
