/** What operators watch: MicroProfile Health checks (live, ready with a database probe, started). */
package io.metastore.observability;
