#include <stdlib.h>

struct req {
	char *data;
	size_t len;
};

size_t req_sum(struct req *r);
