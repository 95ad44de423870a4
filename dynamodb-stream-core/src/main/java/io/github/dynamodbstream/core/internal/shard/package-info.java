/** Shard discovery and lineage: which shards exist, which may be read now, which are done. */
package io.github.dynamodbstream.core.internal.shard;
