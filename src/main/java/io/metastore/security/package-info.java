/**
 * Who is calling and what they may touch: the caller's principal from the MicroProfile JWT {@code sub} claim and the
 * namespace grants from its {@code groups} claim ({@code <ns>:read}, {@code <ns>:write}, {@code *:read},
 * {@code *:write}). Every endpoint asks {@link io.metastore.security.Caller} before it reads or writes a namespace.
 */
package io.metastore.security;
