/**
 * Declared indexes, in the domain's words: a declaration ({@link io.metastore.indexes.control.IndexDeclaration}) and
 * its rules, the stored declarations ({@link io.metastore.indexes.control.IndexDeclarations}), the typed expressions
 * that both the index definitions and the search compiler write ({@link io.metastore.indexes.control.TypedValue}), the
 * builder that creates and drops the physical indexes outside any transaction
 * ({@link io.metastore.indexes.control.IndexBuilder}), and the catalogue of ready indexes search consults
 * ({@link io.metastore.indexes.control.ReadyIndexes}).
 */
package io.metastore.indexes.control;
