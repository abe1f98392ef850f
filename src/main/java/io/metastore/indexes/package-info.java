/**
 * Declared indexes: a namespace admin declares a B-tree on one metadata path and type ({@code PUT
 * /indexes/{ns}/{name}}); Metastore builds it as a partial expression index on the records of that namespace without
 * blocking writes, reports its state truthfully across restarts and instances, and search uses it once it is ready.
 * {@code boundary} serves {@code /indexes}; {@code control} holds the declarations, the index expressions that search
 * shares, and the builder.
 */
package io.metastore.indexes;
