/**
 * The record lifecycle rules: key and content validation, merge patches, preconditions on versions, and the
 * transactional service that serialises writers per key so no concurrent update is lost.
 */
package io.metastore.records.control;
