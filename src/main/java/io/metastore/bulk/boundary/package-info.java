/** The bulk HTTP call: request validation per operation, atomic or independent execution, and the result list. */
package io.metastore.bulk.boundary;
